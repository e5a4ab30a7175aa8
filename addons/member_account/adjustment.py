# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.member_card.guard import ValueGuard
from trytond.pyson import Eval
from trytond.transaction import without_check_access

from .account import check_amount
from .approval import DualControl
from .configuration import check_limit


class Adjustment(ValueGuard, DualControl, ModelSQL, ModelView):
    """Balance Adjustment

    A manual correction of a household's balance that no top-up, debit or
    reversal explains (a migrated balance, a goodwill credit, a counted
    difference), X8: requested with a reason, approved by a second person
    with the center manager's role, then posted as an adjustment line."""
    __name__ = 'member.account.adjustment'
    __string__ = "Balance Adjustment"
    _sequence = 'adjustment_sequence'
    _reason_required = 'member_account.msg_adjustment_reason_required'

    _readonly = Eval('id', -1) >= 0  # frozen once requested

    account = fields.Many2One(
        'member.account', "Household", required=True,
        domain=[('company', '=', Eval('company', -1))],
        states={'readonly': _readonly},
        context={'company': Eval('company', -1)}, depends={'company'})
    amount = fields.Numeric(
        "Amount", digits='currency', required=True,
        states={'readonly': _readonly},
        help="What the adjustment adds to the balance (negative to take "
        "from it).")

    del _readonly

    @classmethod
    def _checked_fields(cls):
        return {'amount'}

    def check_request(self):
        "An adjustment needs a reason and an amount the currency can hold"
        super().check_request()
        if self.amount is not None:
            check_limit(abs(self.amount), 'topup_limit',
                'member_account.msg_adjustment_limit')
        check_amount(self.amount, self.company.currency, allow_negative=True)

    def post(self):
        """Post the adjustment line; refused, writing nothing, when it would
        take the balance below zero"""
        with without_check_access():
            line, = self.account.post([{
                        'kind': 'adjustment',
                        'amount': self.amount,
                        'origin': str(self),
                        'description': self.reason,
                        }])
            self.__class__.write([self], {'ledger_line': line.id})
