# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction


class Member(metaclass=PoolMeta):
    __name__ = 'member.member'

    @classmethod
    def _consumption_times(cls, members):
        "A member consumed when a slip of theirs was posted and not reversed"
        pool = Pool()
        Debit = pool.get('member.account.debit')
        debit = Debit.__table__()
        cursor = Transaction().connection.cursor()
        times = super()._consumption_times(members)
        cursor.execute(*debit.select(debit.member, debit.posted_at,
                where=debit.member.in_([m.id for m in members])
                & (debit.state == 'posted')))
        for member, posted_at in cursor:
            times.setdefault(member, []).append(posted_at)
        return times
