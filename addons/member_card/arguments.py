# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""What a client sends, checked before it is used.

Every method exposed over RPC and every wizard gets whatever JSON a client
sends: a list where a dict is expected, an integer for a text, a NUL byte,
a megabyte of text. Each helper here returns the value in the type the
code expects, or raises ArgumentError with a translated message naming the
argument: never a Python or database error text."""
import datetime as dt
import functools
import inspect
from decimal import Decimal, InvalidOperation

from trytond.i18n import gettext
from trytond.transaction import Transaction

from .exceptions import ArgumentError

TEXT_LENGTH = 200  # what a desk types into one field
NOTE_LENGTH = 4000  # a note or a reason
LIST_LENGTH = 200  # items of one request
ID_MAX = 2 ** 31 - 1  # the largest id a database column holds


def _refuse(message, **kwargs):
    raise ArgumentError(gettext(f'member_card.msg_argument_{message}',
            **kwargs))


def text(value, name, max_length=TEXT_LENGTH, required=True, strip=True):
    """value as a str: refused if it is not one, is empty (when required),
    holds a NUL byte or is longer than max_length"""
    if value is None and not required:
        return None
    if not isinstance(value, str):
        _refuse('text', name=name)
    if '\x00' in value:
        _refuse('nul', name=name)
    if strip:
        value = value.strip()
    if len(value) > max_length:
        _refuse('too_long', name=name, length=max_length)
    if required and not value:
        _refuse('required', name=name)
    return value if value or required else None


def integer(value, name, minimum=None, maximum=ID_MAX, required=True):
    "value as an int within [minimum, maximum]; booleans are no numbers"
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        _refuse('integer', name=name)
    if minimum is not None and value < minimum:
        _refuse('at_least', name=name, minimum=minimum)
    if maximum is not None and value > maximum:
        _refuse('at_most', name=name, maximum=maximum)
    return value


def record_id(value, name, required=True):
    "The id of a stored record: a positive int"
    return integer(value, name, minimum=1, required=required)


def decimal(value, name, required=True):
    """value as a finite Decimal, from a Decimal, an int or a decimal
    string; a float is refused (money is never a float)"""
    if value is None and not required:
        return None
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int) and not isinstance(value, bool):
        amount = Decimal(value)
    elif isinstance(value, str) and len(value) <= 40 and '\x00' not in value:
        try:
            amount = Decimal(value.strip())
        except InvalidOperation:
            amount = None
    else:
        amount = None
    if amount is None or not amount.is_finite():
        _refuse('decimal', name=name)
    return amount


def date(value, name, required=True):
    "value as a date (a datetime's date)"
    if value is None and not required:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        _refuse('date', name=name)
    return value


def sequence(value, name, max_length=LIST_LENGTH, required=True):
    "value as a list (a tuple is one): refused if empty when required"
    if value is None and not required:
        return []
    if not isinstance(value, (list, tuple)):
        _refuse('list', name=name)
    if len(value) > max_length:
        _refuse('too_many', name=name, length=max_length)
    if required and not value:
        _refuse('required', name=name)
    return list(value)


def mapping(value, name, keys):
    "value as a dict whose keys are all among keys"
    if not isinstance(value, dict):
        _refuse('dict', name=name)
    unknown = set(value) - set(keys)
    if unknown:
        _refuse('keys', name=name,
            keys=', '.join(sorted(str(k) for k in unknown)))
    return value


def active_context():
    """The record a wizard or a button runs on, as the client said:
    active_model a model name, active_id an id, active_ids a list of ids.
    Anything else is refused before the framework reads it."""
    context = Transaction().context
    model = context.get('active_model')
    if model is not None and not isinstance(model, str):
        _refuse('active', name='active_model')
    record_id(context.get('active_id'), 'active_id', required=False)
    ids = context.get('active_ids')
    if ids is not None:
        for id_ in sequence(ids, 'active_ids', max_length=10000,
                required=False):
            record_id(id_, 'active_ids')


def text_of(record, name, max_length=NOTE_LENGTH, required=True):
    """The text a client put in field name of a wizard's view record,
    checked as text() does, the field's label naming it"""
    return text(getattr(record, name, None), record.__names__(name)['field'],
        max_length=max_length, required=required)


def wizard_step(Wizard, session_id, data, state_name):
    """What a client sends to a wizard's step: its session, the values of
    its views (checked as their fields take them) and a state it has"""
    from trytond.pool import Pool
    from trytond.wizard import StateView

    from .guard import check_view_values
    pool = Pool()
    record_id(session_id, 'session')
    if state_name is not None and state_name not in Wizard.states:
        _refuse('state', name=str(state_name)[:40])
    for name, values in mapping(data, 'data', Wizard.states).items():
        state = Wizard.states[name]
        if not isinstance(state, StateView):
            _refuse('state', name=str(name)[:40])
        check_view_values(pool.get(state.model_name),
            mapping(values, name, pool.get(state.model_name)._fields))


def signature_checked(func):
    """For a method exposed over RPC: called with other arguments than it
    takes (one more, one missing, an unknown keyword), it refuses instead
    of failing with a TypeError"""
    signature = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            _refuse('count', name=func.__name__)
        return func(*args, **kwargs)
    return wrapper
