# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Checkup items as the cashier prices them. Every swipe debit looks its
items up by id or code: what it needs of them (id, name, list price) is
cached per company and language, in every server process, until a product,
a template or a list price changes."""
from trytond.cache import Cache
from trytond.pool import PoolMeta

items_cache = Cache('member_account.item', context=False)


class ForgetsItems:
    "A model whose changes may change what an item costs or is called"
    __slots__ = ()

    @classmethod
    def create(cls, vlist):
        items_cache.clear()
        return super().create(vlist)

    @classmethod
    def write(cls, *args):
        items_cache.clear()
        super().write(*args)

    @classmethod
    def delete(cls, records):
        items_cache.clear()
        super().delete(records)


class Template(ForgetsItems, metaclass=PoolMeta):
    __name__ = 'product.template'


class Product(ForgetsItems, metaclass=PoolMeta):
    __name__ = 'product.product'


class ProductListPrice(ForgetsItems, metaclass=PoolMeta):
    __name__ = 'product.list_price'
