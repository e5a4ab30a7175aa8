# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The reception's check-in of arriving members (health_checkup) with the
Reader button, when health_checkup is active."""
from trytond.pool import PoolMeta

from .reader import ReaderStart, ReaderWizard


class CheckInStart(ReaderStart, metaclass=PoolMeta):
    __name__ = 'health.checkup.check_in.start'


class CheckIn(ReaderWizard, metaclass=PoolMeta):
    __name__ = 'health.checkup.check_in'

    def reader_refused(self, message):
        state = super().reader_refused(message)
        self.start.booking = self.start.member = self.start.package = None
        return state
