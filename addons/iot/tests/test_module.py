# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The Tryton side of the desk devices against a real box: iot_box served
by uvicorn with its simulated encoder, reader and printer on ptys."""
import time
from decimal import Decimal
from unittest.mock import patch

from iot_box import track
from iot_box.tests.server import BoxServer

from trytond.exceptions import UserError
from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.modules.iot import reader
from trytond.modules.iot.aftercommit import AfterCommit
from trytond.modules.member_account.tests.test_module import (
    checkup_item, open_shift)
from trytond.modules.member_card.tests.test_module import new_card
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction


def run_wizard(name, record, state, data=None, session=None):
    """(session id, what execute answered) of running wizard name on record
    (None for a wizard of the menu)"""
    Wizard = Pool().get(name, type='wizard')
    context = {}
    if record is not None:
        context = {'active_model': record.__name__, 'active_id': record.id,
            'active_ids': [record.id]}
    with Transaction().set_context(context):
        if session is None:
            session, _, _ = Wizard.create()
        return session, Wizard.execute(session, data or {}, state)


def view_of(result):
    "(state, defaults) of the view a wizard shows"
    view = result.get('view') or {}
    defaults = {k: v for k, v in (view.get('defaults') or {}).items()
        if '.' not in k}  # not the display names of the relations
    return view.get('state'), defaults



def write_by_hand(card):
    """Run the manual writing wizard on card: its step's values (the
    payload shown), then Card Written"""
    pool = Pool()
    Write = pool.get('member.card.write', type='wizard')
    with Transaction().set_user(0), Transaction().set_context(
            active_model='member.card', active_id=card.id):
        session_id, _, _ = Write.create()
        view = Write.execute(session_id, {}, 'start')
        Write.execute(session_id, {}, 'written')
        Write.delete(session_id)
    return view['view']['defaults']

class IotTestCase(CompanyTestMixin, ModuleTestCase):
    """Test the iot module (with health_checkup, whose check-in it extends)
    against a box with simulated devices, paired on demand"""
    module = 'iot'
    extras = ['health_checkup']

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = BoxServer().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        simulation = self.server.simulation
        simulation.encoder.fault = None
        simulation.encoder.card = {}
        simulation.encoder.received.clear()
        simulation.printer.paper = 'ok'

    def paired_box(self):
        "The box, paired (once per test class: the box keeps its pairing)"
        pool = Pool()
        Box = pool.get('iot.box')
        box, = Box.create([{'name': "前台电脑", 'url': self.server.url}])
        if not hasattr(self.server, 'secret'):
            self.server.pair()
        Box.write([box], {'state': 'paired',
                'identifier': self.server.box_id,
                'secret': self.server.secret.hex()})
        Box.refresh([box])
        return box

    def desk(self, box, **devices):
        pool = Pool()
        Desk = pool.get('iot.desk')
        Device = pool.get('iot.device')
        values = {'name': "收银台", 'box': box.id,
            'users': [('add', [Transaction().user])]}
        for kind, name in devices.items():
            device, = Device.search([('box', '=', box.id),
                    ('name', '=', name)])
            values[kind] = device.id
        desk, = Desk.create([values])
        return desk

    def draft_card(self, company):
        return new_card(company, name="李娜", phone='+86 139 0013 9000')

    def card_at_encoder(self, company):
        "A card to write, at a desk of the user with the encoder"
        self.desk(self.paired_box(), encoder='encoder')
        return self.draft_card(company)

    def write_on_encoder(self, card, session=None, values=None):
        """Open the writing wizard on card (unless session) and press
        Write: (session, the values written from, (state, values) next)"""
        if session is None:
            session, result = run_wizard('iot.card.write', card, 'start')
            values = view_of(result)[1]
        _, result = run_wizard('iot.card.write', card, 'write',
            {'start': values}, session)
        return session, values, view_of(result)

    def written_card(self, company):
        "A card written through the wizard on the simulated encoder"
        card = self.draft_card(company)
        self.write_on_encoder(card)
        return card

    @with_transaction()
    def test_pairing(self):
        "A wrong code is refused with a message; the box record is unchanged"
        pool = Pool()
        Box = pool.get('iot.box')
        box, = Box.create([{'name': "前台电脑", 'url': self.server.url}])
        if not hasattr(self.server, 'secret'):
            session, result = run_wizard('iot.box.pair', box, 'start')
            with self.assertRaises(UserError) as refused:
                run_wizard('iot.box.pair', box, 'pair',
                    {'start': {'box': box.id, 'code': 'nope'}}, session)
            self.assertIn('pairing code is wrong', refused.exception.message)
            self.assertEqual(box.state, 'unpaired')
            run_wizard('iot.box.pair', box, 'pair',
                {'start': {'box': box.id, 'code': self.server.code}},
                session)
            self.assertEqual(box.state, 'paired')
            self.server.box_id = box.identifier
            self.server.secret = bytes.fromhex(box.secret)
            self.assertEqual(sorted((d.name, d.kind, d.state)
                    for d in box.devices), [
                    ('encoder', 'encoder', 'connected'),
                    ('printer', 'printer', 'connected'),
                    ('reader', 'reader', 'connected')])
        other, = Box.create([{'name': "另一台", 'url': self.server.url + '/'}])
        session, result = run_wizard('iot.box.pair', other, 'start')
        with self.assertRaises(UserError) as refused:
            run_wizard('iot.box.pair', other, 'pair',
                {'start': {'box': other.id, 'code': '12345678'}}, session)
        self.assertIn('already paired', refused.exception.message)

    def assertRefreshRefused(self, values, message):
        "Refresh Devices of the paired box changed by values is refused"
        pool = Pool()
        Box = pool.get('iot.box')
        box = self.paired_box()
        Box.write([box], values)
        with self.assertRaises(UserError) as refused:
            Box.refresh([box])
        self.assertIn(message, refused.exception.message)

    @with_transaction()
    def test_wrong_secret(self):
        "A box record with another secret is refused by the box"
        self.assertRefreshRefused({'secret': '00' * 32},
            'refused the request')

    @with_transaction()
    def test_unreachable(self):
        "A box that does not answer: a message saying so"
        self.assertRefreshRefused({'url': 'http://127.0.0.1:9'},
            'does not answer')

    @with_transaction()
    def test_write_card(self):
        "Written by the encoder, read back: the card is written"
        company = create_company()
        with set_company(company):
            pool = Pool()
            Card = pool.get('member.card')
            card = self.card_at_encoder(company)
            with self.assertRaises(UserError) as refused:
                write_by_hand(card)  # by hand: no
            self.assertIn('Write on Encoder', refused.exception.message)
            _, values, _ = self.write_on_encoder(card)
            self.assertEqual(values['card'], card.id)
            self.assertEqual(Card(card.id).state, 'written')
            encoder = self.server.simulation.encoder
            self.assertEqual(encoder.received, ['write', 'r'])
            self.assertEqual(track.decode(2, encoder.card[2]),
                card.track_payload)
            log = [entry for entry in Card(card.id).logs
                if entry.to_state == 'written']
            self.assertIn('read back', log[0].reason)
            Card.activate([card])
            self.assertEqual(Card.find(f';{card.track_payload}?'), card)

    @with_transaction()
    def test_write_card_mismatch(self):
        "Another card read back: the card stays to write, the desk is told"
        company = create_company()
        with set_company(company):
            pool = Pool()
            Card = pool.get('member.card')
            card = self.card_at_encoder(company)
            self.server.simulation.encoder.fault = 'other_card'
            session, values, (state, again) = self.write_on_encoder(card)
            self.assertEqual(state, 'start')
            self.assertIn('differs', again['refusal'])
            self.assertNotEqual(again['action_id'], values['action_id'])
            self.assertEqual(Card(card.id).state, 'draft')
            # fixed: the next try writes it
            self.server.simulation.encoder.fault = None
            self.write_on_encoder(card, session, again)
            self.assertEqual(Card(card.id).state, 'written')

    @with_transaction()
    def test_write_card_waiting(self):
        "No swipe yet: the wizard waits in steps, with the same action id"
        company = create_company()
        with set_company(company):
            pool = Pool()
            Card = pool.get('member.card')
            card = self.card_at_encoder(company)
            self.server.simulation.encoder.fault = 'silent'
            with patch('trytond.modules.iot.card.WAIT', 1):
                session, _, (state, waiting) = self.write_on_encoder(card)
                self.assertEqual(state, 'waiting')
                # Keep Waiting: the same job, not a second write
                _, result = run_wizard('iot.card.write', card, 'write',
                    {'waiting': waiting}, session)
                self.assertEqual(view_of(result)[0], 'waiting')
            encoder = self.server.simulation.encoder
            self.assertEqual(encoder.received.count('write'), 1)
            # Cancel: the encoder is reset, the card stays to write
            run_wizard('iot.card.write', card, 'cancel',
                {'waiting': view_of(result)[1]}, session)
            deadline = time.monotonic() + 3
            while 'a' not in encoder.received and time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertIn('a', encoder.received)
            self.assertEqual(Card(card.id).state, 'draft')

    @with_transaction()
    def test_no_desk(self):
        "A user at no desk with an encoder is told so"
        company = create_company()
        with set_company(company):
            self.desk(self.paired_box(), reader='reader')
            card = self.draft_card(company)
            with self.assertRaises(UserError) as refused:
                run_wizard('iot.card.write', card, 'start')
            self.assertIn('no card encoder', refused.exception.message)

    @with_transaction()
    def test_manual_writing(self):
        "A center without an encoder may confirm by hand"
        company = create_company()
        with set_company(company):
            pool = Pool()
            Card = pool.get('member.card')
            Configuration = pool.get('member.configuration')
            Configuration.write([Configuration(1)],
                {'card_writing': 'manual'})
            card = self.draft_card(company)
            start = write_by_hand(card)
            self.assertEqual(start['payload'], card.track_payload)
            self.assertEqual(Card(card.id).state, 'written')

    def cashier_setup(self, company):
        pool = Pool()
        Card = pool.get('member.card')
        TopUp = pool.get('member.account.topup')
        PaymentMethod = pool.get('member.payment.method')
        box = self.paired_box()
        desk = self.desk(box, encoder='encoder', reader='reader',
            printer='printer')
        card = self.written_card(company)
        Card.activate([card])
        open_shift()
        method, = PaymentMethod.search([], limit=1)
        TopUp.post_swipe(card.number, Decimal('500.00'), method.id, 'R77',
            'topup-key-1')
        return desk, card

    @with_transaction()
    def test_reader_swipe(self):
        "Reader: the card swiped on the desk's reader opens the sheet"
        company = create_company()
        with set_company(company):
            desk, card = self.cashier_setup(company)
            item = checkup_item("血常规", '30.00', 'XCG')
            simulation = self.server.simulation
            simulation.reader.swipe(simulation.encoder_card())
            session, result = run_wizard('member.cashier.debit', card,
                'start')
            _, result = run_wizard('member.cashier.debit', card,
                'from_reader', {'start': view_of(result)[1]}, session)
            state, sheet = view_of(result)
            self.assertEqual((state, sheet['card']), ('items', card.id))
            self.assertEqual(sheet['balance'], Decimal('500.00'))
            # that swipe is taken: Reader waits for another one
            with patch.object(reader, 'READER_WAIT', 1):
                session2, result = run_wizard('member.cashier.debit', card,
                    'start')
                _, result = run_wizard('member.cashier.debit', card,
                    'from_reader', {'start': view_of(result)[1]}, session2)
            state, start = view_of(result)
            self.assertEqual(state, 'start')
            self.assertIn('No card was swiped', start['refusal'])
            # the debit, then a reprint on the desk's printer
            sheet['lines'] = [{'product': item.id, 'quantity': 1,
                    'unit_price': Decimal('30.00'),
                    'amount': Decimal('30.00')}]
            _, result = run_wizard('member.cashier.debit', card, 'post',
                {'items': sheet}, session)
            state, done = view_of(result)
            self.assertEqual(state, 'done')
            self.assertIn('3', done['printed'])
            printer = simulation.printer
            before = len(printer.jobs)
            _, result = run_wizard('member.cashier.debit', card, 'reprint',
                {'done': done}, session)
            state, reprinted = view_of(result)
            self.assertIn('Reprinted', reprinted['printed'])
            jobs = printer.wait_jobs(before + 1)
            copies = printer.copies(len(jobs) - 1)
            self.assertEqual(len(copies), 3)
            self.assertTrue(all('(Reprint)' in c.lines[1].text for c in copies))
            self.assertTrue(any('30.00' in line.text
                    for line in copies[0].lines))

    @with_transaction()
    def test_reader_after_box_restart(self):
        "The box restarted: a cursor of its old numbering hides no swipe"
        company = create_company()
        with set_company(company):
            pool = Pool()
            Desk = pool.get('iot.desk')
            desk, card = self.cashier_setup(company)
            Desk.write([desk], {'reader_boot': 'before-the-restart',
                    'reader_cursor': 10 ** 6})
            simulation = self.server.simulation
            simulation.reader.swipe(simulation.encoder_card())
            with patch.object(reader, 'READER_WAIT', 1):
                session, result = run_wizard('member.cashier.debit', card,
                    'start')
                _, result = run_wizard('member.cashier.debit', card,
                    'from_reader', {'start': view_of(result)[1]}, session)
            state, sheet = view_of(result)
            self.assertEqual((state, sheet['card']), ('items', card.id))
            self.assertEqual(Desk(desk.id).reader_boot,
                self.server.box.events.boot)

    @with_transaction()
    def test_reprint_paper_out(self):
        "Out of paper: Reprint says so and prints nothing"
        company = create_company()
        with set_company(company):
            desk, card = self.cashier_setup(company)
            self.server.simulation.printer.paper = 'out'
            pool = Pool()
            TopUp = pool.get('member.account.topup')
            topup, = TopUp.search([])
            Wizard = pool.get('member.cashier.topup', type='wizard')
            session, _, _ = Wizard.create()
            result = Wizard.execute(session, {'done': {'topup': topup.id,
                        'reprint_key': 'reprint-key-0001'}}, 'reprint')
            state, done = view_of(result)
            self.assertEqual(state, 'done')
            self.assertIn('out of paper', done['printed'])

    @with_transaction()
    def test_print_on_printer(self):
        "A shift report and a slip printed again from their forms"
        company = create_company()
        with set_company(company):
            pool = Pool()
            Shift = pool.get('member.cashier.shift')
            TopUp = pool.get('member.account.topup')
            self.cashier_setup(company)
            printer = self.server.simulation.printer
            before = len(printer.jobs)
            shift, = Shift.search([('state', '=', 'open')])
            Shift.print_on_printer([shift])
            self.assertEqual(len(printer.wait_jobs(before + 1)), before + 1)
            self.assertEqual(len(printer.copies(before)), 1)
            topup, = TopUp.search([])
            TopUp.print_on_printer([topup])
            copies = printer.copies(len(printer.wait_jobs(before + 2)) - 1)
            self.assertEqual(len(copies), 2)
            self.assertTrue(all('(Reprint)' in c.lines[1].text
                    for c in copies))
            printer.paper = 'out'
            with self.assertRaises(UserError) as refused:
                Shift.print_on_printer([shift])
            self.assertIn('out of paper', refused.exception.message)

    @with_transaction()
    def test_browser_token(self):
        "The web client gets the box's URL and a token for its desk only"
        pool = Pool()
        Desk = pool.get('iot.desk')
        box = self.paired_box()
        self.desk(box, reader='reader', printer='printer')
        answer = Desk.browser_token()
        self.assertEqual(answer['url'], self.server.url)
        self.assertEqual(answer['devices'],
            {'reader': 'reader', 'printer': 'printer'})
        token = answer['token']
        status, _, _ = self.server.call('GET', '/v1/events', token=token)
        self.assertEqual(status, 200)
        status, refused, _ = self.server.job('write_card', 'encoder',
            {'tracks': {'2': '12345678'}}, token=token)
        self.assertEqual((status, refused['error']['code']),
            (403, 'token_action'))

    def test_after_commit(self):
        "Calls run after the commit, and never after a rollback"
        calls = []
        manager = AfterCommit()
        manager.calls.append((calls.append, ('printed',)))
        manager.tpc_abort(None)
        manager.tpc_finish(None)
        self.assertEqual(calls, [])
        manager.calls.append((calls.append, ('printed',)))
        manager.tpc_finish(None)
        self.assertEqual(calls, ['printed'])

        def fails():
            raise OSError("the box went away")
        manager.calls += [(fails, ()), (calls.append, ('next',))]
        with self.assertLogs('trytond.modules.iot.aftercommit', 'ERROR'):
            manager.tpc_finish(None)  # the commit stands: no exception
        self.assertEqual(calls, ['printed', 'next'])


    @with_transaction()
    def test_check_in_from_reader(self):
        "The member's card swiped on the reader checks today's checkup in"
        from trytond.modules.health_checkup.tests.test_module import (
            TODAY, active_member, booking, center, fixed_today, package)
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        Configuration = pool.get('member.configuration')
        company = create_company()
        with set_company(company), fixed_today():
            Configuration.write([Configuration(1)],
                {'card_writing': 'manual'})  # the helper confirms by hand
            member, card = active_member(company, "王芳", '+86 137 0013 7000')
            visit = booking(member, center(), package(), TODAY)
            Booking.write([visit], {'state': 'confirmed', 'date': TODAY})
            self.desk(self.paired_box(), reader='reader')
            session, result = run_wizard('health.checkup.check_in', None,
                'start')
            state, values = view_of(result)
            self.assertTrue(values['has_reader'])
            self.server.simulation.reader.swipe(f';{card.track_payload}?')
            _, result = run_wizard('health.checkup.check_in', None,
                'from_reader', {'start': values}, session)
            state, values = view_of(result)
            self.assertEqual((state, values['booking'], values['refusal']),
                ('start', visit.id, None))
            self.assertEqual(visit.state, 'checked_in')
            # nothing more swiped: told so, and nothing shown as checked in
            with patch('trytond.modules.iot.reader.READER_WAIT', 1):
                _, result = run_wizard('health.checkup.check_in', None,
                    'from_reader', {'start': values}, session)
            state, values = view_of(result)
            self.assertIn('No card was swiped', values['refusal'])
            self.assertIsNone(values['booking'])


del ModuleTestCase
