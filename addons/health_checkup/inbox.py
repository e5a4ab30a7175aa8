# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The bookings waiting for the center manager in the approvals inbox
(待审批): short notice, outside the normal flow, late changes."""
from trytond.i18n import gettext
from trytond.pool import PoolMeta

KINDS = ['lead', 'flow', 'change']


class Approval(metaclass=PoolMeta):
    __name__ = 'member.approval'

    @classmethod
    def _sources(cls):
        return super()._sources() + ['health.checkup.booking']

    @classmethod
    def _kinds(cls):
        "Labels as messages: the selection of a method is not translated"
        return super()._kinds() + [(f'checkup_{k}',
                gettext(f'health_checkup.msg_approval_kind_{k}'))
            for k in KINDS]
