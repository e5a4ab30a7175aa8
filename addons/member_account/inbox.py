# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The balance adjustments and reversals waiting for the center manager, in
the approvals inbox (member_card's member.approval)."""
from trytond.modules.member_card.inbox import approval_columns
from trytond.pool import Pool, PoolMeta

SOURCES = [
    ('member.account.adjustment', 'adjustment'),
    ('member.account.reversal', 'reversal'),
    ]


class Approval(metaclass=PoolMeta):
    __name__ = 'member.approval'

    @classmethod
    def _sources(cls):
        return super()._sources() + [model for model, _ in SOURCES]

    @classmethod
    def _kinds(cls):
        "A kind for each model, named as the model (translated)"
        Model = Pool().get('ir.model')
        return super()._kinds() + [(kind, Model.get_name(model))
            for model, kind in SOURCES]


class WaitingRequest:
    "A dual-control request in the inbox while it is requested"
    __slots__ = ()
    _approval_kind = None

    @classmethod
    def approval_query(cls, index):
        table = cls.__table__()
        return table.select(*approval_columns(table, index, cls.__name__,
                cls._approval_kind, table.requested_by, table.create_date),
            where=table.state == 'requested')


class Adjustment(WaitingRequest, metaclass=PoolMeta):
    __name__ = 'member.account.adjustment'
    _approval_kind = 'adjustment'


class Reversal(WaitingRequest, metaclass=PoolMeta):
    __name__ = 'member.account.reversal'
    _approval_kind = 'reversal'
