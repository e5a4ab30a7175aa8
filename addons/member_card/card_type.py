# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from decimal import Decimal

from trytond.model import DeactivableMixin, ModelSQL, ModelView, Unique, fields


class CardType(DeactivableMixin, ModelSQL, ModelView):
    "Card Type"
    __name__ = 'member.card.type'

    name = fields.Char("Name", required=True, translate=True)
    code = fields.Char("Code", required=True)
    level = fields.Integer(
        "Level", required=True,
        help="The higher the level, the better the card: an exchange may only "
        "go to a higher level.")
    discount = fields.Numeric(
        "Discount", digits=(4, 4), required=True,
        domain=[('discount', '>=', 0), ('discount', '<', 1)],
        help="The share taken off list prices for this card type "
        "(0.05 is 5% off).")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'member_card.msg_reference_code_unique'),
            ]
        cls._order = [('level', 'ASC'), ('name', 'ASC'), ('id', 'ASC')]

    @classmethod
    def default_level(cls):
        return 0

    @classmethod
    def default_discount(cls):
        return Decimal(0)
