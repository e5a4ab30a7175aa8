# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import fields
from trytond.modules.member_card.configuration import sequence_field
from trytond.pool import PoolMeta
from trytond.pyson import Eval

SLIP_WIDTHS = [
    ('58mm', "58 mm (32 columns)"),
    ('80mm', "80 mm (48 columns)"),
    ]
# the labels of the first copies; further copies are numbered
COPY_LABELS = [
    'member_account.msg_copy_customer',
    'member_account.msg_copy_finance',
    'member_account.msg_copy_stub',
    ]


class Configuration(metaclass=PoolMeta):
    __name__ = 'member.configuration'

    shift_sequence = sequence_field(
        "Shift Sequence", 'sequence_type_shift',
        "Numbers the cashiers' shifts.", module='member_account')
    topup_sequence = sequence_field(
        "Top-Up Sequence", 'sequence_type_topup',
        "Numbers top-up receipts.", module='member_account')
    debit_sequence = sequence_field(
        "Slip Sequence", 'sequence_type_debit',
        "Numbers consumption slips.", module='member_account')
    reversal_sequence = sequence_field(
        "Reversal Sequence", 'sequence_type_reversal',
        "Numbers reversal slips.", module='member_account')
    adjustment_sequence = sequence_field(
        "Adjustment Sequence", 'sequence_type_adjustment',
        "Numbers balance adjustments.", module='member_account')
    slip_copies = fields.Integer(
        "Slip Copies", required=True,
        domain=[('slip_copies', '>=', 1), ('slip_copies', '<=', 9)],
        help="How many labelled copies a consumption slip prints.")
    topup_limit = fields.Numeric(
        "Top-Up Limit", digits=(16, 2), required=True,
        domain=[('topup_limit', '>', 0)],
        help="The largest amount one top-up (or one balance adjustment) "
        "may take; more is refused naming this limit.")
    debit_limit = fields.Numeric(
        "Debit Limit", digits=(16, 2), required=True,
        domain=[('debit_limit', '>', 0)],
        help="The largest total one consumption slip may debit.")
    quantity_limit = fields.Integer(
        "Quantity Limit", required=True,
        domain=[('quantity_limit', '>', 0)],
        help="The largest quantity of one item on a consumption slip.")
    password_typed = fields.Boolean(
        "Password for Typed Numbers",
        help="A debit of a typed card number needs the member's payment "
        "password.")
    password_swipe_above = fields.Numeric(
        "Password for Swipes Above", digits=(16, 2),
        domain=['OR', ('password_swipe_above', '=', None),
            ('password_swipe_above', '>=', 0)],
        help="A debit of a swiped card above this total needs the member's "
        "payment password; empty: never.")
    paid_amount_use = fields.Selection([
            ('credit', "Credited to the Household"),
            ('fee', "Membership Fee"),
            ('fee_deposit', "Fee and Deposit"),
            ], "Paid Amount at Registration", required=True,
        help="What the amount paid at registration becomes when the "
        "member's card is activated: credited to the household as its "
        "opening top-up, kept as the membership fee, or the membership fee "
        "below kept and the rest credited as a deposit.")
    membership_fee = fields.Numeric(
        "Membership Fee", digits=(16, 2),
        domain=['OR', ('membership_fee', '=', None),
            ('membership_fee', '>=', 0)],
        states={'invisible': Eval('paid_amount_use') != 'fee_deposit'},
        help="Kept of the paid amount as the fee; the rest is credited.")
    slip_width = fields.Selection(
        SLIP_WIDTHS, "Receipt Paper", required=True,
        help="The paper of the receipt printers, for the text slips.")

    @classmethod
    def default_shift_sequence(cls):
        return cls._default_sequence('sequence_shift', 'member_account')

    @classmethod
    def default_topup_sequence(cls):
        return cls._default_sequence('sequence_topup', 'member_account')

    @classmethod
    def default_debit_sequence(cls):
        return cls._default_sequence('sequence_debit', 'member_account')

    @classmethod
    def default_reversal_sequence(cls):
        return cls._default_sequence('sequence_reversal', 'member_account')

    @classmethod
    def default_adjustment_sequence(cls):
        return cls._default_sequence('sequence_adjustment', 'member_account')

    @classmethod
    def default_slip_copies(cls):
        return 3

    @classmethod
    def default_topup_limit(cls):
        return Decimal('100000.00')

    @classmethod
    def default_debit_limit(cls):
        return Decimal('50000.00')

    @classmethod
    def default_quantity_limit(cls):
        return 99

    @classmethod
    def default_password_typed(cls):
        return True

    @classmethod
    def default_paid_amount_use(cls):
        # what an existing center did; the demo credits it
        return 'fee'

    @classmethod
    def default_slip_width(cls):
        return '80mm'

    def copy_labels(self, copies=None):
        "The label printed on each copy of a slip"
        copies = copies or self.slip_copies
        return [gettext(COPY_LABELS[i]) if i < len(COPY_LABELS)
            else gettext('member_account.msg_copy_numbered', number=i + 1)
            for i in range(copies)]


def check_limit(amount, field, message, **kwargs):
    """Refuse amount above the configured limit named field with message
    (a LimitError naming the limit)"""
    from trytond.pool import Pool

    from .exceptions import LimitError
    Configuration = Pool().get('member.configuration')
    limit = getattr(Configuration(1), field)
    if limit is not None and amount > limit:
        raise LimitError(gettext(message, limit=limit, amount=amount,
                **kwargs))
