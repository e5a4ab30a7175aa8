# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The center confirmation desk (C6): the week board of days with their
load, and the wizards that give requests a day"""
import datetime as dt

from sql import Literal, Values

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.member_card import arguments
from trytond.modules.member_card.access import DeskWizard, QueryModel
from trytond.modules.member_card.done import DoneWizard
from trytond.pool import Pool
from trytond.pyson import Bool, Eval
from trytond.transaction import Transaction
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .booking import rpc_button, today
from .center import SLOTS, WEEKDAYS
from .exceptions import BookingError

# the groups of the confirmation desk's buttons (Confirm, Move, Confirm Here)
CONFIRM_DESKS = ('member_card.group_center_confirm',
    'member_card.group_center_manager', 'res.group_admin')
EPOCH = dt.date(2000, 1, 1)
BOARD_DAYS = 7
PAST_DAYS, FUTURE_DAYS = 31, 123


def day_id(center, date):
    "A stable id of the day of a center"
    return (date - EPOCH).days * 10000 + center


def week_start(date):
    return date - dt.timedelta(days=date.weekday())


class DayContext(ModelView):
    "Week Board"
    __name__ = 'health.checkup.day.context'
    __string__ = "Week Board"
    center = fields.Many2One('health.checkup.center', "Center")
    start = fields.Date("Week Of", required=True)

    @classmethod
    def default_start(cls):
        return week_start(today())

    @classmethod
    def default_center(cls):
        pool = Pool()
        Center = pool.get('health.checkup.center')
        centers = Center.search([], limit=2)
        return centers[0].id if len(centers) == 1 else None


class Day(QueryModel, ModelSQL, ModelView):
    """Checkup Day

    A day of a center on the week board: its places, the checkups it holds
    and the requests waiting for it."""
    __name__ = 'health.checkup.day'
    __string__ = "Checkup Day"
    center = fields.Many2One('health.checkup.center', "Center", readonly=True)
    date = fields.Date("Date", readonly=True)
    weekday = fields.Function(
        fields.Selection(WEEKDAYS, "Weekday"), 'get_weekday')
    places = fields.Function(fields.Integer("Places"), 'get_load')
    booked = fields.Function(fields.Integer("Confirmed"), 'get_load')
    free = fields.Function(fields.Integer("Free"), 'get_load')
    waiting = fields.Function(
        fields.Integer("Waiting",
            help="Requests asking for this day, to confirm."),
        'get_load')
    approval = fields.Function(
        fields.Integer("Awaiting Approval",
            help="Requests asking for this day that wait for the center "
            "manager first (short notice, outside the normal flow)."),
        'get_load')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'ASC'), ('center', 'ASC'), ('id', 'ASC')]
        cls._buttons.update({
                'confirm_here': {
                    'readonly': Eval('free', 0) <= 0,
                    'depends': ['free']},
                })

    @classmethod
    def board_start(cls):
        """The first day of the week the board shows (context start: a
        client sends any value, refused unless a date)"""
        pool = Pool()
        Context = pool.get('health.checkup.day.context')
        start = arguments.date(Transaction().context.get('start'),
            Context.__names__('start')['field'], required=False)
        return start or week_start(today())

    @classmethod
    def board_center(cls):
        "The center the board shows (context center), or None for all"
        pool = Pool()
        Context = pool.get('health.checkup.day.context')
        return arguments.record_id(Transaction().context.get('center'),
            Context.__names__('center')['field'], required=False)

    @classmethod
    def table_query(cls):
        """The days of every center from a month back to four months ahead
        (and the week asked for): a record read without the board's
        context is still found"""
        pool = Pool()
        Center = pool.get('health.checkup.center')
        start = cls.board_start()
        first = min(start, today() - dt.timedelta(days=PAST_DAYS))
        last = max(start + dt.timedelta(days=BOARD_DAYS),
            today() + dt.timedelta(days=FUTURE_DAYS))
        domain = []
        if cls.board_center():
            domain.append(('id', '=', cls.board_center()))
        centers = Center.search(domain)
        rows = [[day_id(c.id, d), c.id, d]
            for d in (first + dt.timedelta(days=n)
                for n in range((last - first).days))
            for c in centers]
        if not rows:
            rows, where = [[0, 0, start]], Literal(False)
        else:
            where = Literal(True)
        values = Values(rows)
        return values.select(
            values.column1.as_('id'),
            values.column2.as_('center'),
            values.column3.as_('date'),
            where=where)

    @classmethod
    def search(cls, domain, offset=0, limit=None, order=None, count=False,
            query=False):
        "The board shows the week of the context's start"
        start = cls.board_start()
        domain = [domain,
            ('date', '>=', start),
            ('date', '<', start + dt.timedelta(days=BOARD_DAYS)),
            ]
        return super().search(domain, offset=offset, limit=limit,
            order=order, count=count, query=query)

    def get_weekday(self, name):
        return str(self.date.weekday())

    def get_rec_name(self, name):
        "The center and the day, as the desk says it"
        pool = Pool()
        Lang = pool.get('ir.lang')
        return f'{self.center.rec_name} {Lang.get().strftime(self.date)}'

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('center.rec_name',) + tuple(clause[1:])]

    @classmethod
    def get_load(cls, days, names):
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        result = {n: {} for n in names}
        for day in days:
            places = day.center.places(day.date)
            booked = day.center.booked(day.date)
            load = {
                'places': places,
                'booked': booked,
                'free': max(places - booked, 0),
                'waiting': Booking.search_count([
                        ('center', '=', day.center.id),
                        ('state', '=', 'requested'),
                        ('requested_date', '=', day.date),
                        ]),
                'approval': Booking.search_count([
                        ('center', '=', day.center.id),
                        ('state', '=', 'approval'),
                        ('requested_date', '=', day.date),
                        ]),
                }
            for name in names:
                result[name][day.id] = load[name]
        return result

    @classmethod
    @rpc_button
    @ModelView.button_action('health_checkup.wizard_day_confirm')
    def confirm_here(cls, days):
        pass


class SlotChoice:
    "The center, its half days and the slot chosen, with the places free"
    __slots__ = ()
    center = fields.Many2One('health.checkup.center', "Center", readonly=True)
    half_days = fields.Boolean("Half Days", readonly=True)
    slot = fields.Selection(SLOTS, "Slot",
        states={
            'invisible': ~Eval('half_days'),
            'required': Bool(Eval('half_days')),
            })
    free = fields.Integer("Free", readonly=True,
        help="The places left on the date chosen.")


class DayConfirmStart(SlotChoice, ModelView):
    "Confirm Checkups on a Day"
    __name__ = 'health.checkup.day.confirm.start'
    __string__ = "Confirm Checkups on a Day"
    date = fields.Date("Date", readonly=True)
    bookings = fields.Many2Many(
        'health.checkup.booking', None, None, "Requests",
        domain=[
            ('center', '=', Eval('center', -1)),
            ('state', '=', 'requested'),
            ],
        help="The requests to confirm on this day.")
    approvals = fields.Many2Many(
        'health.checkup.booking', None, None, "Awaiting Approval",
        readonly=True,
        help="The requests for this day that wait for the center manager: "
        "open one to approve or refuse it.")


class DayConfirm(DoneWizard, DeskWizard, Wizard):
    """Confirm Checkups on a Day

    From the week board: the requests waiting, confirmed on the day chosen
    when they fit."""
    __name__ = 'health.checkup.day.confirm'
    _desk_groups = CONFIRM_DESKS
    _desk_models = ('health.checkup.day',)

    @classmethod
    def check_access(cls):
        """The framework's check against the groups of this wizard's own
        actions, not of the action_id the client sends: with another
        action's id (one without groups) it would ask for a write right on
        a day, which no desk has (DeskWizard checks the desk)"""
        with Transaction().set_context(action_id=None):
            super().check_access()
    start = StateView('health.checkup.day.confirm.start',
        'health_checkup.day_confirm_start_view_form', [
            Button("Close", 'end', 'tryton-close'),
            Button("Confirm", 'confirm', 'tryton-ok', default=True),
            ])
    confirm = StateTransition()

    def default_start(self, fields):
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        day = self.record
        waiting = Booking.search([
                ('center', '=', day.center.id),
                ('state', '=', 'requested'),
                ('requested_date', '=', day.date),
                ])
        approvals = Booking.search([
                ('center', '=', day.center.id),
                ('state', '=', 'approval'),
                ('requested_date', '=', day.date),
                ])
        return {
            'approvals': [b.id for b in approvals],
            'center': day.center.id,
            'date': day.date,
            'half_days': day.center.half_days,
            'free': day.free,
            'bookings': [b.id for b in waiting],
            }

    def transition_confirm(self):
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        arguments.date(self.start.date,
            self.start.__names__('date')['field'])
        if not self.start.bookings:
            raise BookingError(gettext(
                    'health_checkup.msg_confirm_nothing'))
        Booking.confirm_on(list(self.start.bookings), self.start.date,
            self.start.slot)
        return self.say_done('health_checkup.msg_done_day_confirmed',
            count=len(self.start.bookings), date=self.start.date)


class DateStart(SlotChoice, ModelView):
    "Checkup Date"
    __name__ = 'health.checkup.booking.date'
    __string__ = "Checkup Date"
    date = fields.Date("Date", required=True)

    @fields.depends('center', 'date', 'slot', 'half_days')
    def on_change_with_free(self):
        if self.center and self.date:
            slot = self.slot if self.half_days else None
            return max(self.center.places(self.date, slot)
                - self.center.booked(self.date, slot), 0)


class DateWizard(DoneWizard, DeskWizard, Wizard):
    "Ask for a checkup date, then apply it to the booking"
    _desk_groups = CONFIRM_DESKS
    _desk_models = ('health.checkup.booking',)
    start = StateView('health.checkup.booking.date',
        'health_checkup.booking_date_view_form', [
            Button("Close", 'end', 'tryton-close'),
            Button("OK", 'apply', 'tryton-ok', default=True),
            ])
    apply = StateTransition()

    def default_start(self, fields):
        booking = self.record
        return {
            'center': booking.center.id,
            'half_days': booking.center.half_days,
            'date': self.proposed_date(booking),
            'slot': booking.slot or booking.requested_slot,
            }

    def proposed_date(self, booking):
        raise NotImplementedError

    def transition_apply(self):
        date = arguments.date(self.start.date,
            self.start.__names__('date')['field'])
        self.apply_date(self.record, date, self.start.slot)
        message, values = self.done_message(
            self.record.__class__(self.record.id))
        return self.say_done(message, **values)

    def done_message(self, booking):
        "(message id, its values) saying what the wizard did"
        raise NotImplementedError

    def apply_date(self, booking, date, slot):
        raise NotImplementedError


class BookingConfirm(DateWizard):
    "Confirm Checkup"
    __name__ = 'health.checkup.booking.confirm'

    def proposed_date(self, booking):
        return booking.requested_date

    def apply_date(self, booking, date, slot):
        booking.__class__.confirm_on([booking], date, slot)

    def done_message(self, booking):
        return 'health_checkup.msg_done_confirmed', {
            'booking': booking.rec_name, 'date': booking.date}


class BookingReschedule(DateWizard):
    "Move Checkup"
    __name__ = 'health.checkup.booking.reschedule'

    def proposed_date(self, booking):
        return booking.date

    def apply_date(self, booking, date, slot):
        booking.__class__.change_date([booking], date, slot)

    def done_message(self, booking):
        if booking.state == 'change':
            return 'health_checkup.msg_done_change_waiting', {
                'booking': booking.rec_name, 'date': booking.new_date}
        return 'health_checkup.msg_done_moved', {
            'booking': booking.rec_name, 'date': booking.date}
