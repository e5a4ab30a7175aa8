"""The desk flows with the device box, end to end: the real trytond of the
demo center on PostgreSQL over JSON-RPC, and iot_box serving its simulated
encoder, reader and printer (ptys speaking the devices' protocols).

The administrator pairs the box with the code it showed and sets up two
desks. Reception writes a new member's card on the encoder (read back and
verified); the cashier takes that card's swipe from the desk's reader,
tops the household up and debits a checkup item; the receipts come out of
the printer in Chinese, after the commit, in their copies; a reprint is
marked; with the paper out the debit stands and the cashier is notified."""
import time
import unittest

from iot_box import track
from iot_box.tests.server import BoxServer

from .rpc import RPCError, Session
from .server import (
    ADMIN_PASSWORD, DEMO_PASSWORD, card_stripe, shared_demo_server)

RECEPTION, CASHIER = 'reception', 'cashier'


def Desk(server, login):
    "A demo user over JSON-RPC"
    return Session.login(server.url, server.database, login,
        ADMIN_PASSWORD if login == 'admin' else DEMO_PASSWORD)


class DeskDevicesTestCase(unittest.TestCase):
    "Reception and cashier with the box's devices"

    @classmethod
    def setUpClass(cls):
        cls.server = shared_demo_server()
        cls.box = BoxServer().__enter__()
        cls.admin = Desk(cls.server, 'admin')
        cls.reception = Desk(cls.server, RECEPTION)
        cls.cashier = Desk(cls.server, CASHIER)
        call = cls.admin.call
        box, = call('model.iot.box.create', [{'name': "测试设备盒",
                    'url': cls.box.url}])
        cls.box_id = box
        pair = cls.admin.wizard('iot.box.pair', ('iot.box', box))
        pair.execute('start')
        pair.execute('pair', {'start': {'box': box, 'code': cls.box.code}})
        devices = {d['name']: d['id'] for d in call('model.iot.device.read',
                call('model.iot.device.search', [('box', '=', box)], 0, None,
                    None), ['name'])}
        users = {u['login']: u['id'] for u in call('model.res.user.read',
                call('model.res.user.search',
                    [('login', 'in', [RECEPTION, CASHIER])], 0, None, None),
                ['login'])}
        cls.desks = call('model.iot.desk.create', [
                {'name': "前台", 'box': box, 'encoder': devices['encoder'],
                    'users': [('add', [users[RECEPTION]])]},
                {'name': "收银台", 'box': box, 'reader': devices['reader'],
                    'printer': devices['printer'],
                    'users': [('add', [users[CASHIER]])]}])

    @classmethod
    def tearDownClass(cls):
        # the shared demo center goes on without this box
        cls.admin.call('model.iot.desk.delete', cls.desks)
        cls.admin.call('model.iot.box.delete', [cls.box_id])
        cls.box.__exit__(None, None, None)

    def draft_card(self):
        "A card to write, of a member registered at reception"
        cards = self.reception.call('model.member.card.search',
            [('state', '=', 'draft')], 0, 1, [('id', 'DESC')])
        self.assertTrue(cards, "the demo has cards to write")
        return cards[0]

    def write_card(self, card):
        run = self.reception.wizard('iot.card.write', ('member.card', card))
        state, values = run.execute('start')
        self.assertEqual(state, 'start')
        self.assertIn('刷空白卡', values['message'])
        run.execute('write', {'start': values})
        return run

    def swipe_on_reader(self):
        "The card in the encoder's slot swiped on the cashier's reader"
        simulation = self.box.simulation
        simulation.reader.swipe(simulation.encoder_card())

    def printed(self, count):
        "The copies of the newest job once count jobs came out"
        printer = self.box.simulation.printer
        jobs = printer.wait_jobs(count, timeout=10)
        self.assertEqual(len(jobs), count, "the printer printed")
        return [[line.text for line in copy.lines]
            for copy in printer.copies(count - 1)]

    def test_desk_flow(self):
        "Write, verify, swipe on the reader, top up, debit, print, reprint"
        reception, cashier = self.reception, self.cashier
        card = self.draft_card()
        payload = card_stripe(self.server, card)
        # by hand: refused, in Chinese
        with self.assertRaises(RPCError) as refused:
            reception.wizard('member.card.write',
                ('member.card', card)).execute('start')
        self.assertIn('写卡器', refused.exception.message)
        self.write_card(card)
        state, = reception.call('model.member.card.read', [card], ['state'])
        self.assertEqual(state['state'], 'written')
        encoder = self.box.simulation.encoder
        self.assertEqual(f';{track.decode(2, encoder.card[2])}?', payload)
        reception.call('model.member.card.write', [card],
            {'fee_receipt': 'R-IOT-1'})
        reception.call('model.member.card.activate', [card])

        shifts = cashier.call('model.member.cashier.shift.search',
            [('state', '=', 'open'), ('user.login', '=', CASHIER)],
            0, None, None)
        if not shifts:
            cashier.call('model.member.cashier.shift.create', [{}])
        printer = self.box.simulation.printer
        jobs = len(printer.jobs)

        # top-up: the swipe taken from the reader, the receipt printed
        topup = cashier.wizard('member.cashier.topup')
        state, values = topup.execute('start')
        self.swipe_on_reader()
        state, sheet = topup.execute('from_reader', {'start': values})
        self.assertEqual((state, sheet['card']), ('sheet', card))
        before = float(sheet['balance'])  # the household's, maybe shared
        method, = cashier.call('model.member.payment.method.search', [],
            0, 1, None)
        sheet.update({'amount': '1000.00', 'payment_method': method,
                'receipt': 'R-IOT-TOPUP'})
        state, done = topup.execute('post', {'sheet': sheet})
        self.assertEqual(state, 'done')
        self.assertIn('打印机', done['printed'])
        copies = self.printed(jobs + 1)
        self.assertEqual(len(copies), 2)
        self.assertTrue(any('1,000.00' in line or '1000.00' in line
                for line in copies[0]), copies[0])

        # debit: swiped a few seconds before Reader is pressed
        self.swipe_on_reader()
        time.sleep(0.5)
        debit = cashier.wizard('member.cashier.debit')
        state, values = debit.execute('start')
        state, sheet = debit.execute('from_reader', {'start': values})
        self.assertEqual(state, 'items')
        self.assertEqual(float(sheet['balance']), before + 1000)
        product, = cashier.call('model.product.product.search',
            [('code', '=', 'ECG')], 0, 1, None)
        sheet['lines'] = [{'product': product, 'quantity': 1,
                'unit_price': '80.00', 'amount': '80.00'}]
        state, done = debit.execute('post', {'items': sheet})
        self.assertEqual(state, 'done')
        self.assertEqual(float(done['balance']), before + 920)
        copies = self.printed(jobs + 2)
        self.assertEqual([c[2].strip() for c in copies],
            ['第一联 客户联', '第二联 财务联', '第三联 存根联'])
        self.assertTrue(all('消费' in c[1] for c in copies), copies)
        self.assertTrue(any('80.00' in line for line in copies[0]))
        # reprint: marked, once per click
        state, again = debit.execute('reprint', {'done': done})
        self.assertIn('补打', again['printed'])
        copies = self.printed(jobs + 3)
        self.assertTrue(all('重打' in c[1] for c in copies), copies)

        # out of paper: the debit stands, the cashier is told
        printer.paper = 'out'
        self.addCleanup(setattr, printer, 'paper', 'ok')
        self.swipe_on_reader()
        debit = cashier.wizard('member.cashier.debit')
        state, values = debit.execute('start')
        state, sheet = debit.execute('from_reader', {'start': values})
        sheet['lines'] = [{'product': product, 'quantity': 1,
                'unit_price': '80.00', 'amount': '80.00'}]
        state, done = debit.execute('post', {'items': sheet})
        self.assertEqual(float(done['balance']), before + 840)
        deadline = time.monotonic() + 15
        notes = []
        while not notes and time.monotonic() < deadline:
            notes = cashier.call('model.res.notification.search_read',
                [('model', '=', 'member.account.debit')], 0, None, None,
                ['label', 'description', 'records'])
            notes = [n for n in notes if str(done['debit']) in n['records']]
            time.sleep(0.2)
        self.assertTrue(notes, "the cashier is told the slip did not print")
        self.assertEqual(notes[0]['label'], '小票未打印')
        self.assertIn('缺纸', notes[0]['description'])
        self.assertEqual(len(printer.jobs), jobs + 3)

    def test_browser_token(self):
        "The cashier's web client gets a token for the desk's devices only"
        answer = self.cashier.call('model.iot.desk.browser_token')
        self.assertEqual(answer['url'], self.box.url)
        status, _, _ = self.box.call('GET', '/v1/events',
            token=answer['token'])
        self.assertEqual(status, 200)
        status, refused, _ = self.box.job('write_card', 'encoder',
            {'tracks': {'2': '12345678'}}, token=answer['token'])
        self.assertEqual((status, refused['error']['code']),
            (403, 'token_action'))
        with self.assertRaises(RPCError):
            Desk(self.server, 'service_agent').call(
                'model.iot.desk.browser_token')

    def test_secret_hidden(self):
        "Nobody reads the pairing secret over RPC, the cashier neither"
        with self.assertRaises(RPCError):
            self.cashier.call('model.iot.box.read', [self.box_id], ['secret'])
        rows = self.cashier.call('model.iot.box.read', [self.box_id],
            ['name', 'state'])
        self.assertEqual(rows[0]['state'], 'paired')
