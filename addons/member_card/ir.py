# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.pool import Pool, PoolMeta

from .privacy import user_privacy


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.domain.help += (
            '\n- "employees" as list of ids of the current user\'s employees'
            '\n- "member_scope" as the members the user sees: "none", "own" '
            '(their salesperson is one of the employees) or "all"'
            '\n- "member_contacts" whether the user reads members\' contact '
            'details\n- "member_identity" whether the user reads members\' '
            'ID numbers')

    @classmethod
    def _get_cache_key(cls, model_names):
        pool = Pool()
        User = pool.get('res.user')
        key = super()._get_cache_key(model_names)
        return (*key, User.get_employees())

    @classmethod
    def _get_context(cls, model_name):
        pool = Pool()
        User = pool.get('res.user')
        context = super()._get_context(model_name)
        context['employees'] = User.get_employees()
        scope, contacts, identity = user_privacy()
        context['member_scope'] = scope
        context['member_contacts'] = contacts
        context['member_identity'] = identity
        return context
