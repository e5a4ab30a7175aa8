# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.report import Report

from . import slip


class SlipReport(Report):
    """A cashier paper printed from the web client: the text of each copy
    in a page of its own, exactly what a receipt printer prints"""
    blocks = None  # the slip function of the paper
    copies = None  # None: the configured slip copies

    @classmethod
    def get_context(cls, records, header, data):
        context = super().get_context(records, header, data)
        context['slips'] = [
            (record, slip.copies_text(record, cls.blocks, copies=cls.copies))
            for record in records]
        return context


class DebitSlip(SlipReport):
    __name__ = 'member.account.debit.slip'
    blocks = staticmethod(slip.debit_blocks)


class TopUpReceipt(SlipReport):
    __name__ = 'member.account.topup.receipt'
    blocks = staticmethod(slip.topup_blocks)
    copies = 2


class ReversalSlip(SlipReport):
    __name__ = 'member.account.reversal.slip'
    blocks = staticmethod(slip.reversal_blocks)
    copies = 2


class ShiftReport(SlipReport):
    __name__ = 'member.cashier.shift.report'
    blocks = staticmethod(slip.shift_blocks)
    copies = 1
