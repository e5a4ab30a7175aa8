# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.pool import Pool, PoolMeta
from trytond.transaction import without_check_access


class Member(metaclass=PoolMeta):
    __name__ = 'member.member'

    @classmethod
    def _consumption_times(cls, members):
        "A member consumed when a slip of theirs was posted and not reversed"
        pool = Pool()
        Debit = pool.get('member.account.debit')
        times = super()._consumption_times(members)
        with without_check_access():
            debits = Debit.search([
                    ('member', 'in', [m.id for m in members]),
                    ('state', '=', 'posted'),
                    ])
        for debit in debits:
            times.setdefault(debit.member.id, []).append(debit.posted_at)
        return times
