"""The desk devices in the web client: reception writes a card on the
encoder of its desk in sao, the cashier takes a swipe from the desk's
reader and the slip comes out of the desk's printer. The box is iot_box
serving its simulated devices (ptys speaking the encoder's, the reader's
and the printer's protocols); the server is the shared demo center.

Screenshots land in test-output/browser/, the printed slip as
test-output/browser/devices-slip.png."""
import re
import threading
from decimal import Decimal

from iot_box import track
from iot_box.tests.server import BoxServer

from . import browser
from .rpc import Session
from .server import card_stripe

PASSWORD = 'member-demo'
RECEPTION, CASHIER = 'reception2', 'cashier'
WRITE_ON_ENCODER, WRITE = "在写卡器上写卡", "写卡"
L_STATE, WRITTEN = "状态", "已写卡（未激活）"
MENU_DEBIT = ("会员", "收银员", "刷卡消费")
READER, CLOSE, CONTINUE = "刷卡器刷卡", "关闭", "继续"
L_HOLDER, L_ITEMS, C_PRODUCT = "持卡人", "消费项目", "项目"
DEBIT_BUTTON, NEXT_CARD, PRINT_SLIP = "扣款", "下一张卡", "打印消费单"
REPRINT, L_PRINTER = "打印机补打", "打印机"
ECG = ("ECG", "[ECG] 心电图")


class DevicesBrowserTestCase(browser.DemoBrowserTestCase):
    "Reception and the cashier with the simulated desk devices"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.box = BoxServer().__enter__()
        cls.addClassCleanup(cls.box.__exit__, None, None, None)
        call = cls.admin.call
        box, = call('model.iot.box.create', [{'name': "浏览器测试设备盒",
                    'url': cls.box.url}])
        cls.addClassCleanup(call, 'model.iot.box.delete', [box])
        session, _, _ = call('wizard.iot.box.pair.create')
        call('wizard.iot.box.pair.execute', session,
            {'start': {'box': box, 'code': cls.box.code}}, 'pair',
            context={'active_model': 'iot.box', 'active_id': box,
                'active_ids': [box]})
        devices = {d['name']: d['id'] for d in call(
                'model.iot.device.search_read', [('box', '=', box)], 0, None,
                None, ['name'])}
        users = {u['login']: u['id'] for u in call(
                'model.res.user.search_read',
                [('login', 'in', [RECEPTION, CASHIER])], 0, None, None,
                ['login'])}
        desks = call('model.iot.desk.create', [
                {'name': "浏览器前台", 'box': box,
                    'encoder': devices['encoder'],
                    'users': [('add', [users[RECEPTION]])]},
                {'name': "浏览器收银台", 'box': box,
                    'reader': devices['reader'],
                    'printer': devices['printer'],
                    'users': [('add', [users[CASHIER]])]}])
        cls.addClassCleanup(call, 'model.iot.desk.delete', desks)

    def login(self, login):
        browser.login(self.page, self.server.url, self.server.database,
            login, PASSWORD)

    def open_record(self, model, record, name):
        "Open record's form in a tab (as a link in sao would)"
        page = self.page
        tabs = page.evaluate('() => Sao.Tab.tabs.length')
        page.evaluate('''([model, id, name]) => Sao.Tab.create({
                model: model, res_id: id, mode: ['form'], name: name})''',
            [model, record, name])
        page.wait_for_function('(count) => Sao.Tab.tabs.length > count',
            arg=tabs)
        browser.wait_view(page, 'form')

    def test_write_card(self):
        "Reception writes a card on the encoder: read back, it is written"
        page = self.page
        card, = self.admin.call('model.member.card.search_read',
            [('state', '=', 'draft')], 0, 1, [('id', 'DESC')], ['number'])
        with browser.screenshot_on_failure(page, 'devices-write'):
            self.login(RECEPTION)
            self.open_record('member.card', card['id'], "会员卡")
            browser.click_button(page, WRITE_ON_ENCODER)
            page.wait_for_function('() => __saoTest.dialogs().length > 0')
            browser.wait_idle(page)
            browser.screenshot(page, 'devices-write-start')
            browser.click_button(page, WRITE)
            browser.expect_field(page, L_STATE, WRITTEN)
            browser.screenshot(page, 'devices-card-written')
        state, = self.admin.call('model.member.card.read', [card['id']],
            ['state'])
        self.assertEqual(state['state'], 'written')
        encoder = self.box.simulation.encoder
        self.assertEqual(f';{track.decode(2, encoder.card[2])}?',
            card_stripe(self.server, card['id']))

    def test_cashier_reader_and_printer(self):
        "Reader takes the swipe from the desk's reader; the slip prints"
        page = self.page
        cashier = Session.login(self.server.url, self.server.database,
            CASHIER, PASSWORD)
        if not cashier.call('model.member.cashier.shift.search',
                [('state', '=', 'open'), ('user.login', '=', CASHIER)],
                0, None, None):
            cashier.call('model.member.cashier.shift.create', [{}])
        cards = self.admin.call('model.member.card.search_read', [
                ('state', '=', 'active'), ('kind', '=', 'primary'),
                ('member.state', '!=', 'withdrawn'),
                ('account.balance', '>=', Decimal(200))], 0, 1, None,
            ['member.rec_name'])
        self.assertTrue(cards, "the demo has a card with a balance")
        card = cards[0]
        printer = self.box.simulation.printer
        jobs = len(printer.jobs)
        with browser.screenshot_on_failure(page, 'devices-cashier'):
            self.login(CASHIER)
            browser.open_menu_dialog(page, *MENU_DEBIT)
            self.assertEqual(browser.buttons(page), [CLOSE, READER, CONTINUE])
            # the card is swiped on the desk's reader while Reader waits
            threading.Timer(1.0, self.box.simulation.reader.swipe,
                [card_stripe(self.server, card['id'])]).start()
            browser.click_button(page, READER)
            browser.expect_field(page, L_HOLDER,
                card['member.']['rec_name'])
            browser.add_line(page, L_ITEMS, {})
            browser.fill_line_cell(page, L_ITEMS, C_PRODUCT, *ECG)
            browser.click_button(page, DEBIT_BUTTON)
            browser.expect_field(page, L_PRINTER,
                re.compile('已发送到打印机'))
            self.assertEqual(browser.buttons(page),
                [CLOSE, PRINT_SLIP, REPRINT, NEXT_CARD])
            copies = printer.wait_jobs(jobs + 1, timeout=10)[jobs:]
            self.assertEqual(len(copies), 1, "the slip was printed")
            slip = printer.copies(jobs)
            self.assertEqual(len(slip), 3)
            self.assertTrue(any('80.00' in line.text
                    for line in slip[0].lines))
            browser.screenshot(page, 'devices-cashier-printed')
            browser.click_button(page, REPRINT)
            browser.expect_field(page, L_PRINTER, re.compile('补打'))
            self.assertEqual(len(printer.wait_jobs(jobs + 2)), jobs + 2)
            reprint = printer.copies(jobs + 1)
            self.assertTrue(all('重打' in c.lines[1].text for c in reprint))
        (browser.OUTPUT / 'devices-slip.png').write_bytes(printer.png(jobs))
