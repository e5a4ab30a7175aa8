# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import fields
from trytond.pool import PoolMeta


class Template(metaclass=PoolMeta):
    __name__ = 'product.template'
    checkup_package = fields.Boolean(
        "Checkup Package",
        help="Sales may book it as a checkup at a center.")



class Product(metaclass=PoolMeta):
    "Registered so that products show the template's new field"
    __name__ = 'product.product'
