# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""What every RPC call brings, checked before the framework uses it.

The framework exposes more than the methods a module writes: the
on_change methods of each field, the selection methods, the buttons, with
the records or values they are called on. Sent by hand, with another
number of arguments, values of other types or a context of other types
(trytond strips the keys that start with "_", but "_datetime", and keeps
the others as they come: a company [1], a language 5), they came back as
a Python or database error. On every RPC call, of every model:

- the known keys of the context must have their types;
- the records a method is called on (its instantiated argument) must be
  ids, or values of the model's fields as they take them (guard.py);
- the arguments must be those the method takes.

A refusal is a translated message; the request then runs nothing."""
import datetime as dt
import functools

from trytond.i18n import gettext
from trytond.model import ModelStorage, fields
from trytond.pool import PoolMeta
from trytond.rpc import RPC
from trytond.transaction import Transaction

from . import arguments
from .exceptions import ArgumentError
from .guard import check_view_values
from .reach import check_readable, secure_domain


def _id(value):
    return isinstance(value, int) and not isinstance(value, bool) and (
        0 <= value < 2 ** 31)


def _ids(value):
    return isinstance(value, (list, tuple)) and len(value) <= 10000 and all(
        _id(v) for v in value)


def _name(value):
    return isinstance(value, str) and len(value) <= 200 and '\x00' not in value


CHECKS = {
    'company': _id,
    'employee': _id,
    'active_id': _id,
    'active_ids': _ids,
    'active_model': _name,
    'active_test': lambda v: isinstance(v, bool),
    'language': lambda v: _name(v) and len(v) <= 20,
    'timezone': _name,
    '_datetime': lambda v: isinstance(v, (dt.date, dt.datetime)),
    'action_id': _id,
    }


def _language(context):
    language = context.get('language') if isinstance(context, dict) else None
    return language if CHECKS['language'](language) else None


def check_context(context):
    "Refuse a context whose known keys have values of another type"
    for key, check in CHECKS.items():
        value = context.get(key)
        if value is not None and not check(value):
            raise ArgumentError(gettext(
                    'member_card.msg_context_value', key=key))


def _refuse_records(obj):
    raise ArgumentError(gettext('member_card.msg_argument_records',
            name=obj.__names__()['model']))


def _parent_values(obj, data):
    """The values of the parents sent as "_parent_<field>.<name>", by
    their model; refused when the field is no many2one of obj"""
    parents = {}
    for key, value in data.items():
        if not key.startswith('_parent_'):
            continue
        name, dot, subname = key[len('_parent_'):].partition('.')
        field = obj._fields.get(name)
        if not dot or not isinstance(field, fields.Many2One):
            _refuse_records(obj)
        parents.setdefault(field.get_target(), {})[subname] = value
    return parents


def check_instances(obj, data):
    """Refuse what a method is called on when it is no record of obj: an
    id or a list of ids (of a stored model), or the values of its fields"""
    if isinstance(data, dict):
        if any(not isinstance(k, str) or (k != 'id'
                    and not k.startswith('_parent_') and k not in obj._fields)
                for k in data):
            _refuse_records(obj)
        check_view_values(obj, {k: v for k, v in data.items()
                if k != 'id' and not k.startswith('_parent_')}, records=True)
        for Target, values in _parent_values(obj, data).items():
            check_instances(Target, values)
        id_ = data.get('id')
        if id_ is not None and not (isinstance(id_, int)
                and not isinstance(id_, bool) and abs(id_) < 2 ** 31):
            _refuse_records(obj)
    elif not issubclass(obj, ModelStorage) or not (_id(data) or _ids(data)):
        _refuse_records(obj)


def _context_of(args, kwargs):
    "The context a call carries (its last argument, or the keyword)"
    if 'context' in kwargs:
        return kwargs['context']
    return args[-1] if args else None


_convert = RPC.convert
_decorate = RPC.decorate


def _client_context(context):
    "The context the call will run in: the client's, without its '_' keys"
    return {k: v for k, v in context.items() if isinstance(k, str)
        and not k.startswith('_')} if isinstance(context, dict) else {}


def _method_name(obj, rpc):
    return next((n for n, r in obj.__rpc__.items() if r is rpc), None)


def check_method_names(obj, method, names):
    """Refuse the names of an on_change_with that the model computes not
    (the framework would fail on the missing method)"""
    if method == 'on_change_with' and (not isinstance(names, (list, tuple))
            or not all(isinstance(n, str)
                and callable(getattr(obj, f'on_change_with_{n}', None))
                for n in names)):
        raise ArgumentError(gettext('member_card.msg_argument_fields',
                name=obj.__names__()['model']))


def _checked_convert(self, obj, *args, **kwargs):
    context = _context_of(args, kwargs)
    with Transaction().set_context(language=_language(context)):
        if isinstance(context, dict):
            check_context(context)
        given = len(args) - (0 if 'context' in kwargs else 1)
        data_args = args if 'context' in kwargs else args[:-1]
        instances = []
        if isinstance(self.instantiate, int) and not isinstance(
                self.instantiate, bool):
            if given <= self.instantiate:
                raise ArgumentError(gettext('member_card.msg_argument_count',
                        name=obj.__name__))
            instances = [args[self.instantiate]]
            method = _method_name(obj, self)
            if method == 'on_change_with' and given > 1:
                check_method_names(obj, method, args[1])
        elif isinstance(self.instantiate, slice):
            instances = data_args[self.instantiate]
        for data in instances:
            check_instances(obj, data)
        with Transaction().set_context(_client_context(context)):
            for data in instances:
                check_readable(obj, data)
    return _convert(self, obj, *args, **kwargs)


# the methods taking a client's domain, and its position
DOMAIN_METHODS = {'search': 0, 'search_count': 0, 'search_read': 0,
    'export_data_domain': 0}


def _domain_secured(func, Model, position):
    "func with its domain argument held to the rules of what it reaches"
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        transaction = Transaction()
        if transaction.user and transaction.check_access:
            if len(args) > position:
                args = list(args)
                args[position] = secure_domain(Model, args[position])
            elif 'domain' in kwargs:
                kwargs['domain'] = secure_domain(Model, kwargs['domain'])
        return func(*args, **kwargs)
    return wrapper


def _checked_decorate(self, func):
    name = getattr(func, '__name__', None)
    owner = getattr(func, '__self__', None)
    func = _decorate(self, func)
    if (name in DOMAIN_METHODS and isinstance(owner, type)
            and issubclass(owner, ModelStorage)):
        func = _domain_secured(func, owner, DOMAIN_METHODS[name])
    return arguments.signature_checked(func)


def install():
    "Check every RPC call (once per server process)"
    if RPC.convert is not _checked_convert:
        RPC.convert = _checked_convert
        RPC.decorate = _checked_decorate


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        install()
