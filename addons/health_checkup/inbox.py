# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The bookings waiting for the center manager (a short notice, a member
outside the normal flow, a late change), in the approvals inbox
(member_card's member.approval)."""
from sql.conditionals import Case, Coalesce

from trytond.modules.member_card.inbox import approval_columns
from trytond.pool import Pool, PoolMeta


class Approval(metaclass=PoolMeta):
    __name__ = 'member.approval'

    @classmethod
    def _sources(cls):
        return super()._sources() + ['health.checkup.booking']

    @classmethod
    def _kinds(cls):
        "What the booking waits for, as the booking says it (translated)"
        Booking = Pool().get('health.checkup.booking')
        selection = Booking.fields_get(['approval'])['approval']['selection']
        return super()._kinds() + [(key, label)
            for key, label in selection if key]


class Booking(metaclass=PoolMeta):
    __name__ = 'health.checkup.booking'

    @classmethod
    def approval_query(cls, index):
        "The bookings waiting for approval, asked by whoever asked"
        table = cls.__table__()
        asker = Case((table.state == 'change', table.changed_by),
            else_=table.requested_by)
        return table.select(*approval_columns(table, index, cls.__name__,
                table.approval, asker,
                Coalesce(table.write_date, table.create_date)),
            where=table.state.in_(['approval', 'change'])
            & (table.approval != None))  # noqa: E711
