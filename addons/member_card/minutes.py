# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Moments as the desks read them: to the minute.

The framework shows a timestamp to the microsecond (a date-time to the
second, and a date-time's format is also what it validates: no seconds
could be stored with "%H:%M"); a list of "2026-12-01 23:28:41.153327" is
noise at a desk. This one keeps what it stores (it still orders to the
microsecond) and only says how the clients show it, in the user's
timezone."""
from trytond.model import fields

FORMAT = '%H:%M'


class Timestamp(fields.Timestamp):
    "A timestamp shown to the minute"
    format = FORMAT
