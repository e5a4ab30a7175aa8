# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal, InvalidOperation

from trytond.i18n import gettext
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction, without_check_access

from .exceptions import AmountError, BalanceError, PostingError

ZERO = Decimal(0)


def check_amount(amount, currency, allow_negative=False):
    """Refuse an amount that is not a Decimal, zero, negative (unless
    allowed) or finer than the currency's digits"""
    if not isinstance(amount, Decimal):
        raise AmountError(gettext('member_account.msg_amount_not_decimal',
                amount=amount))
    if amount == 0 and allow_negative:
        raise AmountError(gettext('member_account.msg_amount_zero'))
    if amount == 0 or (amount < 0 and not allow_negative):
        raise AmountError(gettext('member_account.msg_amount_not_positive',
                amount=amount))
    if currency.round(amount) != amount:
        raise AmountError(gettext('member_account.msg_amount_digits',
                amount=amount, digits=currency.digits))


def parse_amount(value):
    "A Decimal from what a client sent; refuse floats and garbage"
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, str) and (len(value) > 40 or '\x00' in value):
        pass
    elif isinstance(value, (int, str)) and not isinstance(value, bool):
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            amount = None
        if amount is not None and amount.is_finite():
            return amount
    shown = str(value).replace('\x00', '')
    if len(shown) > 40:
        shown = shown[:40] + '…'
    raise PostingError(gettext('member_account.msg_amount_unreadable',
            amount=shown))


def forget_cached(record):
    """Forget what the transaction read of record before it was changed
    with plain SQL"""
    for cache in Transaction().cache.values():
        if record.__name__ in cache:
            cache[record.__name__].pop(record.id, None)
    local_cache = getattr(record, '_local_cache', None)
    if local_cache is not None:
        local_cache.pop(record.id, None)
    record._values = None


class Account(metaclass=PoolMeta):
    __name__ = 'member.account'

    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')
    balance = fields.Numeric(
        "Balance", digits='currency', readonly=True,
        help="The sum of the ledger lines, kept with them under one lock.")
    lines = fields.One2Many(
        'member.account.line', 'account', "Ledger", readonly=True,
        order=[('id', 'DESC')])

    @classmethod
    def default_balance(cls):
        return ZERO

    def get_currency(self, name):
        return self.company.currency.id

    @classmethod
    def copy(cls, accounts, default=None):
        default = default.copy() if default else {}
        default.setdefault('balance', ZERO)
        return super().copy(accounts, default=default)

    def post(self, movements, allow_negative=False):
        """Append ledger lines to the account and return them.

        movements is a list of dictionaries of line values with at least
        kind and amount (signed). The account is locked first (Tryton
        restarts the transaction to take the row lock before its snapshot),
        so two cashiers posting to one household are serialised and each
        sees the other's lines. The whole posting is refused with
        BalanceError, writing nothing, when it would take the balance below
        zero (unless allow_negative)."""
        pool = Pool()
        Line = pool.get('member.account.line')
        self.lock_balance()
        balance = self._locked_balance()
        now = dt.datetime.now()
        currency = self.company.currency
        to_create = []
        for movement in movements:
            check_amount(movement['amount'], currency, allow_negative=True)
            movement = {**movement,
                'amount': currency.round(movement['amount'])}
            balance += movement['amount']
            to_create.append({
                    'account': self.id,
                    'company': self.company.id,
                    'currency': currency.id,
                    'posted_at': now,
                    'balance': balance,
                    **movement,
                    })
        if balance < 0 and not allow_negative:
            self._refuse_short(balance)
        with without_check_access():
            lines = Line.create(to_create)
        self._store_balance(balance)
        return lines

    def check_funds(self, amount):
        """Refuse with BalanceError, before anything is written, a debit of
        amount that the balance does not cover; the account is locked"""
        self.lock_balance()
        after = self._locked_balance() - amount
        if after < 0:
            self._refuse_short(after)

    def _refuse_short(self, after):
        raise BalanceError(gettext('member_account.msg_balance_short',
                account=self.rec_name,
                balance=self._locked_balance(),
                shortfall=-after))

    def lock_balance(self):
        """Take the row lock of the account: two postings to one household
        run one after the other, each seeing the other's lines"""
        self.__class__.lock([self])

    def _locked_balance(self):
        "The balance as stored, read past the record cache"
        table = self.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*table.select(table.balance,
                where=table.id == self.id))
        balance, = cursor.fetchone()
        return Decimal(balance or 0)

    def _store_balance(self, balance):
        """Keep the balance with the lines: plain SQL, so that a posting
        neither adds an account history row nor changes who last edited the
        household"""
        table = self.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*table.update([table.balance], [balance],
                where=table.id == self.id))
        forget_cached(self)
