# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""What the desk's RPC requests carry (item 7 of issue 10), checked before
anything is looked up: a client sends any JSON. Each helper returns the
value in the type the posting code expects or refuses it with a translated
message naming it (member_card.arguments); what is well formed but wrong
(an unknown item, a quantity of 0) is refused later by the posting with
its own message."""
from trytond.i18n import gettext
from trytond.modules.member_card import arguments

KEY_LENGTH = 100  # a client key (a uuid is 32)
REFERENCE_LENGTH = 100  # a product or payment method code, a receipt
ITEMS = 200  # items of one slip
ITEM_KEYS = {'product', 'quantity'}


def label(name, **kwargs):
    return gettext(f'member_account.msg_label_{name}', **kwargs)


def swipe(value):
    """The swipe or typed number (member.card find checks it again); None
    is an unreadable swipe"""
    return arguments.text(value, gettext('member_card.msg_swipe_label'),
        max_length=200, required=False, strip=False)


def client_key(value):
    "The client key as text; None or empty is refused by the posting"
    return arguments.text(value, label('client_key'), max_length=KEY_LENGTH,
        required=False)


def reference(value, name):
    "A record given as its id or its code"
    if isinstance(value, int) and not isinstance(value, bool):
        return arguments.record_id(value, name)
    return arguments.text(value, name, max_length=REFERENCE_LENGTH)


def items(value):
    """The items of a debit: a list of {'product': id or code, 'quantity':
    whole number}; an empty list is refused by the posting"""
    checked = []
    for number, item in enumerate(arguments.sequence(value, label('items'),
                max_length=ITEMS, required=False), 1):
        name = label('item', number=number)
        item = dict(arguments.mapping(item, name, ITEM_KEYS))
        item['product'] = reference(item.get('product'),
            label('product', number=number))
        if 'quantity' in item:
            item['quantity'] = arguments.integer(item['quantity'],
                label('quantity', number=number), maximum=None)
        checked.append(item)
    return checked


def payment_method(value):
    return reference(value, label('payment_method'))


def receipt(value):
    "The receipt number; None or blank is refused by the posting"
    return arguments.text(value, label('receipt'),
        max_length=REFERENCE_LENGTH, required=False)


def password(value):
    "The member's payment password as typed, or None"
    return arguments.text(value, label('password'), max_length=100,
        required=False, strip=False)


def override(value):
    "A center manager's override {'login', 'password', 'reason'}, or None"
    if value is None:
        return None
    return arguments.mapping(value, label('override'),
        {'login', 'password', 'reason'})
