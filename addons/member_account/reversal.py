# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.member_card.guard import ValueGuard
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import without_check_access

from .approval import DualControl
from .exceptions import ReversalError

ORIGINS = ['member.account.topup', 'member.account.debit']


class Reversal(ValueGuard, DualControl, ModelSQL, ModelView):
    """Reversal

    The correction of a posted top-up or debit (X8): a cashier requests it
    with a reason, a second person with the center manager's role approves
    it, and only then a reversal line posts the opposite amount."""
    __name__ = 'member.account.reversal'
    __string__ = "Reversal"
    _sequence = 'reversal_sequence'
    _reason_required = 'member_account.msg_reversal_reason_required'

    origin = fields.Reference(
        "Reverses", selection='get_origins', required=True,
        states={'readonly': Eval('id', -1) >= 0},
        domain={
            'member.account.topup': [('state', '=', 'posted')],
            'member.account.debit': [('state', '=', 'posted')],
            })
    account = fields.Many2One('member.account', "Household", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    amount = fields.Numeric(
        "Amount", digits='currency', readonly=True,
        help="What the reversal adds to the balance (negative for a top-up).")
    shift = fields.Many2One(
        'member.cashier.shift', "Shift", readonly=True)

    @classmethod
    def get_origins(cls):
        pool = Pool()
        Model = pool.get('ir.model')
        return [(None, '')] + [(m, Model.get_name(m)) for m in ORIGINS]

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Shift = pool.get('member.cashier.shift')
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            # what is reversed comes from the origin, never from the client
            for name in ['account', 'amount', 'shift']:
                values.pop(name, None)
            origin = _origin_record(values.get('origin'))
            values['shift'] = Shift.open_for_user().id
            if origin:
                with without_check_access():
                    values['account'] = origin.account.id
                    values['amount'] = -origin.ledger_line.amount
        return values

    @classmethod
    def _checked_fields(cls):
        return {'origin'}

    def check_request(self):
        "A reversal needs a reason and a posted origin reversed only once"
        super().check_request()
        with without_check_access():
            if self.origin.state != 'posted':
                raise ReversalError(gettext(
                        'member_account.msg_reversal_origin_not_posted',
                        origin=self.origin.rec_name))
            others = self.search([
                    ('origin', '=', str(self.origin)),
                    ('state', 'in', ['requested', 'approved']),
                    ('id', '!=', self.id),
                    ], limit=1)
        if others:
            raise ReversalError(gettext(
                    'member_account.msg_reversal_duplicate',
                    origin=self.origin.rec_name,
                    reversal=others[0].rec_name))

    def post(self):
        "Post the opposite line and mark the origin reversed"
        origin = self.origin
        with without_check_access():
            account = origin.account
            account.lock_balance()
            if origin.__class__(origin.id).state != 'posted':
                raise ReversalError(gettext(
                        'member_account.msg_reversal_origin_not_posted',
                        origin=origin.rec_name))
            line, = account.post([{
                        'kind': 'reversal',
                        'amount': self.amount,
                        'card': origin.card.id if origin.card else None,
                        'member': origin.member.id if origin.member else None,
                        'shift': self.shift.id,
                        'employee': (self.shift.employee.id
                            if self.shift.employee else None),
                        'payment_method': getattr(
                            origin, 'payment_method', None)
                        and origin.payment_method.id,
                        'origin': str(self),
                        'reverses': origin.ledger_line.id,
                        'description': self.reason,
                        }])
            origin.__class__.write([origin], {'state': 'reversed'})
            self.__class__.write([self], {'ledger_line': line.id})
            if origin.member:
                origin.member.__class__.update_classification(
                    [origin.member])


def _origin_record(value):
    "The record of a Reference value given as 'model,id' or (model, id)"
    if isinstance(value, str) and ',' in value:
        value = value.split(',', 1)
    if isinstance(value, (list, tuple)) and len(value) == 2:
        model, id_ = value
        if model in ORIGINS and str(id_).lstrip('-').isdigit():
            return Pool().get(model)(int(id_))
    return None
