# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Values a client writes into records, checked before the framework
converts them: a date 'abc', a many2one 'abc' or a NUL byte in a note come
back from the database layer as a Python or database error text (PostgreSQL
refuses NUL in a text column; SQLite keeps it). A model that takes what
desks type refuses them first, with a message naming the field."""
import datetime as dt
from decimal import Decimal, InvalidOperation

from trytond.i18n import gettext
from trytond.model import fields

from .exceptions import ArgumentError


def _kind(field):
    "The message kind of the value a field takes, None when any goes"
    if isinstance(field, fields.Function):
        field = field._field
    if isinstance(field, (fields.Char, fields.Text)):
        return 'text'
    if isinstance(field, (fields.Timestamp, fields.DateTime)):
        return 'datetime'
    if isinstance(field, fields.Date):
        return 'date'
    if isinstance(field, fields.Boolean):
        return 'boolean'
    if isinstance(field, (fields.Integer, fields.Many2One)):
        return 'integer'
    if isinstance(field, (fields.Numeric, fields.Float)):
        return 'number'
    return None


def _fits(kind, value):
    if value is None:
        return True
    if kind == 'text':
        return isinstance(value, str) and '\x00' not in value
    if kind == 'datetime':
        return isinstance(value, dt.datetime)
    if kind == 'date':
        return isinstance(value, dt.date) and not isinstance(
            value, dt.datetime)
    if kind == 'boolean':  # SQLite gives 0 and 1 back
        return isinstance(value, int) and value in (0, 1)
    if kind == 'integer':
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == 'number':  # a decimal also as its text, as JSON clients send
        if isinstance(value, str):
            try:
                return len(value) <= 40 and Decimal(value).is_finite()
            except InvalidOperation:
                return False
        return isinstance(value, (int, Decimal, float)) and not isinstance(
            value, bool)
    return True


def check_values(Model, values, records=False):
    """Refuse a value of values (field name: value) that its field cannot
    take, naming the field; with records, a many2one may also be given as
    the values of its record (as the clients send them to on_change)"""
    for name, value in values.items():
        field = Model._fields.get(name)
        kind = _kind(field) if field is not None else None
        if (records and isinstance(value, dict)
                and isinstance(field, fields.Many2One)):
            continue
        if kind and not _fits(kind, value):
            message = ('member_card.msg_argument_nul'
                if kind == 'text' and isinstance(value, str)
                else f'member_card.msg_argument_field_{kind}')
            raise ArgumentError(gettext(message,
                    name=Model.__names__(name)['field']))


def _selection_keys(Model, field):
    "The values of a selection field given as a list, None for a method's"
    selection = getattr(field, 'selection', None)
    if isinstance(selection, (list, tuple)):
        return {key for key, _ in selection}
    return None


def check_view_values(View, values, records=False):
    """Refuse what a client put in a wizard's view (or sends to on_change):
    the checks of check_values, a selection value outside its list, a list
    of records that is not one"""
    check_values(View, values, records=records)
    for name, value in values.items():
        field = View._fields.get(name)
        if field is None or value is None:
            continue
        if isinstance(field, fields.Selection):
            keys = _selection_keys(View, field)
            if keys is not None and value not in keys:
                raise ArgumentError(gettext(
                        'member_card.msg_argument_field_selection',
                        name=View.__names__(name)['field']))
        elif isinstance(field, (fields.One2Many, fields.Many2Many)):
            if not isinstance(value, (list, tuple)) or not all(
                    isinstance(v, dict) or (isinstance(v, int)
                        and not isinstance(v, bool) and (records or v > 0))
                    for v in value):
                raise ArgumentError(gettext(
                        'member_card.msg_argument_field_records',
                        name=View.__names__(name)['field']))


class ValueGuard:
    "Values that their fields cannot take are refused on create and write"
    __slots__ = ()

    @classmethod
    def preprocess_values(cls, mode, values):
        check_values(cls, values)
        return super().preprocess_values(mode, values)
