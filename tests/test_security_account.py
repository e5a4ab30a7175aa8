"""member_account against a hostile client (issue 10): what each desk can
send by hand over JSON-RPC to the cashier's methods, with any arguments and
any context, on the demo center (PostgreSQL, the real trytond, every
module).

- every RPC method checks its arguments: wrong types, NUL bytes, oversized
  values are refused in Chinese and post nothing (item 7);
- amounts and quantities above the configured limits are refused, the
  message naming the limit (item 6);"""
import unittest
import uuid
from decimal import Decimal

from .security import WRONG_VALUES, HostileMixin
from .server import demo_session as session
from .server import shared_demo_server

GOOD_ITEMS = [{'product': 'BLOOD', 'quantity': 1}]


def setUpModule():
    shared_demo_server()


def ids(login, model, domain, limit=None):
    return session(login).call(f'model.{model}.search', domain, 0, limit,
        None)


def count(model, domain=()):
    return session('admin').call(f'model.{model}.search_count',
        list(domain))


def key():
    return uuid.uuid4().hex


class AccountCase(HostileMixin, unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = shared_demo_server()
        cls.open_shift('cashier')

    @classmethod
    def open_shift(cls, login):
        "The open shift of login, opened if there is none"
        shifts = ids(login, 'member.cashier.shift', [('state', '=', 'open'),
                ('user.login', '=', login)])
        if shifts:
            return shifts[0]
        return session(login).call('model.member.cashier.shift.create',
            [{}])[0]

    def card_number(self, index=0):
        "The number of an active primary card of a member who has not left"
        cards = session('admin').call('model.member.card.search_read', [
                ('state', '=', 'active'), ('kind', '=', 'primary'),
                ('member.state', '!=', 'withdrawn')], index, 1,
            [('id', 'ASC')], ['number'])
        return cards[0]['number']

    def assertNothingPosted(self, before):
        self.assertEqual(self.posted(), before)

    def posted(self):
        return (count('member.account.debit'), count('member.account.topup'),
            count('member.account.line'))


class ArgumentsTestCase(AccountCase):
    "Item 7: wrong arguments are refused in Chinese, nothing is posted"

    def wrong(self, *valid):
        "WRONG_VALUES but those that are valid values of the argument"
        return [v for v in WRONG_VALUES if not any(
                    type(v) is type(w) and v == w for w in valid)]

    def check(self, method, good, position, values):
        before = self.posted()
        for value in values:
            args = list(good)
            args[position] = value
            with self.subTest(method=method, position=position,
                    value=repr(value)[:40]):
                self.assertRefused(session('cashier'), method, *args)
        self.assertNothingPosted(before)

    def test_debit_post_swipe(self):
        "post_swipe(swipe, items, client_key) of a debit"
        method = 'model.member.account.debit.post_swipe'
        good = [self.card_number(), GOOD_ITEMS, key()]
        self.check(method, good, 0, self.wrong())
        self.check(method, good, 1, self.wrong() + [
                [None], [[1]], ['BLOOD'], [{'product': None}],
                [{'product': 'x\x00y'}], [{'product': 'x' * 100000}],
                [{'product': 'BLOOD', 'quantity': 'abc'}],
                [{'product': 'BLOOD', 'quantity': 1.5}],
                [{'product': 'BLOOD', 'quantity': None}],
                [{'product': 'BLOOD', 'price': 0}],
                [{'product': 2 ** 40}], GOOD_ITEMS * 1000])
        self.check(method, good, 2, self.wrong('abc'))

    def test_debit_quote(self):
        "quote(swipe, items) of a debit"
        method = 'model.member.account.debit.quote'
        good = [self.card_number(), GOOD_ITEMS]
        self.check(method, good, 0, self.wrong())
        self.check(method, good, 1, self.wrong() + [
                [None], [{'product': 'x\x00y'}], [{'foo': 1}]])

    def test_topup_post_swipe(self):
        "post_swipe(swipe, amount, payment_method, receipt, client_key)"
        method = 'model.member.account.topup.post_swipe'
        good = [self.card_number(), '100.00', 'cash', 'R-ARG-1', key()]
        self.check(method, good, 0, self.wrong())
        self.check(method, good, 1, self.wrong(2 ** 40) + [
                'NaN', 'Infinity', '1' * 41])
        self.check(method, good, 2, self.wrong())
        self.check(method, good, 3, self.wrong('abc'))
        self.check(method, good, 4, self.wrong('abc'))

    def test_argument_count(self):
        "One argument more or less is refused, not a TypeError"
        number = self.card_number()
        for method, args in [
                ('model.member.account.debit.post_swipe',
                    [number, GOOD_ITEMS]),
                ('model.member.account.debit.post_swipe',
                    [number, GOOD_ITEMS, key(), None, None]),
                ('model.member.account.debit.quote', [number]),
                ('model.member.account.topup.post_swipe',
                    [number, '1', 'cash', 'R']),
                ]:
            with self.subTest(method=method, args=len(args)):
                self.assertRefused(session('cashier'), method, *args)

    def test_good_arguments_post(self):
        "The same calls with good arguments post (the checks refuse no more)"
        before = self.posted()
        result = session('cashier').call(
            'model.member.account.topup.post_swipe', self.card_number(),
            '100.00', 'cash', 'R-ARG-2', key())
        self.assertEqual(result['state'], 'posted')
        self.assertEqual(self.posted()[1:], (before[1] + 1, before[2] + 1))


class configured:
    "The member configuration's values changed for a while"

    def __init__(self, **values):
        self.values = values

    def __enter__(self):
        admin = session('member_admin')
        self.before = admin.call('model.member.configuration.read', [1],
            list(self.values))[0]
        admin.call('model.member.configuration.write', [1], self.values)

    def __exit__(self, *exc):
        session('member_admin').call('model.member.configuration.write',
            [1], {k: self.before[k] for k in self.values})


class LimitsTestCase(AccountCase):
    "Item 6: limits per top-up, per debit and per item quantity"

    def test_defaults(self):
        "The limits are sane out of the box"
        limits, = session('member_admin').call(
            'model.member.configuration.read', [1],
            ['topup_limit', 'debit_limit', 'quantity_limit'])
        self.assertEqual((limits['topup_limit'], limits['debit_limit'],
                limits['quantity_limit']),
            (Decimal('100000.00'), Decimal('50000.00'), 99))

    def test_topup_limit(self):
        "A 40-digit top-up (or one cent above the limit) is refused"
        before = self.posted()
        for amount in ['1' * 40, 2 ** 40, '100000.01', Decimal('1E+39')]:
            with self.subTest(amount=amount):
                error = self.assertRefused(session('cashier'),
                    'model.member.account.topup.post_swipe',
                    self.card_number(), amount, 'cash', 'R-LIM', key())
                self.assertIn('100000.00', error.message)
        self.assertNothingPosted(before)

    def test_topup_limit_configured(self):
        "The administration sets the limit; the refusal names it"
        before = self.posted()
        with configured(topup_limit=Decimal('500.00')):
            error = self.assertRefused(session('cashier'),
                'model.member.account.topup.post_swipe', self.card_number(),
                '600', 'cash', 'R-LIM', key())
            self.assertIn('500.00', error.message)
        self.assertNothingPosted(before)

    def test_debit_limit(self):
        "A slip above the debit limit is refused, whatever the balance"
        before = self.posted()
        for method, args in [
                ('model.member.account.debit.post_swipe',
                    [[{'product': 'PKG-B', 'quantity': 27}], key()]),
                ('model.member.account.debit.quote',
                    [[{'product': 'PKG-B', 'quantity': 27}]]),
                ]:
            with self.subTest(method=method):
                error = self.assertRefused(session('cashier'), method,
                    self.card_number(), *args)
                self.assertIn('50000.00', error.message)
        self.assertNothingPosted(before)

    def test_quantity_limit(self):
        "An item's quantity above the limit is refused"
        before = self.posted()
        for quantity in [100, 2 ** 40]:
            with self.subTest(quantity=quantity):
                error = self.assertRefused(session('cashier'),
                    'model.member.account.debit.post_swipe',
                    self.card_number(),
                    [{'product': 'ECG', 'quantity': quantity}], key())
                self.assertIn('99', error.message)
        self.assertNothingPosted(before)

    def test_adjustment_limit(self):
        "An adjustment above the top-up limit either way is refused"
        account = ids('member_admin', 'member.account', [], 1)[0]
        before = count('member.account.adjustment')
        for amount in [Decimal('100000.01'), Decimal('-100000.01')]:
            with self.subTest(amount=amount):
                error = self.assertRefused(session('member_admin'),
                    'model.member.account.adjustment.create', [{
                            'account': account, 'amount': amount,
                            'reason': "上限测试"}])
                self.assertIn('100000.00', error.message)
        self.assertEqual(count('member.account.adjustment'), before)


if __name__ == '__main__':
    unittest.main()
