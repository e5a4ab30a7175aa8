# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.member_card.arguments import signature_checked
from trytond.modules.member_card.guard import ValueGuard
from trytond.pool import Pool
from trytond.rpc import RPC

from . import request
from .account import check_amount, parse_amount
from .configuration import check_limit
from .document import CashierDocument
from .exceptions import PostingError


class TopUp(ValueGuard, CashierDocument, ModelSQL, ModelView):
    """Top-Up

    Money paid in at the cashier onto a household's stored value."""
    __name__ = 'member.account.topup'
    __string__ = "Top-Up"

    amount = fields.Numeric(
        "Amount", digits='currency', required=True, readonly=True)
    payment_method = fields.Many2One(
        'member.payment.method', "Payment Method", required=True,
        readonly=True)
    receipt = fields.Char(
        "Receipt Number", readonly=True,
        help="The number of the payment receipt (bank card slip, transfer "
        "reference, cash receipt).")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__rpc__.update({
                'post_swipe': RPC(readonly=False),
                })

    @classmethod
    def _sequence(cls, configuration):
        return configuration.topup_sequence

    @classmethod
    @signature_checked
    def post_swipe(cls, swipe, amount, payment_method, receipt, client_key):
        """Top up the household of the card swiped or typed (swipe) with
        amount (a decimal string or Decimal) paid by payment_method (its
        code or id) against receipt. Returns the top-up's result; a request
        sent again with the same client_key returns the first result."""
        pool = Pool()
        Method = pool.get('member.payment.method')
        swipe, client_key = request.swipe(swipe), request.client_key(client_key)
        payment_method = request.payment_method(payment_method)
        receipt = request.receipt(receipt)
        amount = parse_amount(amount)
        card, topup, shift = cls.start_posting(swipe, client_key)
        if topup:
            return topup.result()
        currency = card.account.company.currency
        # before rounding: a 40-digit amount is more than a Decimal rounds
        check_limit(amount, 'topup_limit', 'member_account.msg_topup_limit')
        check_amount(amount, currency)
        amount = currency.round(amount)
        if isinstance(payment_method, int):
            method = Method(payment_method) if Method.search(
                [('id', '=', payment_method)]) else None
        else:
            method = Method.by_code(payment_method)
        if not method:
            raise PostingError(gettext(
                    'member_account.msg_payment_method_unknown',
                    method=payment_method))
        if not (receipt or '').strip():
            raise PostingError(gettext(
                    'member_account.msg_topup_receipt_required'))
        return cls.post(card, shift, amount, method, receipt.strip(),
            client_key).result()

    @classmethod
    def post(cls, card, shift, amount, method, receipt, client_key):
        "Create and post the top-up; the checks are done"
        topup, = cls.create([{
                    **cls.posting_values(card, shift, client_key),
                    'amount': amount,
                    'payment_method': method.id,
                    'receipt': receipt,
                    'posted_at': dt.datetime.now(),
                    }])
        line, = card.account.post([{
                    **topup.ledger_values(),
                    'kind': 'topup',
                    'amount': amount,
                    'payment_method': method.id,
                    }])
        topup.link_ledger(line)
        return topup

    def result(self):
        "What the desk and the device service get back"
        return {
            'id': self.id,
            'number': self.number,
            'amount': self.amount,
            'balance': self.balance,
            'account': self.account.id,
            'card': self.card.masked_number if self.card else None,
            'state': self.state,
            }

