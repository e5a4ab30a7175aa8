# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""What each department sees of the members' personal data (C1, X6).

Each group says which members its users see (none, their own: those whose
salesperson is one of the user's employees, or all of their companies),
whether it reads the members' contact details (phone numbers, e-mail,
addresses) and whether it reads their ID numbers. A user sees the most that
any of their groups grants. The departments' settings are data
(department.xml); an administrator can change them on the group.

The settings reach the server's checks in two ways:
- the record rules of every model that holds a member's data (the member,
  the party with its contact mechanisms, addresses and identifiers, the
  household, the cards...) read them from the rule context (ir.py):
  member_scope, member_contacts, member_identity;
- the fields that a model lists in _contact_fields or _identity_fields
  (a member's phone and contact methods, its ID number) are readable only
  with the setting: field access computed here, so the web client hides
  them and a read over RPC is refused."""
from trytond.cache import Cache
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction

SCOPES = ['none', 'own', 'all']


class Group(metaclass=PoolMeta):
    __name__ = 'res.group'
    member_scope = fields.Selection([
            ('none', "None"),
            ('own', "Own Members"),
            ('all', "All Members"),
            ], "Members Seen", required=True, sort=False,
        help="Which members the users of the group see: none, those whose "
        "salesperson is one of their employees, or all those of their "
        "companies.")
    member_contacts = fields.Boolean("Reads Contact Details",
        help="The users of the group read the phone numbers, e-mail "
        "addresses and addresses of the members they see.")
    member_identity = fields.Boolean("Reads ID Numbers",
        help="The users of the group read the ID numbers of the members "
        "they see.")

    @classmethod
    def default_member_scope(cls):
        return 'none'

    @classmethod
    def on_modification(cls, mode, groups, field_names=None):
        pool = Pool()
        FieldAccess = pool.get('ir.model.field.access')
        Rule = pool.get('ir.rule')
        super().on_modification(mode, groups, field_names=field_names)
        _privacy_cache.clear()
        FieldAccess._get_access_cache.clear()
        Rule._domain_get_cache.clear()


_privacy_cache = Cache('member_card.privacy', context=False)


def user_privacy():
    """(scope, contacts, identity) of the current user: the most their
    groups grant; root sees everything"""
    pool = Pool()
    User = pool.get('res.user')
    Group = pool.get('res.group')
    if not Transaction().user:
        return 'all', True, True
    groups = User.get_groups()
    privacy = _privacy_cache.get(groups)
    if privacy is None:
        # plain SQL: reading records asks the field access, which asks this
        group = Group.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*group.select(group.member_scope,
                group.member_contacts, group.member_identity,
                where=group.id.in_(list(groups) or [-1])))
        scope, contacts, identity = 'none', False, False
        for group_scope, group_contacts, group_identity in cursor:
            scope = max(scope, group_scope or 'none', key=SCOPES.index)
            contacts |= bool(group_contacts)
            identity |= bool(group_identity)
        privacy = _privacy_cache.set(groups, (scope, contacts, identity))
    return tuple(privacy)


def may_read_contacts():
    return user_privacy()[1]


def may_read_identity():
    return user_privacy()[2]


class ModelFieldAccess(metaclass=PoolMeta):
    __name__ = 'ir.model.field.access'

    @classmethod
    def get_access(cls, models):
        "The fields of members' contacts and identity need the settings"
        pool = Pool()
        accesses = super().get_access(models)
        if not Transaction().user:
            return accesses
        _, contacts, identity = user_privacy()
        for model in models:
            Model = pool.get(model)
            hidden = set()
            if not contacts:
                hidden |= set(getattr(Model, '_contact_fields', ()))
            if not identity:
                hidden |= set(getattr(Model, '_identity_fields', ()))
            if hidden:
                accesses[model] = access = dict(accesses[model])
                for name in hidden:
                    access[name] = {'read': False, 'write': False,
                        'create': False, 'delete': False}
        return accesses
