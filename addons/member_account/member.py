# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction, without_check_access


class Member(metaclass=PoolMeta):
    __name__ = 'member.member'

    payment_password = fields.Function(fields.Selection([
                ('none', "Not Set"),
                ('set', "Set"),
                ('locked', "Locked"),
                ], "Payment Password",
            help="The member's six-digit password for debits; reception "
            "sets and resets it."), 'get_payment_password')

    @classmethod
    def get_payment_password(cls, members, name):
        pool = Pool()
        Password = pool.get('member.payment.password')
        states = {m.id: 'none' for m in members}
        with without_check_access():
            for record in Password.search(
                    [('member', 'in', [m.id for m in members])]):
                if record.password_hash:
                    states[record.member.id] = (
                        'locked' if record.locked else 'set')
        return states

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
