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
    the groups that may run it, _desk_models the models it may run on
    (empty: any). Checked on the server at its creation and at each step,
    whatever action_id the client sends."""
    __slots__ = ()
    _desk_groups = ()
    _desk_models = ()

    @classmethod
    def check_access(cls):
        pool = Pool()
        ActionWizard = pool.get('ir.action.wizard')
        arguments.active_context()
        transaction = Transaction()
        if transaction.user:
            model = transaction.context.get('active_model')
            name = ActionWizard.get_name(cls.__name__, model)
            if cls._desk_models and model not in cls._desk_models:
                raise DeskAccessError(gettext(
                        'member_card.msg_access_wizard_model',
                        wizard=name, model=model or ''))
            check_user_in(cls._desk_groups, name)
        super().check_access()
