# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Print on Printer: a cashier document's paper printed again on the
desk's printer, from its form (a slip or a top-up receipt marked as a
reprint, a reversal slip, the shift report at closing)."""
from trytond.model import ModelView
from trytond.pool import Pool, PoolMeta

from .box import box_message, new_action_id
from .exceptions import BoxError
from .printing import print_job, print_now


class PrintedAtDesk:
    "A document with the Print on Printer button"
    __slots__ = ()
    _desk_report = None  # the report whose copies are printed
    _desk_reprint = False  # whether they are marked as a reprint

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._buttons.update({'print_on_printer': {}})

    @classmethod
    @ModelView.button
    def print_on_printer(cls, records):
        pool = Pool()
        Desk = pool.get('iot.desk')
        desk = Desk.of_user('printer')
        for record in records:
            token, device, payload = print_job(desk, record,
                cls._desk_report, reprint=cls._desk_reprint)
            code = print_now(desk.box.url, token, new_action_id(), device,
                payload)
            if code is not None:
                raise BoxError(box_message(code, desk.box.rec_name))


class Debit(PrintedAtDesk, metaclass=PoolMeta):
    __name__ = 'member.account.debit'
    _desk_report = 'member.account.debit.slip'
    _desk_reprint = True


class TopUp(PrintedAtDesk, metaclass=PoolMeta):
    __name__ = 'member.account.topup'
    _desk_report = 'member.account.topup.receipt'
    _desk_reprint = True


class Reversal(PrintedAtDesk, metaclass=PoolMeta):
    __name__ = 'member.account.reversal'
    _desk_report = 'member.account.reversal.slip'


class Shift(PrintedAtDesk, metaclass=PoolMeta):
    __name__ = 'member.cashier.shift'
    _desk_report = 'member.cashier.shift.report'
