# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"Households with active cards and checkup items, for the cashier's tests"
from decimal import Decimal

from proteus import Model

__all__ = ['create_checkup_items', 'create_household']

CHECKUP_ITEMS = [
    # code, name, list price
    ('BLOOD', "Blood Test", '120.50'),
    ('XRAY', "Chest X-Ray", '200.00'),
    ('PKG-A', "Checkup Package A", '1280.00'),
    ]


def create_checkup_items(items=CHECKUP_ITEMS, config=None):
    """Checkup items and packages as service products, from (code, name,
    list price) triples; returns {code: product}"""
    Template = Model.get('product.template', config=config)
    Uom = Model.get('product.uom', config=config)
    ModelData = Model.get('ir.model.data', config=config)
    unit = Uom(ModelData.get_id('product', 'uom_unit', {}))
    products = {}
    for code, name, price in items:
        template = Template(name=name, type='service', default_uom=unit,
            list_price=Decimal(price), code=code)
        template.save()
        products[code], = template.products
    return products


def create_household(names, kind, card_type, salesperson, phone_start=13800000000,
        receipt='R-0001', config=None):
    """Register the members named into one household of kind, each with an
    active card of card_type; returns (account, members, cards)"""
    Member = Model.get('member.member', config=config)
    Card = Model.get('member.card', config=config)
    members, cards, account = [], [], None
    for i, name in enumerate(names):
        member = Member(name=name, account=account)
        member.contact_mechanisms.new(
            type='mobile', value=str(phone_start + i))
        member.salesperson = salesperson
        member.paid_amount = Decimal('0')
        member.save()
        member.click('register')
        if account is None:
            account = member.account
            account.kind = kind
            account.save()
        members.append(member)
    for member in members:
        card = Card(member=member, card_type=card_type, fee_receipt=receipt)
        card.save()
        card.click('write_card').execute('written')
        card.click('activate')
        cards.append(card)
    account.reload()
    return account, members, cards
