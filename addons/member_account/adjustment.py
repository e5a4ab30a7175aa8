# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access

from .account import check_amount
from .approval import DualControl
from .exceptions import AdjustmentError


class Adjustment(DualControl, ModelSQL, ModelView):
    """Balance Adjustment

    A manual correction of a household's balance that no top-up, debit or
    reversal explains (a migrated balance, a goodwill credit, a counted
    difference), X8: requested with a reason, approved by a second person
    with the center manager's role, then posted as an adjustment line."""
    __name__ = 'member.account.adjustment'
    __string__ = "Balance Adjustment"
    _rec_name = 'number'

    _readonly = Eval('state') != 'requested'

    number = fields.Char("Number", readonly=True)
    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')
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
    reason = fields.Text("Reason", required=True, states={
            'readonly': _readonly,
            })

    del _readonly

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    def get_currency(self, name):
        return self.company.currency.id

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('member.configuration')
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            values['number'] = Configuration(1).adjustment_sequence.get()
        return values

    @classmethod
    def validate_fields(cls, adjustments, field_names):
        super().validate_fields(adjustments, field_names)
        if field_names & {'amount', 'reason', 'state'}:
            for adjustment in adjustments:
                adjustment.check_request()

    def check_request(self):
        "An adjustment needs a reason and an amount the currency can hold"
        if self.state != 'requested':
            return
        if not (self.reason or '').strip():
            raise AdjustmentError(gettext(
                    'member_account.msg_adjustment_reason_required'))
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
