# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.member_card.guard import ValueGuard
from trytond.transaction import Transaction

from .booking import QUEUES, STATES
from .center import SLOTS
from .exceptions import BookingError


class Event(ModelSQL, ModelView):
    """Booking History

    Where a booking went, who took it there and when: one line per change
    of state, date or queue, never edited."""
    __name__ = 'health.checkup.booking.event'
    __string__ = "Booking History"
    booking = fields.Many2One(
        'health.checkup.booking', "Booking", required=True, readonly=True,
        ondelete='CASCADE')
    state = fields.Selection(STATES, "State", readonly=True)
    date = fields.Date("Checkup Date", readonly=True)
    slot = fields.Selection(SLOTS, "Slot", readonly=True)
    queue = fields.Selection(QUEUES, "Queue", readonly=True)
    user = fields.Many2One('res.user', "By", readonly=True)
    at = fields.DateTime("At", format='%H:%M', readonly=True)
    note = fields.Char("Note", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('at', 'DESC'), ('id', 'DESC')]


class Attempt(ValueGuard, ModelSQL, ModelView):
    """Booking Attempt

    Customer service's call to book a member's checkup: when, by whom,
    what came of it."""
    __name__ = 'health.checkup.booking.attempt'
    __string__ = "Booking Attempt"
    booking = fields.Many2One(
        'health.checkup.booking', "Booking", required=True,
        ondelete='CASCADE')
    at = fields.DateTime("At", format='%H:%M', required=True)
    user = fields.Many2One('res.user', "By", readonly=True)
    result = fields.Selection([
            ('no_answer', "No Answer"),
            ('call_back', "Call Back Later"),
            ('declined', "Declined"),
            ('booked', "Day Agreed"),
            ], "Result", required=True, sort=False)
    note = fields.Text("Note")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('at', 'DESC'), ('id', 'DESC')]

    @classmethod
    def default_at(cls):
        "Now, to the minute (the list shows minutes)"
        return dt.datetime.now().replace(second=0, microsecond=0)

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            values['user'] = Transaction().user
        return values

    @classmethod
    def validate_fields(cls, attempts, field_names):
        super().validate_fields(attempts, field_names)
        for attempt in attempts:
            if attempt.booking.state != 'draft':
                raise BookingError(gettext(
                        'health_checkup.msg_attempt_not_draft',
                        booking=attempt.booking.rec_name))
