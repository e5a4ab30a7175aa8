# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""What a client reaches through the relations of a record, held to the
same rights and rules as what it reads directly.

Found by an adversarial review (issue 10): the framework checks the fields
of a search domain and of its dotted paths, but neither the value of a
"where" (any desk narrowed member.member.search_count with
('cards', 'where', [('track_payload', 'like', '88%')]) digit by digit to a
card's stripe, and the same way an ID number or a phone) nor the record
rules of the models a path goes through. And the records an on_change is
sent (contact_mechanisms [50]) were read without the record rules: a
salesperson got another's member's phone from on_change_contact_mechanisms.

- secure_domain: each step of a client's domain into another model is a
  "where" restricted by that model's record rules, its fields checked for
  the user's field access and the model for read access;
- check_readable: every stored record that an RPC call names in its data
  (its id, its relations' ids, its parents') must be one the user reads.
"""
from trytond.i18n import gettext
from trytond.model import ModelSingleton, ModelStorage, fields
from trytond.model.modelstorage import is_leaf
from trytond.pool import Pool

from .access import readable
from .exceptions import ArgumentError

RELATIONS = (fields.Many2One, fields.One2Many, fields.Many2Many)
WHERE = {'where', 'not where'}


def _check_field(Model, name):
    pool = Pool()
    ModelAccess = pool.get('ir.model.access')
    FieldAccess = pool.get('ir.model.field.access')
    ModelAccess.check(Model.__name__, 'read')
    FieldAccess.check(Model.__name__, [name], 'read')


def _rules(Model):
    Rule = Pool().get('ir.rule')
    return Rule.domain_get(Model.__name__, mode='read')


def _secure_leaf(Model, leaf):
    name, operator = leaf[0], leaf[1]
    if not isinstance(name, str):
        return leaf
    local, _, relate = name.partition('.')
    field = Model._fields.get(local)
    if field is None:
        return leaf  # the framework refuses it
    _check_field(Model, local)
    if (not isinstance(field, RELATIONS)
            or (not relate and operator not in WHERE)
            or (not relate and len(leaf) != 3)):
        return leaf
    if relate:
        if operator.endswith('child_of') or operator.endswith('parent_of'):
            return leaf
        sub, operator = [(relate, *leaf[1:])], 'where'
    else:
        sub = leaf[2]
    Target = field.get_target()
    sub = secure_domain(Target, sub)
    rules = _rules(Target)
    if rules:
        sub = ['AND', sub, rules]
    return (local, operator, sub)


def secure_domain(Model, domain):
    """domain, as a client sent it, with each step into another model held
    to that model's access, field access and record rules"""
    if is_leaf(domain):
        return _secure_leaf(Model, domain)
    if not isinstance(domain, (list, tuple)) or not domain:
        return domain
    head = [domain[0]] if domain[0] in ('AND', 'OR') else []
    return head + [secure_domain(Model, d) for d in domain[len(head):]]


def _positive(value):
    return (isinstance(value, int) and not isinstance(value, bool)
        and value > 0)


def _named_records(Model, data, found):
    "Add to found {model: ids} the stored records data names"
    if _positive(data.get('id')):
        found.setdefault(Model, set()).add(data['id'])
    for key, value in data.items():
        if key.startswith('_parent_'):
            name, _, sub = key[len('_parent_'):].partition('.')
            parent = Model._fields.get(name)
            if isinstance(parent, fields.Many2One) and sub:
                _named_records(parent.get_target(), {sub: value}, found)
            continue
        field = Model._fields.get(key)
        if not isinstance(field, RELATIONS):
            continue
        Target = field.get_target()
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, dict):
                _named_records(Target, item, found)
            elif _positive(item):
                found.setdefault(Target, set()).add(item)


def check_readable(Model, data):
    """Refuse data (an id, ids or the values of a record, as an RPC call is
    made on them) naming a stored record the user may not read"""
    found = {}
    if isinstance(data, dict):
        _named_records(Model, data, found)
    elif issubclass(Model, ModelStorage):
        ids = data if isinstance(data, (list, tuple)) else [data]
        found[Model] = {i for i in ids if _positive(i)}
    for Target, ids in found.items():
        if (not issubclass(Target, ModelStorage) or not ids
                or issubclass(Target, ModelSingleton)):
            continue  # a singleton's one record exists before it is stored
        if len(readable(Target, sorted(ids))) != len(ids):
            raise ArgumentError(gettext('member_card.msg_argument_unreadable',
                    name=Target.__names__()['model']))
