# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields)
from trytond.modules.member_card.access import context_company
from trytond.modules.member_card.guard import ValueGuard
from trytond.pool import Pool

from .exceptions import CapacityError

WEEKDAYS = [
    ('0', "Monday"),
    ('1', "Tuesday"),
    ('2', "Wednesday"),
    ('3', "Thursday"),
    ('4', "Friday"),
    ('5', "Saturday"),
    ('6', "Sunday"),
    ]
SLOTS = [
    (None, ""),
    ('am', "Morning"),
    ('pm', "Afternoon"),
    ]
# the states of a booking that hold a place on its date
HOLDING = ['confirmed', 'change', 'checked_in', 'done']


class Center(ValueGuard, DeactivableMixin, ModelSQL, ModelView):
    """Checkup Center

    Where checkups take place, with how many it takes each weekday (in the
    morning and in the afternoon) and the days that differ: holidays,
    reduced days."""
    __name__ = 'health.checkup.center'
    __string__ = "Checkup Center"
    name = fields.Char("Name", required=True, translate=True)
    company = fields.Many2One('company.company', "Company", required=True)
    half_days = fields.Boolean(
        "Half-Day Slots",
        help="Checkups are booked in the morning or in the afternoon, each "
        "with its own capacity; otherwise for the day.")
    capacities = fields.One2Many(
        'health.checkup.capacity', 'center', "Weekly Capacity")
    exceptions = fields.One2Many(
        'health.checkup.capacity.exception', 'center', "Exceptions",
        order=[('date', 'DESC')])

    @classmethod
    def default_company(cls):
        return context_company()

    def places(self, date, slot=None):
        """How many checkups the center takes on date: in slot (morning or
        afternoon) for a center with half days, else the whole day"""
        pool = Pool()
        Exception_ = pool.get('health.checkup.capacity.exception')
        Capacity = pool.get('health.checkup.capacity')
        rows = Exception_.search([
                ('center', '=', self.id),
                ('date', '=', date),
                ], limit=1)
        if not rows:
            rows = Capacity.search([
                    ('center', '=', self.id),
                    ('weekday', '=', str(date.weekday())),
                    ], limit=1)
        if not rows:
            return 0
        row, = rows
        if self.half_days and slot:
            return getattr(row, 'morning' if slot == 'am' else 'afternoon')
        return row.morning + row.afternoon

    def booked(self, date, slot=None):
        "How many bookings hold a place on date (in slot)"
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        domain = [
            ('center', '=', self.id),
            ('date', '=', date),
            ('state', 'in', HOLDING),
            ]
        if self.half_days and slot:
            domain.append(('slot', '=', slot))
        return Booking.search_count(domain)

    def check_open(self, date, slot=None, places=None):
        "Refuse a closed day (no capacity at all); returns the places"
        if places is None:
            places = self.places(date, slot)
        if not places:
            raise CapacityError(gettext(
                    'health_checkup.msg_center_closed',
                    center=self.rec_name, date=date))
        return places

    def check_room(self, date, slot=None, extra=1):
        """Refuse when extra more bookings do not fit on date (in slot).
        The caller holds the center's lock (see lock_places)."""
        places = self.check_open(date, slot)
        if self.booked(date, slot) + extra > places:
            raise CapacityError(gettext(
                    'health_checkup.msg_center_full',
                    center=self.rec_name, date=date, places=places))

    def lock_places(self):
        """Take the center's row lock: two confirmers giving out the last
        place run one after the other, the second seeing the first's
        booking"""
        self.__class__.lock([self])


class CapacityMixin:
    __slots__ = ()
    center = fields.Many2One(
        'health.checkup.center', "Center", required=True, ondelete='CASCADE')
    morning = fields.Integer(
        "Morning", required=True, domain=[('morning', '>=', 0)],
        help="Checkups taken in the morning (the whole day's when the "
        "center has no half days, with the afternoon's).")
    afternoon = fields.Integer(
        "Afternoon", required=True, domain=[('afternoon', '>=', 0)])
    places = fields.Function(fields.Integer("Places"), 'get_places')

    @classmethod
    def default_morning(cls):
        return 0

    @classmethod
    def default_afternoon(cls):
        return 0

    def get_places(self, name):
        return (self.morning or 0) + (self.afternoon or 0)


class Capacity(ValueGuard, CapacityMixin, ModelSQL, ModelView):
    "Checkup Center Weekly Capacity"
    __name__ = 'health.checkup.capacity'
    __string__ = "Weekly Capacity"
    weekday = fields.Selection(WEEKDAYS, "Weekday", required=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('weekday_unique', Unique(t, t.center, t.weekday),
                'health_checkup.msg_capacity_weekday_unique'),
            ]
        cls._order.insert(0, ('weekday', 'ASC'))


class CapacityException(ValueGuard, CapacityMixin, ModelSQL, ModelView):
    "Checkup Center Capacity Exception"
    __name__ = 'health.checkup.capacity.exception'
    __string__ = "Capacity Exception"
    date = fields.Date("Date", required=True)
    reason = fields.Char("Reason", required=True,
        help="A holiday, a reduced day; zero places close the day.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('date_unique', Unique(t, t.center, t.date),
                'health_checkup.msg_capacity_date_unique'),
            ]
