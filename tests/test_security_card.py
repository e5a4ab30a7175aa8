"""member_card against a hostile client (issue 10): what each desk can send
by hand over JSON-RPC, with any arguments and any context, on the demo
center (PostgreSQL, the real trytond, every module).

- context flags that relax a check are out of reach of a client;
- the members' personal data (party, contact mechanisms, addresses, ID
  numbers) follow the members' rules: each desk sees what its job needs;
- no desk reads a card's track payload; reception sees it once when it
  writes a card by hand;
- the card lookup answers the desks that swipe, about members they may see;
- every wizard checks the desk whatever action id is sent;
- malformed arguments and values are refused in Chinese, never a crash."""
import unittest
from decimal import Decimal

from .security import LOGINS, WRONG_VALUES, HostileMixin
from .server import card_stripe
from .server import demo_session as session
from .server import shared_demo_server

IDENTITY = {'reception', 'center_manager', 'member_admin'}
CONTACTS = IDENTITY | {'sales_office', 'salesperson', 'service_manager',
    'service_agent', 'training_officer'}
SWIPE_DESKS = {'reception', 'cashier', 'center_manager', 'member_admin'}


def setUpModule():
    shared_demo_server()


def ids(login, model, domain, limit=None):
    return session(login).call(f'model.{model}.search', domain, 0, limit,
        None)


def employee_of(login):
    return session(login).context['employee']


def action_id(wizard):
    "The id of the action of wizard (what the web client sends)"
    action, = session('admin').call('model.ir.action.wizard.search',
        [('wiz_name', '=', wizard)], 0, 1, None)
    return session('admin').call('model.ir.action.wizard.read', [action],
        ['action'])[0]['action']


class SecurityCase(HostileMixin, unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = shared_demo_server()

    def own_and_other(self):
        """(a registered member of salesperson, one of salesperson2), with
        a phone each"""
        own = session('sales_office').call('model.member.member.search', [
                ('salesperson', '=', employee_of('salesperson')),
                ('state', '=', 'active')], 0, 1, None)
        other = session('sales_office').call('model.member.member.search', [
                ('salesperson', '=', employee_of('salesperson2')),
                ('state', '=', 'active')], 0, 1, None)
        self.assertTrue(own and other, "the demo has members of both")
        return own[0], other[0]

    def party_of(self, member):
        return session('member_admin').call('model.member.member.read',
            [member], ['party'])[0]['party']

    def card_type(self):
        return ids('reception', 'member.card.type', [], 1)[0]

    def new_registered(self, name):
        member, = session('reception').call('model.member.member.create', [{
                    'name': name, 'salesperson': employee_of('salesperson'),
                    'paid_amount': Decimal('1000.00'),
                    'contact_mechanisms': [('create', [{
                                    'type': 'mobile',
                                    'value': '13600000001'}])],
                    }])
        session('reception').call('model.member.member.register', [member])
        return member

    def write_by_hand(self, card):
        "Written by hand (the center's configuration allows it meanwhile)"
        with manual_writing():
            run = session('reception').wizard('member.card.write',
                ('member.card', card))
            run.execute('start')
            run.execute('written')


class ContextFlagTestCase(SecurityCase):
    "C4: no context key a client sends relaxes a check"

    def test_correction_flag(self):
        "member_correction in the context does not open name or paid amount"
        member = self.new_registered("周正")
        for key in ('member_correction', '_member_correction'):
            for values in ({'name': "冒名"}, {'paid_amount': Decimal('1')}):
                with self.subTest(key=key, values=values):
                    self.assertRefused(session('reception'),
                        'model.member.member.write', [member], values,
                        context={key: True})
        after, = session('reception').call('model.member.member.read',
            [member], ['name', 'paid_amount'])
        self.assertEqual((after['name'], after['paid_amount']),
            ("周正", Decimal('1000.00')))
        self.assertEqual(session('center_manager').call(
                'model.member.correction.search_count',
                [('member', '=', member)]), 0)

    def test_reason_flag(self):
        "card_state_reason in the context does not write a card's history"
        member = self.new_registered("吴理")
        card, = session('reception').call('model.member.card.create',
            [{'member': member, 'card_type': self.card_type(),
                    'fee_receipt': 'R-FLAG-1'}])
        self.write_by_hand(card)
        session('reception').call('model.member.card.activate', [card],
            context={'card_state_reason': "伪造的原因",
                '_card_state_reason': "伪造的原因"})
        logs = session('reception').call('model.member.card.log.search_read',
            [('card', '=', card)], 0, None, None, ['reason'])
        self.assertTrue(logs)
        self.assertNotIn("伪造的原因", [log['reason'] for log in logs])

class manual_writing:
    "The demo center writes cards on its encoder; by hand for a while"

    def __enter__(self):
        self.before = session('member_admin').call(
            'model.member.configuration.read', [1],
            ['card_writing'])[0]['card_writing']
        session('member_admin').call('model.member.configuration.write',
            [1], {'card_writing': 'manual'})

    def __exit__(self, *exc):
        session('member_admin').call('model.member.configuration.write',
            [1], {'card_writing': self.before})


class PersonalDataTestCase(SecurityCase):
    "Each desk reads of the members' personal data what its job needs"

    def test_salesperson_parties(self):
        "A salesperson reads the party of their own members only"
        own, other = self.own_and_other()
        own_party, other_party = self.party_of(own), self.party_of(other)
        seen = set(ids('salesperson', 'party.party', []))
        self.assertIn(own_party, seen)
        self.assertNotIn(other_party, seen)
        self.assertHidden(session('salesperson'), 'party.party',
            [other_party], ['name'])
        name, = session('salesperson').call('model.party.party.read',
            [own_party], ['name'])
        self.assertTrue(name['name'])

    def test_salesperson_contacts(self):
        "Another salesperson's members' phones and addresses are hidden"
        own, other = self.own_and_other()
        for member in (own, other):  # an address each, entered at reception
            if not ids('member_admin', 'party.address',
                    [('party', '=', self.party_of(member))]):
                session('member_admin').call('model.party.address.create',
                    [{'party': self.party_of(member), 'city': "北京",
                            'street': "复兴路1号"}])
        for model in ('party.contact_mechanism', 'party.address'):
            with self.subTest(model=model):
                other_ids = ids('member_admin', model,
                    [('party', '=', self.party_of(other))])
                own_ids = ids('member_admin', model,
                    [('party', '=', self.party_of(own))])
                self.assertTrue(other_ids and own_ids)
                self.assertHidden(session('salesperson'), model, other_ids)
                self.assertEqual(set(ids('salesperson', model,
                            [('id', 'in', own_ids)])), set(own_ids))
        phones = session('salesperson').call(
            'model.party.contact_mechanism.search_read', [], 0, None, None,
            ['party'])
        parties = {p['party'] for p in phones}
        self.assertNotIn(self.party_of(other), parties)

    def test_contacts_hidden_from_desks_without_the_job(self):
        "Cashier, center confirmation and archive read no member's phone"
        member, _ = self.own_and_other()
        party = self.party_of(member)
        phones = ids('member_admin', 'party.contact_mechanism',
            [('party', '=', party)])
        for login in sorted(set(LOGINS) - CONTACTS):
            desk = session(login)
            with self.subTest(login=login):
                self.assertHidden(desk, 'party.contact_mechanism', phones)
                for field in ('phone', 'contact_mechanisms'):
                    self.assertRefused(desk, 'model.member.member.read',
                        [member], [field])
                self.assertRefused(desk, 'model.party.party.read', [party],
                    ['phone'])
                # through the party: nothing (the rules filter the list)
                row, = desk.call('model.member.member.read', [member],
                    ['party.contact_mechanisms.value'])
                self.assertEqual(row['party.']['contact_mechanisms.'], [])
                self.assertRefused(desk, 'model.member.member.search',
                    [('phone', 'like', '138%')], 0, None, None)
                # no finding a member by a number the desk may not read
                phone, = session('member_admin').call(
                    'model.member.member.read', [member], ['phone'])
                found = desk.call('model.member.member.search',
                    [('rec_name', 'ilike', phone['phone'])], 0, None, None)
                self.assertNotIn(member, found)
        for login in sorted(CONTACTS - {'salesperson'}):
            with self.subTest(login=login):
                row, = session(login).call('model.member.member.read',
                    [member], ['phone'])
                self.assertTrue(row['phone'])

    def test_id_numbers(self):
        "ID numbers: only reception, the center manager and administration"
        member = self.member_with_id()
        party = self.party_of(member)
        identifiers = ids('member_admin', 'party.identifier',
            [('party', '=', party)])
        self.assertTrue(identifiers)
        for login in LOGINS:
            desk = session(login)
            with self.subTest(login=login):
                if login in IDENTITY:
                    row, = desk.call('model.member.member.read', [member],
                        ['id_number'])
                    self.assertEqual(row['id_number'], ID_NUMBER)
                    continue
                self.assertHidden(desk, 'party.identifier', identifiers)
                self.assertRefused(desk, 'model.member.member.read',
                    [member], ['id_number'])
                self.assertRefused(desk, 'model.party.party.read', [party],
                    ['identifiers'])
                self.assertRefused(desk, 'model.member.member.export_data',
                    [member], ['id_number'])
                found = desk.call('model.party.party.search',
                    [('rec_name', 'ilike', ID_NUMBER[:10] + '%')], 0, None,
                    None)
                self.assertNotIn(party, found)

    def member_with_id(self):
        "A member of salesperson with a resident ID number, set at reception"
        member, _ = self.own_and_other()
        session('center_manager').call('model.member.member.write', [member],
            {'id_number': ID_NUMBER})
        return member

    def test_export_follows_rules(self):
        "Exporting parties gives a salesperson only their members' names"
        own, other = self.own_and_other()
        every = ids('salesperson', 'party.party', [])
        names = {r[0] for r in session('salesperson').call(
                'model.party.party.export_data', every, ['name'])}
        other_name = session('member_admin').call('model.member.member.read',
            [other], ['name'])[0]['name']
        self.assertNotIn(other_name, names)

    def test_party_writes(self):
        "Only the desks that register and correct members change parties"
        own, _ = self.own_and_other()
        party = self.party_of(own)
        phone, = ids('member_admin', 'party.contact_mechanism',
            [('party', '=', party)], 1)
        for login in ('cashier', 'salesperson', 'service_agent',
                'sales_office'):
            desk = session(login)
            with self.subTest(login=login):
                self.assertRefused(desk, 'model.party.party.write', [party],
                    {'name': "改名"})
                self.assertRefused(desk,
                    'model.party.contact_mechanism.write', [phone],
                    {'value': '13912345678'})
                self.assertRefused(desk,
                    'model.party.contact_mechanism.delete', [phone])
                self.assertRefused(desk,
                    'model.party.contact_mechanism.create',
                    [{'party': party, 'type': 'mobile',
                            'value': '13912345678'}])


ID_NUMBER = '11010519491231002X'


class PayloadTestCase(SecurityCase):
    "No desk reads a card's track payload: whoever does can clone it"

    def test_nobody_reads_payload(self):
        "Read, search, export or through a relation: refused to every desk"
        card, = ids('member_admin', 'member.card', [('state', '=', 'active')],
            1)
        member = session('member_admin').call('model.member.card.read',
            [card], ['member'])[0]['member']
        payload = card_stripe(self.server, card)[1:-1]
        for login in LOGINS + ['admin']:
            desk = session(login)
            with self.subTest(login=login):
                self.assertRefused(desk, 'model.member.card.read', [card],
                    ['track_payload'])
                self.assertRefused(desk, 'model.member.card.search_read',
                    [('id', '=', card)], 0, None, None, ['track_payload'])
                self.assertRefused(desk, 'model.member.card.export_data',
                    [card], ['track_payload'])
                self.assertRefused(desk, 'model.member.card.search',
                    [('track_payload', '=', payload)], 0, None, None)
                self.assertRefused(desk, 'model.member.member.read',
                    [member], ['cards.track_payload'])
                fields = desk.call('model.member.card.fields_view_get',
                    None, 'form')['fields']
                self.assertNotIn('track_payload', fields)

    def test_written_by_hand(self):
        "Writing by hand shows the payload once, to reception only"
        card = self.draft_card()
        with manual_writing():
            for login in ('center_manager', 'member_admin', 'cashier'):
                for forged in (None, action_id('member.card.lookup')):
                    with self.subTest(login=login, action_id=forged):
                        self.assertWizardRefused(session(login),
                            'member.card.write', ('member.card', card),
                            context={'action_id': forged})
            run = session('reception').wizard('member.card.write',
                ('member.card', card))
            state, values = run.execute('start')
            self.assertEqual(f";{values['payload']}?",
                card_stripe(self.server, card))
            run.execute('written')
            self.assertWizardRefused(session('reception'),
                'member.card.write', ('member.card', card))
        state, = session('reception').call('model.member.card.read', [card],
            ['state'])
        self.assertEqual(state['state'], 'written')

    def test_encoder_center_refuses_by_hand(self):
        "With the encoder connected, writing by hand shows nothing"
        card = self.draft_card()
        error = self.assertWizardRefused(session('reception'),
            'member.card.write', ('member.card', card))
        self.assertIn('写卡器', error.message)

    def draft_card(self):
        member = self.new_registered("郑写")
        card, = session('reception').call('model.member.card.create',
            [{'member': member, 'card_type': self.card_type()}])
        return card


class LookupTestCase(SecurityCase):
    "The card lookup answers the desks that swipe, about members they see"

    def test_desks(self):
        "Reception and the cashier find a card; other desks are refused"
        own, _ = self.own_and_other()
        card, = ids('member_admin', 'member.card',
            [('member', '=', own), ('state', '=', 'active')], 1)
        swipe = card_stripe(self.server, card)
        for login in LOGINS:
            with self.subTest(login=login):
                if login in SWIPE_DESKS:
                    found = session(login).call('model.member.card.lookup',
                        swipe)
                    self.assertTrue(found['ok'])
                    self.assertEqual(found['member'], own)
                else:
                    self.assertRefused(session(login),
                        'model.member.card.lookup', swipe)

    def test_lookup_wizard(self):
        "The Card Lookup wizard too, whatever action id is sent"
        for login in ('salesperson', 'service_agent'):
            for forged in (None, action_id('member.correct')):
                with self.subTest(login=login, action_id=forged):
                    self.assertWizardRefused(session(login),
                        'member.card.lookup', context={'action_id': forged},
                        data={'start': {'swipe': '880000000013'}},
                        state='lookup')

    def test_wrong_arguments(self):
        "Wrong types, a NUL byte, a megabyte, a missing or extra argument"
        cashier = session('cashier')
        for value in WRONG_VALUES:
            if value == '' or value is None:
                continue  # nothing swiped: an unreadable card, not an error
            if isinstance(value, str) and value.isalpha():
                continue
            with self.subTest(value=repr(value)[:40]):
                self.assertRefused(cashier, 'model.member.card.lookup',
                    value)
        self.assertRefused(cashier, 'model.member.card.lookup')
        self.assertRefused(cashier, 'model.member.card.lookup', '88', 'x')
        for text in (None, '', 'abc'):
            with self.subTest(text=text):
                answer = cashier.call('model.member.card.lookup', text)
                self.assertEqual(answer['refusal'], 'unreadable')


class WizardTestCase(SecurityCase):
    "Every member_card wizard checks the desk on the server"

    CASES = [  # wizard, model, a desk that must not run it
        ('member.correct', 'member.member', 'reception'),
        ('member.withdraw', 'member.member', 'reception'),
        ('member.card.dormant', 'member.card', 'cashier'),
        ('member.card.lost', 'member.card', 'sales_office'),
        ('member.card.void', 'member.card', 'cashier'),
        ('member.card.reissue', 'member.card', 'service_agent'),
        ('member.card.exchange', 'member.card', 'cashier'),
        ('member.card.secondary', 'member.card', 'salesperson'),
        ]

    def test_forged_action(self):
        "Another action's id in the context opens no wizard"
        member, _ = self.own_and_other()
        card, = ids('member_admin', 'member.card',
            [('member', '=', member), ('state', '=', 'active')], 1)
        records = {'member.member': member, 'member.card': card}
        lookup = action_id('member.card.lookup')
        for wizard, model, login in self.CASES:
            for forged in (None, lookup):
                with self.subTest(wizard=wizard, action_id=forged):
                    self.assertWizardRefused(session(login), wizard,
                        (model, records[model]),
                        context={'action_id': forged})
        state, = session('member_admin').call('model.member.card.read',
            [card], ['state'])
        self.assertEqual(state['state'], 'active')

    def test_malformed_steps(self):
        "A bad active id, another model, an unknown step, wrong values"
        member, _ = self.own_and_other()
        manager = session('center_manager')
        context = {'active_model': 'member.member', 'active_id': member,
            'active_ids': [member]}
        for bad_context, data, state in [
                ({'active_id': 'abc'}, {}, 'start'),
                ({'active_ids': ['abc']}, {}, 'start'),
                ({'active_ids': 5}, {}, 'start'),
                ({'active_model': 'res.user', 'active_id': 1,
                        'active_ids': [1]}, {}, 'start'),
                ({}, {}, 'nowhere'),
                ({}, {'start': {'reason': 5}}, 'apply'),
                ({}, {'start': {'reason': 'x\x00y'}}, 'apply'),
                ({}, {'start': {'reason': None}}, 'apply'),
                ({}, {'start': {'_values': 1}}, 'apply'),
                ({}, {'start': 'x'}, 'apply'),
                ({}, {'apply': {}}, 'apply'),
                ]:
            with self.subTest(context=bad_context, data=data, state=state):
                self.assertWizardRefused(manager, 'member.withdraw',
                    context={**context, **bad_context}, data=data,
                    state=state)
        self.assertRefused(manager, 'wizard.member.withdraw.execute', 'abc',
            {}, 'start', context=context)
        row, = manager.call('model.member.member.read', [member], ['state'])
        self.assertEqual(row['state'], 'active')

    def test_correct_field(self):
        "The correction wizard changes the name or the paid amount only"
        member, _ = self.own_and_other()
        manager = session('center_manager')
        for field in ('state', 'salesperson', 'reason', 'member'):
            with self.subTest(field=field):
                run = manager.wizard('member.correct',
                    ('member.member', member))
                run.execute('start')
                self.assertRefused(manager, 'wizard.member.correct.execute',
                    run.session_id, {'start': {'field': field,
                            'reason': "理由"}}, 'correct',
                    context=run.context)


class MalformedValueTestCase(SecurityCase):
    "Values a field cannot take are refused, naming the field"

    def test_member_values(self):
        good = {'name': "钱正", 'salesperson': employee_of('salesperson'),
            'paid_amount': Decimal('100')}
        for field, value in [('birth_date', 'abc'), ('birth_date', 5),
                ('salesperson', 'abc'), ('salesperson', [1]),
                ('name', 'x\x00y'), ('employer', 'x\x00y'),
                ('paid_amount', 'abc'), ('account', 'abc'),
                ('person_type', {'a': 1}), ('id_number', 5)]:
            with self.subTest(field=field, value=value):
                self.assertRefused(session('reception'),
                    'model.member.member.create', [{**good, field: value}])
        self.assertEqual(session('reception').call(
                'model.member.member.search_count',
                [('name', '=', "钱正")]), 0)
