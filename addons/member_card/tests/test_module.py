# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
import unittest
from decimal import Decimal

from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.modules.member_card import track
from trytond.modules.member_card.member import classify
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction

SECRET = b'test secret'


class TrackTestCase(unittest.TestCase):
    "The stripe payload and what desks send"

    def test_luhn_digit(self):
        "Check digits of known numbers"
        for number, digit in [
                ('7992739871', '3'), ('4539148803436', '4'),
                ('88000000001', '3'), ('0', '0')]:
            with self.subTest(number=number):
                self.assertEqual(track.luhn_digit(number), digit)

    def test_payload_round_trip(self):
        "A payload made with the secret verifies to its card number"
        payload = track.make_payload(SECRET, '880000000013', nonce='000042')
        self.assertRegex(payload, r'^880000000013=000042\d{12}$')
        self.assertLessEqual(len(payload), 37)  # ISO 7811 track 2 data
        self.assertEqual(
            track.verify_payload(SECRET, payload), '880000000013')

    def test_payload_forged(self):
        "A payload changed anywhere, or signed elsewhere, does not verify"
        payload = track.make_payload(SECRET, '880000000013', nonce='000042')
        other_secret = track.make_payload(
            b'other', '880000000013', nonce='000042')
        other_number = '880000000021' + payload[len('880000000013'):]
        last = str((int(payload[-1]) + 1) % 10)
        for forged in [other_secret, other_number, payload[:-1] + last,
                payload[:-1], '', 'garbage', '880000000013']:
            with self.subTest(forged=forged):
                self.assertIsNone(track.verify_payload(SECRET, forged))

    def test_payloads_differ(self):
        "Two cards never share a payload, even with the same number"
        payloads = {track.make_payload(SECRET, '880000000013')
            for _ in range(50)}
        self.assertGreater(len(payloads), 45)

    def test_parse_input(self):
        "What a wedge reader types, a bare track, a typed number"
        for text, expected in [
                (';880000000013=000042123456789012?',
                    ('payload', '880000000013=000042123456789012')),
                ('%B123^X?;880000000013=000042123456789012?\n',
                    ('payload', '880000000013=000042123456789012')),
                ('880000000013=000042123456789012',
                    ('payload', '880000000013=000042123456789012')),
                (' 8800 0000 0013 ', ('number', '880000000013')),
                ('8800-0000-0013', ('number', '880000000013')),
                ('1234', (None, None)),
                ('Zhang Wei', (None, None)),
                ('', (None, None)),
                (None, (None, None)),
                ]:
            with self.subTest(text=text):
                self.assertEqual(track.parse_input(text), expected)


class ClassifyTestCase(unittest.TestCase):
    "Customer classes of source 003 (M1)"

    def test_classify(self):
        day = dt.datetime(2026, 11, 2, 9, 30)
        for times, expected in [
                ([], 'potential'),
                ([day], 'new'),
                ([day, day], 'new'),  # several items of one visit
                ([day, day + dt.timedelta(days=7)], 'returning'),
                ([day, day + dt.timedelta(hours=5)], 'returning'),
                ]:
            with self.subTest(times=times):
                self.assertEqual(classify(times), expected)


def create_member(company, name="Zhang Wei", phone='+86 138 0013 8000',
        contact_type='phone'):
    "A potential member of company with a salesperson and a paid fee"
    pool = Pool()
    Member = pool.get('member.member')
    Employee = pool.get('company.employee')
    Party = pool.get('party.party')
    salesperson = Employee(party=Party(name="Sales"), company=company)
    salesperson.party.save()
    salesperson.save()
    member, = Member.create([{
                'name': name,
                'company': company.id,
                'salesperson': salesperson.id,
                'paid_amount': Decimal('100'),
                'contact_mechanisms': [('create', [{
                                'type': contact_type, 'value': phone}])],
                }])
    return member


def new_card(company, name="张伟", phone='+86 138 0013 8000',
        kind='family', discount='0.05'):
    "A registered member of a household with a card to write"
    pool = Pool()
    Member = pool.get('member.member')
    Card = pool.get('member.card')
    CardType = pool.get('member.card.type')
    member = create_member(company, name=name, phone=phone,
        contact_type='mobile')
    Member.register([member])
    member.account.kind = kind
    member.account.save()
    card_type, = CardType.create([{
                'name': "银卡", 'code': f'silver-{name}',
                'discount': Decimal(discount)}])
    card, = Card.create([{'member': member.id, 'card_type': card_type.id,
                'fee_receipt': 'R1'}])
    return card


def active_card(company, **kwargs):
    "A registered member of a household with an active card"
    pool = Pool()
    Card = pool.get('member.card')
    card = new_card(company, **kwargs)
    Card._written([card])
    Card.activate([card])
    return card


class MemberCardTestCase(CompanyTestMixin, ModuleTestCase):
    "Test Member Card module"
    module = 'member_card'

    def _member(self, company, name="Zhang Wei", phone='+86 138 0013 8000'):
        return create_member(company, name=name, phone=phone)

    @with_transaction()
    def test_register_opens_household(self):
        "Registering gives a number and a single household"
        company = create_company()
        with set_company(company):
            member = self._member(company)
            member.__class__.register([member])
            self.assertEqual(member.state, 'registered')
            self.assertTrue(member.number)
            self.assertEqual(member.account.kind, 'single')
            self.assertEqual(member.account.primary_holder, member)

    @with_transaction()
    def test_paid_amount_digits(self):
        "A paid amount with more decimals than the currency is refused"
        pool = Pool()
        Member = pool.get('member.member')
        company = create_company()
        with set_company(company):
            member = self._member(company)
            with self.assertRaises(Exception) as cm:
                Member.write([member], {'paid_amount': Decimal('1.005')})
            self.assertIn('Paid Amount', str(cm.exception))

    @with_transaction()
    def test_paid_amount_negative(self):
        "A negative paid amount is refused"
        pool = Pool()
        Member = pool.get('member.member')
        company = create_company()
        with set_company(company):
            member = self._member(company)
            with self.assertRaises(Exception) as cm:
                Member.write([member], {'paid_amount': Decimal('-1')})
            self.assertIn('Paid Amount', cm.exception.message)

    @with_transaction()
    def test_lookup_refusals(self):
        "Each card state is refused at the desk with its own reason"
        pool = Pool()
        Member = pool.get('member.member')
        Card = pool.get('member.card')
        CardType = pool.get('member.card.type')
        company = create_company()
        with set_company(company):
            member = self._member(company)
            Member.register([member])
            card_type, = CardType.create([{'name': "Normal", 'code': 'n'}])
            card, = Card.create([{
                        'member': member.id, 'card_type': card_type.id}])
            swipe = ';%s?' % card.track_payload
            self.assertEqual(Card.lookup(swipe)['refusal'], 'draft')
            Card._written([card])
            self.assertEqual(Card.lookup(swipe)['refusal'], 'written')
            card.fee_receipt = 'R1'
            card.save()
            Card.activate([card])
            self.assertTrue(Card.lookup(swipe)['ok'])
            self.assertTrue(Card.lookup(card.number)['ok'])
            Card._dormant([card])
            self.assertEqual(Card.lookup(swipe)['refusal'], 'dormant')
            Card.reactivate([card])
            Card._lost([card])
            self.assertEqual(Card.lookup(swipe)['refusal'], 'lost')
            self.assertEqual(Card.lookup(card.number)['refusal'], 'lost')
            self.assertEqual(Card.lookup('#$%')['refusal'], 'unreadable')

    @with_transaction()
    def test_new_track_secret_refuses_old_cards(self):
        "After the track secret changes, cards written before are refused"
        pool = Pool()
        Member = pool.get('member.member')
        Card = pool.get('member.card')
        CardType = pool.get('member.card.type')
        Configuration = pool.get('member.configuration')
        company = create_company()
        with set_company(company):
            member = self._member(company)
            Member.register([member])
            card_type, = CardType.create([{'name': "Normal", 'code': 'n'}])
            card, = Card.create([{'member': member.id,
                        'card_type': card_type.id, 'fee_receipt': 'R1'}])
            Card._written([card])
            Card.activate([card])
            swipe = ';%s?' % card.track_payload
            self.assertTrue(Card.lookup(swipe)['ok'])
            configuration = Configuration(1)
            configuration.track_secret = 'another secret'
            configuration.save()
            self.assertEqual(Card.lookup(swipe)['refusal'], 'forged')
            self.assertTrue(Card.lookup(card.number)['ok'])

    @with_transaction()
    def test_card_log_immutable(self):
        "The history of a card cannot be rewritten"
        pool = Pool()
        Member = pool.get('member.member')
        Card = pool.get('member.card')
        CardType = pool.get('member.card.type')
        Log = pool.get('member.card.log')
        company = create_company()
        with set_company(company):
            member = self._member(company)
            Member.register([member])
            card_type, = CardType.create([{'name': "Normal", 'code': 'n'}])
            card, = Card.create([{
                        'member': member.id, 'card_type': card_type.id}])
            log, = card.logs
            with self.assertRaises(Exception):
                Log.write([log], {'reason': "rewritten"})
            with self.assertRaises(Exception):
                Log.delete([log])

    @with_transaction()
    def test_wrong_state_is_refused(self):
        "A transition from a wrong state says so instead of doing nothing"
        pool = Pool()
        Member = pool.get('member.member')
        Card = pool.get('member.card')
        CardType = pool.get('member.card.type')
        company = create_company()
        with set_company(company):
            member = self._member(company)
            Member.register([member])
            card_type, = CardType.create([{'name': "Normal", 'code': 'n'}])
            card, = Card.create([{
                        'member': member.id, 'card_type': card_type.id}])
            with self.assertRaises(Exception) as cm:
                Card.activate([card])
            self.assertIn('To Write', cm.exception.message)
            self.assertEqual(card.state, 'draft')

    @with_transaction()
    def test_one_card_per_person(self):
        "A second live primary card for the same person is refused"
        pool = Pool()
        Member = pool.get('member.member')
        Card = pool.get('member.card')
        CardType = pool.get('member.card.type')
        company = create_company()
        with set_company(company):
            member = self._member(company)
            Member.register([member])
            card_type, = CardType.create([{'name': "Normal", 'code': 'n'}])
            Card.create([{'member': member.id, 'card_type': card_type.id}])
            with self.assertRaises(Exception) as cm:
                Card.create([{
                            'member': member.id,
                            'card_type': card_type.id}])
            self.assertIn('already has card', cm.exception.message)


del ModuleTestCase
