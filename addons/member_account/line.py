# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, fields
from trytond.modules.member_card import minutes
from trytond.modules.member_card.guard import ValueGuard

from .exceptions import LedgerError

KINDS = [
    ('topup', "Top-Up"),
    ('debit', "Debit"),
    ('reversal', "Reversal"),
    ('adjustment', "Adjustment"),
    ('transfer', "Transfer"),
    ('opening', "Paid at Registration"),
    ]


class Line(ValueGuard, ModelSQL, ModelView):
    """Household Ledger Line

    One movement of a household's stored value. Lines are only ever
    appended, under the lock of their account (see member.account post):
    never changed, never deleted; a mistake is corrected by a reversal line
    that points at the line it reverses."""
    __name__ = 'member.account.line'
    __string__ = "Household Ledger Line"

    account = fields.Many2One(
        'member.account', "Household", required=True, readonly=True,
        ondelete='RESTRICT')
    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    currency = fields.Many2One(
        'currency.currency', "Currency", required=True, readonly=True)
    posted_at = minutes.Timestamp("Posted At", required=True, readonly=True)
    kind = fields.Selection(KINDS, "Kind", required=True, readonly=True)
    amount = fields.Numeric(
        "Amount", digits='currency', required=True, readonly=True,
        help="Positive adds to the balance, negative takes from it.")
    balance = fields.Numeric(
        "Balance After", digits='currency', required=True, readonly=True)
    card = fields.Many2One('member.card', "Card", readonly=True)
    member = fields.Many2One('member.member', "Member", readonly=True)
    shift = fields.Many2One(
        'member.cashier.shift', "Shift", readonly=True, ondelete='RESTRICT')
    employee = fields.Many2One('company.employee', "Cashier", readonly=True)
    payment_method = fields.Many2One(
        'member.payment.method', "Payment Method", readonly=True)
    origin = fields.Reference(
        "Origin", selection='get_origins', readonly=True)
    reverses = fields.Many2One(
        'member.account.line', "Reverses", readonly=True,
        ondelete='RESTRICT')
    description = fields.Char("Description", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.account, Index.Range()), (t.id, Index.Range())),
                Index(t, (t.shift, Index.Range())),
                Index(t, (t.origin, Index.Equality())),
                })
        cls._order = [('posted_at', 'DESC'), ('id', 'DESC')]

    @classmethod
    def get_origins(cls):
        return [
            (None, ''),
            ('member.account.topup', gettext(
                    'member_account.msg_origin_topup')),
            ('member.account.debit', gettext(
                    'member_account.msg_origin_debit')),
            ('member.account.reversal', gettext(
                    'member_account.msg_origin_reversal')),
            ('member.account.adjustment', gettext(
                    'member_account.msg_origin_adjustment')),
            ('member.account', gettext(
                    'member_account.msg_origin_account')),
            ('member.member', gettext(
                    'member_account.msg_origin_member')),
            ]

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        if mode in {'write', 'delete'}:
            raise LedgerError(gettext('member_account.msg_line_immutable'))
