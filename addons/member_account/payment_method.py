# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields, sequence_ordered)
from trytond.modules.member_card.guard import ValueGuard


class PaymentMethod(
        ValueGuard, DeactivableMixin, sequence_ordered(), ModelSQL,
        ModelView):
    """Payment Method

    How a top-up is paid at the cashier: cash, bank card, transfer..."""
    __name__ = 'member.payment.method'
    __string__ = "Payment Method"

    name = fields.Char("Name", required=True, translate=True)
    code = fields.Char("Code", required=True,
        help="The code the device service and other programs use.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'member_account.msg_payment_method_code_unique'),
            ]

    @classmethod
    def by_code(cls, code):
        "The active method of this code, or None"
        methods = cls.search([('code', '=', code)], limit=1)
        return methods[0] if methods else None
