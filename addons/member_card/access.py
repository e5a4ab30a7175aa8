# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Who may do what, decided on the server.

The groups on a wizard's action are only checked against the action_id the
client sends in the context, which can be another action's: a wizard that
changes data names the groups of its job (DeskWizard) and checks them
itself, at its creation and at every step. Code that reads records for a
user without the access rules (a lookup, a card found by its swipe) asks
readable() before it answers."""
from trytond.i18n import gettext
from trytond.pool import Pool
from trytond.transaction import Transaction, check_access

from . import arguments
from .exceptions import DeskAccessError


def group_id(xml_id):
    "The id of the group module.xml_id"
    pool = Pool()
    ModelData = pool.get('ir.model.data')
    module, name = xml_id.split('.')
    return ModelData.get_id(module, name)


def user_in(*xml_ids):
    """Whether the current user holds one of the groups (root always
    does)"""
    pool = Pool()
    User = pool.get('res.user')
    if not Transaction().user:
        return True
    return bool(set(User.get_groups()) & {group_id(x) for x in xml_ids})


def check_user_in(xml_ids, action):
    "Refuse, naming the groups, unless the user holds one of xml_ids"
    pool = Pool()
    Group = pool.get('res.group')
    if user_in(*xml_ids):
        return
    groups = Group.browse([group_id(x) for x in xml_ids])
    raise DeskAccessError(gettext('member_card.msg_access_desk',
            action=action, groups=', '.join(g.rec_name for g in groups)))


def readable(Model, ids):
    """The ids among ids that the current user may read (the access rights
    and the record rules), in their order"""
    ids = list(ids)
    if not Transaction().user or not ids:
        return ids
    pool = Pool()
    ModelAccess = pool.get('ir.model.access')
    with check_access():
        if not ModelAccess.check(Model.__name__, 'read',
                raise_exception=False):
            return []
        found = {r.id for r in Model.search([('id', 'in', ids)], order=[])}
    return [i for i in ids if i in found]


class DeskWizard:
    """A wizard that does one desk's job: _desk_groups are the xml ids of
    the groups that may run it, _desk_models the models it runs on (empty:
    it needs no record). Checked on the server at each step, whatever
    action_id the client sends, with what the client sent for the step."""
    __slots__ = ()
    _desk_groups = ()
    _desk_models = ()

    @classmethod
    def check_desk(cls):
        "Refuse a user not at the desk, or a record of another model"
        pool = Pool()
        ActionWizard = pool.get('ir.action.wizard')
        arguments.active_context()
        context = Transaction().context
        if not Transaction().user:
            return
        model = context.get('active_model')
        name = ActionWizard.get_name(cls.__name__, model)
        check_user_in(cls._desk_groups, name)
        if cls._desk_models and (model not in cls._desk_models
                or context.get('active_id') is None):
            raise DeskAccessError(gettext(
                    'member_card.msg_access_wizard_model',
                    wizard=name, model=model or ''))

    @classmethod
    def create(cls):
        arguments.active_context()  # before the framework reads it
        return super().create()

    @classmethod
    def execute(cls, session_id, data, state_name):
        arguments.wizard_step(cls, session_id, data, state_name)
        cls.check_desk()
        return super().execute(session_id, data, state_name)

    @classmethod
    def delete(cls, session_id):
        arguments.wizard_step(cls, session_id, {}, None)
        return super().delete(session_id)


def context_company():
    """The company of the context when it is one of the user's companies,
    else None: a client sends any value in the context"""
    pool = Pool()
    User = pool.get('res.user')
    company = Transaction().context.get('company')
    if not isinstance(company, int) or isinstance(company, bool):
        return None
    if Transaction().user and company not in User.get_companies():
        return None
    return company


class QueryModel:
    """A model computed by a query (table_query): nothing to create, change
    or delete. A client trying is refused as an access error, not with the
    framework's internal error (give the model access rows without write,
    create and delete: overriding these methods makes the framework's
    default access of a query model grant them)"""
    __slots__ = ()

    @classmethod
    def _refuse_change(cls):
        raise DeskAccessError(gettext('member_card.msg_query_model',
                model=cls.__names__()['model']))

    @classmethod
    def create(cls, vlist):
        cls._refuse_change()

    @classmethod
    def write(cls, *args):
        cls._refuse_change()

    @classmethod
    def delete(cls, records):
        cls._refuse_change()
