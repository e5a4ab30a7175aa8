# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.member_card import track
from trytond.modules.member_card.arguments import signature_checked
from trytond.modules.member_card.guard import ValueGuard
from trytond.pool import Pool
from trytond.rpc import RPC
from trytond.transaction import Transaction, without_check_access

from . import request
from .configuration import check_limit
from .document import CashierDocument
from .exceptions import PostingError
from .payment_password import check_payment
from .product import items_cache

ZERO = Decimal(0)


class Debit(ValueGuard, CashierDocument, ModelSQL, ModelView):
    """Consumption Slip

    A swipe debit at the cashier (C5): checkup items and packages taken
    from a household's stored value at the card type's discount."""
    __name__ = 'member.account.debit'
    __string__ = "Consumption Slip"

    items = fields.One2Many(
        'member.account.debit.item', 'debit', "Items", readonly=True)
    card_type = fields.Many2One(
        'member.card.type', "Card Type", readonly=True)
    total = fields.Numeric(
        "Total", digits='currency', required=True, readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__rpc__.update({
                'post_swipe': RPC(readonly=False),
                'quote': RPC(),
                })

    @classmethod
    def _sequence(cls, configuration):
        return configuration.debit_sequence

    @classmethod
    @signature_checked
    def quote(cls, swipe, items):
        """What the debit of items on the card swiped would be, without
        posting: the items priced, the total and the balance after"""
        pool = Pool()
        Card = pool.get('member.card')
        swipe, items = request.swipe(swipe), request.items(items)
        card = Card.find(swipe)
        priced = price_items(card, items)
        total = sum((i['amount'] for i in priced), ZERO)
        check_limit(total, 'debit_limit', 'member_account.msg_debit_limit')
        with without_check_access():
            balance = card.account.balance or ZERO
        return {
            'items': priced,
            'total': total,
            'balance': balance,
            'balance_after': balance - total,
            }

    @classmethod
    @signature_checked
    def post_swipe(cls, swipe, items, client_key, password=None,
            override=None):
        """Debit items from the household of the card swiped or typed.

        swipe: the track text a reader sent or a typed card number;
        items: a list of {'product': id or code, 'quantity': number};
        client_key: a key the client makes once per debit (a retry with the
        same key returns the first result and debits nothing more);
        password: the member's payment password (six digits), needed for a
        typed card number and above the configured amount for a swipe;
        override: instead of it, a center manager's {'login', 'password',
        'reason'}.
        Returns the slip's result; a short balance, an unusable card or bad
        items are refused with a message and nothing is written."""
        swipe, items = request.swipe(swipe), request.items(items)
        client_key = request.client_key(client_key)
        password = request.password(password)
        override = request.override(override)
        card, debit, shift = cls.start_posting(swipe, client_key)
        if debit:
            return debit.result()
        priced = price_items(card, items)
        total = sum((i['amount'] for i in priced), ZERO)
        check_limit(total, 'debit_limit', 'member_account.msg_debit_limit')
        check_payment(card, track.parse_input(swipe)[0] != 'payload', total,
            password=password, override=override)
        return cls.post(card, shift, priced, client_key).result()

    @classmethod
    def post(cls, card, shift, priced, client_key):
        "Create and post the slip of priced items; the checks are done"
        pool = Pool()
        Item = pool.get('member.account.debit.item')
        total = sum((i['amount'] for i in priced), ZERO)
        check_limit(total, 'debit_limit', 'member_account.msg_debit_limit')
        card.account.check_funds(total)
        debit, = cls.create([{
                    **cls.posting_values(card, shift, client_key),
                    'card_type': card.card_type.id,
                    'total': total,
                    'posted_at': dt.datetime.now(),
                    }])
        Item.create([{**i, 'debit': debit.id} for i in priced])
        line, = card.account.post([{
                    **debit.ledger_values(),
                    'kind': 'debit',
                    'amount': -total,
                    }])
        debit.link_ledger(line)
        if card.member.classification != 'returning':  # M1: it only rises
            card.member.__class__.update_classification([card.member])
        return debit

    def result(self):
        "What the desk and the device service get back"
        return {
            'id': self.id,
            'number': self.number,
            'total': self.total,
            'balance': self.balance,
            'account': self.account.id,
            'card': self.card.masked_number if self.card else None,
            'member': self.member.rec_name if self.member else None,
            'state': self.state,
            }


class DebitItem(ValueGuard, ModelSQL, ModelView):
    "Consumption Slip Item"
    __name__ = 'member.account.debit.item'
    __string__ = "Consumption Slip Item"

    debit = fields.Many2One(
        'member.account.debit', "Slip", required=True, readonly=True,
        ondelete='CASCADE')
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')
    product = fields.Many2One(
        'product.product', "Item", required=True, readonly=True)
    description = fields.Char("Description", readonly=True)
    quantity = fields.Integer("Quantity", required=True, readonly=True)
    unit_price = fields.Numeric(
        "List Price", digits='currency', required=True, readonly=True)
    discount = fields.Numeric("Discount", digits=(4, 4), readonly=True)
    amount = fields.Numeric(
        "Amount", digits='currency', required=True, readonly=True)

    def get_currency(self, name):
        return self.debit.currency.id


def item_amount(price, quantity, discount, currency):
    """What an item costs on the slip: list price times quantity less the
    card type's discount, rounded half up (四舍五入) to the currency"""
    amount = (price or ZERO) * quantity * (1 - (discount or ZERO))
    return currency.round(amount, rounding=ROUND_HALF_UP)


def find_item(reference):
    """The id, name and list price of the active product of an id or a
    code, or PostingError"""
    pool = Pool()
    Product = pool.get('product.product')
    context = Transaction().context
    key = (context.get('company'), context.get('language'), reference)
    if not isinstance(reference, (int, str)) or isinstance(reference, bool):
        key = None
    item = items_cache.get(key) if key else None
    if item is not None:
        return item
    if isinstance(reference, int):
        domain = [('id', '=', reference)]
    elif isinstance(reference, str) and reference.strip():
        domain = [('code', '=', reference.strip())]
    else:
        domain = None
    products = Product.search(domain, limit=1) if domain else []
    if not products:
        raise PostingError(gettext('member_account.msg_product_unknown',
                product=reference))
    product, = products
    item = (product.id, product.rec_name, product.list_price_used or ZERO)
    items_cache.set(key, item)
    return item


def price_items(card, items):
    """The items as slip items: list price less the card type's discount,
    rounded to the currency; refuses an empty list, unknown products and
    quantities that are not whole and positive"""
    if not items:
        raise PostingError(gettext('member_account.msg_debit_empty'))
    currency = card.account.company.currency
    discount = card.card_type.discount or ZERO
    priced = []
    with without_check_access():
        for item in items:
            product, name, price = find_item(item.get('product'))
            quantity = item.get('quantity', 1)
            if (not isinstance(quantity, int) or isinstance(quantity, bool)
                    or quantity <= 0):
                raise PostingError(gettext(
                        'member_account.msg_quantity_invalid',
                        product=name, quantity=quantity))
            check_limit(quantity, 'quantity_limit',
                'member_account.msg_quantity_limit', product=name)
            priced.append({
                    'product': product,
                    'description': name,
                    'quantity': quantity,
                    'unit_price': price,
                    'discount': discount,
                    'amount': item_amount(price, quantity, discount, currency),
                    })
    return priced
