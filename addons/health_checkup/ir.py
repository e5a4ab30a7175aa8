# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.extend([
                ('health.checkup.booking|mark_no_shows', "Mark No-Shows"),
                ('health.checkup.booking|return_unbooked',
                    "Return Unbooked Members to Sales"),
                ])
