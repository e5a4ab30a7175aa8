# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
import functools

from sql.conditionals import Coalesce

from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, Workflow, fields
from trytond.modules.member_card import arguments
from trytond.modules.member_card.access import context_company, readable
from trytond.modules.member_card.guard import ValueGuard
from trytond.modules.member_card.inbox import approval_columns
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction, without_check_access

from .center import SLOTS
from .exceptions import (
    BookingAccessError, BookingDateError, BookingError, BookingWarning)
from .notify import notify_confirmed, sales_office_users

STATES = [
    ('draft', "Draft"),
    ('approval', "Awaiting Approval"),
    ('requested', "Requested"),
    ('confirmed', "Confirmed"),
    ('change', "Change Awaiting Approval"),
    ('checked_in', "Checked In"),
    ('done', "Done"),
    ('no_show', "No-Show"),
    ('cancelled', "Cancelled"),
    ]
APPROVALS = [
    (None, ""),
    ('lead', "Short Notice"),
    ('flow', "Outside the Normal Flow"),
    ('change', "Late Change"),
    ]
QUEUES = [
    ('sales', "Sales Office"),
    ('service', "Customer Service"),
    ]
OPEN = ['draft', 'approval', 'requested', 'confirmed', 'change']
# what only the workflow's buttons and wizards change (C6, C7): they check
# the rules and write the history
WORKFLOW_FIELDS = {'state', 'date', 'slot', 'new_date', 'new_slot',
    'approval', 'requested_by', 'changed_by', 'queue', 'queued_on',
    'returned_on', 'number', 'company', 'events'}
# what a draft's form edits: frozen once the booking is requested
DRAFT_FIELDS = {'center', 'member', 'package', 'requested_date',
    'requested_slot'}
# what a client may give a new booking (the rest is the workflow's)
CREATE_FIELDS = DRAFT_FIELDS | {'salesperson', 'queue', 'note', 'attempts',
    'company'}


def rpc_button(func):
    """A button as a client calls it: with a list of records and nothing
    else (one record, a dict of values or an extra argument is refused, not
    an internal error)"""
    func = arguments.signature_checked(func)

    @functools.wraps(func)
    def wrapper(cls, records, *args, **kwargs):
        arguments.sequence(records, cls.__names__()['model'],
            max_length=10000, required=False)
        return func(cls, records, *args, **kwargs)
    return wrapper


def today():
    pool = Pool()
    Date = pool.get('ir.date')
    return Date.today()


class Booking(ValueGuard, Workflow, ModelSQL, ModelView):
    """Checkup Booking

    A member's checkup (S1-S3, C6, C7): requested by sales for a preferred
    day, confirmed by the center on a day with room, checked in by a swipe
    of the member's card at arrival. Short notice, members outside the
    normal flow and late changes wait for the center manager."""
    __name__ = 'health.checkup.booking'
    __string__ = "Checkup Booking"
    _rec_name = 'number'

    _draft = Eval('state') != 'draft'

    number = fields.Char("Checkup Number", readonly=True,
        help="The checkup number (体检号), given when the booking is "
        "created.")
    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    center = fields.Many2One(
        'health.checkup.center', "Center", required=True,
        domain=[('company', '=', Eval('company', -1))],
        states={'readonly': _draft})
    member = fields.Many2One(
        'member.member', "Member", required=True,
        domain=[
            ('company', '=', Eval('company', -1)),
            If(Eval('state') == 'draft',
                ('state', 'in', ['registered', 'active']), ()),
            ],
        states={'readonly': _draft},
        context={'company': Eval('company', -1)}, depends={'company'})
    package = fields.Many2One(
        'product.product', "Package", required=True,
        domain=[('checkup_package', '=', True)],
        states={'readonly': _draft},
        context={'company': Eval('company', -1)}, depends={'company'})
    salesperson = fields.Many2One(
        'company.employee', "Salesperson",
        domain=[('company', '=', Eval('company', -1))],
        states={'readonly': ~Eval('state').in_(['draft', 'approval',
                    'requested'])},
        help="The member's salesperson unless another is chosen.")
    requested_date = fields.Date(
        "Requested Date", required=True, states={'readonly': _draft})
    requested_slot = fields.Selection(
        SLOTS, "Requested Slot", states={'readonly': _draft})
    date = fields.Date("Checkup Date", readonly=True)
    slot = fields.Selection(SLOTS, "Slot", readonly=True)
    slot_string = slot.translated('slot')
    new_date = fields.Date("New Date", readonly=True,
        help="The date a late change moves the checkup to once approved.")
    new_slot = fields.Selection(SLOTS, "New Slot", readonly=True)
    approval = fields.Selection(APPROVALS, "Waiting For", readonly=True)
    requested_by = fields.Many2One('res.user', "Requested By", readonly=True)
    changed_by = fields.Many2One(
        'res.user', "Change Requested By", readonly=True)
    queue = fields.Selection(QUEUES, "Queue", required=True,
        states={'readonly': _draft},
        help="Who books the member: the sales office or customer service.")
    queued_on = fields.Date("Queued On", readonly=True,
        help="The day the queue took the member over.")
    returned_on = fields.Date("Returned On", readonly=True,
        help="When customer service gave the member back to the sales "
        "office, not having booked within the configured days.")
    note = fields.Text("Note")
    attempts = fields.One2Many(
        'health.checkup.booking.attempt', 'booking', "Booking Attempts")
    events = fields.One2Many(
        'health.checkup.booking.event', 'booking', "History", readonly=True)
    state = fields.Selection(
        STATES, "State", required=True, readonly=True, sort=False)
    state_string = state.translated('state')
    checked = fields.Function(
        fields.Boolean("Checked"), 'get_checked', searcher='search_checked')
    sales_office = fields.Function(
        fields.Many2Many('res.user', None, None, "Sales Office",
            help="The users told when the center confirms."),
        'get_sales_office')
    employer = fields.Function(
        fields.Char("Employer/Unit"), 'get_member_field',
        searcher='search_member_field')
    gender = fields.Function(
        fields.Selection('get_genders', "Gender"), 'get_member_field',
        searcher='search_member_field')
    person_type = fields.Function(
        fields.Many2One('member.person_type', "Person Type"),
        'get_member_field', searcher='search_member_field')

    del _draft

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.center, Index.Range()), (t.date, Index.Range())),
                Index(t, (t.member, Index.Range())),
                Index(t, (t.state, Index.Equality(cardinality='low'))),
                })
        cls._order = [('date', 'ASC NULLS LAST'),
            ('requested_date', 'ASC'), ('id', 'ASC')]
        cls._transitions |= {
            ('draft', 'approval'),
            ('draft', 'requested'),
            ('approval', 'requested'),
            ('approval', 'draft'),
            ('requested', 'confirmed'),
            ('confirmed', 'change'),
            ('change', 'confirmed'),
            ('confirmed', 'checked_in'),
            ('checked_in', 'done'),
            ('confirmed', 'no_show'),
            ('change', 'no_show'),
            }
        cls._transitions |= {(s, 'cancelled') for s in OPEN}
        state = Eval('state')
        cls._buttons.update({
                'request': {
                    'invisible': state != 'draft', 'depends': ['state']},
                'hand_to_service': {
                    'invisible': (state != 'draft')
                    | (Eval('queue') != 'sales'),
                    'depends': ['state', 'queue']},
                'approve': {
                    'invisible': ~state.in_(['approval', 'change']),
                    'depends': ['state']},
                'refuse': {
                    'invisible': ~state.in_(['approval', 'change']),
                    'depends': ['state']},
                'confirm': {
                    'invisible': state != 'requested', 'depends': ['state']},
                'reschedule': {
                    'invisible': state != 'confirmed', 'depends': ['state']},
                'done': {
                    'invisible': state != 'checked_in', 'depends': ['state']},
                'cancel': {
                    'invisible': ~state.in_(OPEN), 'depends': ['state']},
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_queue(cls):
        return 'sales'

    @classmethod
    def default_company(cls):
        return context_company()

    @fields.depends('member', 'salesperson')
    def on_change_member(self):
        if self.member and not self.salesperson:
            self.salesperson = self.member.salesperson

    @classmethod
    def get_genders(cls):
        pool = Pool()
        Member = pool.get('member.member')
        return Member.fields_get(['gender'])['gender']['selection']

    @classmethod
    def get_sales_office(cls, bookings, name):
        "The same users for every booking: read once"
        with without_check_access():
            users = [u.id for u in sales_office_users()]
        return {b.id: users for b in bookings}

    def get_checked(self, name):
        return self.state in {'checked_in', 'done'}

    @classmethod
    def search_checked(cls, name, clause):
        _, operator, value = clause[:3]
        checked = ['checked_in', 'done']
        positive = (operator == '=') == bool(value)
        return [('state', 'in' if positive else 'not in', checked)]

    @classmethod
    def get_member_field(cls, bookings, names):
        result = {n: {} for n in names}
        with without_check_access():
            for booking in cls.browse(bookings):
                member = booking.member
                for name in names:
                    value = getattr(member, name)
                    result[name][booking.id] = (
                        value.id if hasattr(value, 'id') else value)
        return result

    @classmethod
    def search_member_field(cls, name, clause):
        return [('member.' + clause[0],) + tuple(clause[1:])]

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('member.configuration')
        Member = pool.get('member.member')
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            values['number'] = Configuration(1).booking_sequence.get()
            values.setdefault('queued_on', today())
            if not values.get('salesperson') and values.get('member'):
                with without_check_access():
                    member = Member(values['member'])
                    if member.salesperson:
                        values['salesperson'] = member.salesperson.id
        return values

    @classmethod
    def check_workflow_fields(cls, mode, values, bookings=()):
        """A client writes no workflow field (C6, C7): the buttons and
        wizards do, with their checks and the history; the fields of a
        draft freeze once it is requested"""
        if mode == 'create':  # the defaults (a copy's) are no change
            refused = {n for n in set(values) - CREATE_FIELDS
                if values[n] not in (None, False, '', [], ())}
            if values.get('state') in {None, 'draft'}:
                refused.discard('state')
        else:
            refused = set(values) & WORKFLOW_FIELDS
            if any(b.state != 'draft' for b in bookings):
                refused |= set(values) & DRAFT_FIELDS
        if refused:
            name = min(refused)
            raise BookingAccessError(gettext(
                    'health_checkup.msg_booking_workflow_field',
                    field=cls.__names__(name)['field'],
                    booking=(bookings[0].rec_name if bookings
                        else cls.__names__()['model'])))

    @classmethod
    def check_modification(cls, mode, bookings, values=None, external=False):
        super().check_modification(
            mode, bookings, values=values, external=external)
        if external and mode == 'write':
            cls.check_workflow_fields(mode, values or {}, bookings)
            cls.check_member_readable(values or {})

    @classmethod
    def warn_open_booking(cls, values):
        """Warn the desk booking a member who has an open booking already
        (a second one is rare, not forbidden)"""
        pool = Pool()
        Warning = pool.get('res.user.warning')
        member = values.get('member')
        if not isinstance(member, int) or isinstance(member, bool):
            return
        with without_check_access():
            found = cls.search([
                    ('member', '=', member),
                    ('state', 'in', OPEN),
                    ], order=[('id', 'ASC')], limit=1)
            if not found:
                return
            booking, = found
            key = f'health_checkup.booking_open.{member}'
            if Warning.check(key):
                raise BookingWarning(key, gettext(
                        'health_checkup.msg_booking_open_warning',
                        member=booking.member.rec_name,
                        booking=booking.rec_name))

    @classmethod
    def check_member_readable(cls, values):
        """A desk books only a member it may read (a salesperson, their own
        members): the member's domain is checked without the rules"""
        pool = Pool()
        Member = pool.get('member.member')
        member = values.get('member')
        if (isinstance(member, int) and not isinstance(member, bool)
                and not readable(Member, [member])):
            raise BookingAccessError(gettext(
                    'health_checkup.msg_booking_member_hidden',
                    member=member))

    @classmethod
    def create(cls, vlist):
        transaction = Transaction()
        if transaction.user and transaction.check_access:
            for values in vlist:
                if isinstance(values, dict):
                    cls.check_workflow_fields('create', values)
                    cls.check_member_readable(values)
                    cls.warn_open_booking(values)
        bookings = super().create(vlist)
        cls.record_events(bookings)
        return bookings

    @classmethod
    def write(cls, *args):
        logged = []
        actions = iter(args)
        for bookings, values in zip(actions, actions):
            if values.keys() & {'state', 'queue'}:
                logged.extend(bookings)
        super().write(*args)
        cls.record_events(logged)

    @classmethod
    def copy(cls, bookings, default=None):
        "A copy is a new draft: the workflow gives it the rest"
        default = dict(default or {})
        for name in WORKFLOW_FIELDS - {'company', 'queue'}:
            default.setdefault(name, None)
        default['state'] = 'draft'
        default.setdefault('attempts', None)
        return super().copy(bookings, default=default)

    @classmethod
    def record_events(cls, bookings, note=None):
        "Record who brought the bookings where they are now, and when"
        pool = Pool()
        Event = pool.get('health.checkup.booking.event')
        now = dt.datetime.now()
        user = Transaction().user
        with without_check_access():
            Event.create([{
                        'booking': b.id,
                        'state': b.state,
                        'date': b.date,
                        'slot': b.slot,
                        'queue': b.queue,
                        'user': user,
                        'at': now,
                        'note': note,
                        } for b in cls.browse(bookings)])

    @classmethod
    def validate_fields(cls, bookings, field_names):
        super().validate_fields(bookings, field_names)
        if field_names & {'requested_date', 'state'}:
            for booking in bookings:
                if booking.state == 'draft':
                    booking.check_not_past(booking.requested_date)

    @classmethod
    def check_state(cls, bookings, *states):
        """Refuse bookings that are in none of states: a desk acting on a
        booking another desk moved meanwhile is told, not silently
        ignored"""
        names = dict(cls.fields_get(['state'])['state']['selection'])
        for booking in bookings:
            if booking.state not in states:
                raise BookingError(gettext(
                        'health_checkup.msg_booking_state',
                        booking=booking.rec_name,
                        state=booking.state_string,
                        expected=" / ".join(names[s] for s in states)))

    @staticmethod
    def check_not_past(date):
        if date and date < today():
            raise BookingDateError(gettext(
                    'health_checkup.msg_booking_date_past', date=date))

    def check_member(self):
        "Refuse a booking of a member who withdrew"
        if self.member.state not in {'registered', 'active'}:
            raise BookingError(gettext(
                    'health_checkup.msg_booking_member_withdrawn',
                    member=self.member.rec_name,
                    booking=self.rec_name))

    def approval_reason(self):
        """Why the center manager must approve the request first, or None:
        short notice, or a member outside the normal flow"""
        pool = Pool()
        Configuration = pool.get('member.configuration')
        configuration = Configuration(1)
        if (self.requested_date - today()).days < (
                configuration.booking_lead_days):
            return 'lead'
        with without_check_access():
            member = self.member
            if member.person_type in configuration.approval_person_types:
                return 'flow'
            if configuration.approval_without_card and not any(
                    c.state == 'active' for c in member.cards):
                return 'flow'
        return None

    @classmethod
    @rpc_button
    @ModelView.button
    def request(cls, bookings):
        """Sales submits the preferred day: refused for a past, closed or
        full day; short notice or a member outside the normal flow waits
        for the center manager"""
        cls.check_state(bookings, 'draft')
        waiting, ready = [], []
        for booking in bookings:
            booking.check_member()
            booking.check_not_past(booking.requested_date)
            booking.center.check_room(
                booking.requested_date, booking.requested_slot)
            reason = booking.approval_reason()
            (waiting if reason else ready).append(booking)
            booking.approval = reason
            booking.requested_by = Transaction().user
        cls.save(waiting + ready)
        cls.wait_approval(waiting)
        cls.submit(ready)

    @classmethod
    @Workflow.transition('approval')
    def wait_approval(cls, bookings):
        pass

    @classmethod
    @Workflow.transition('requested')
    def submit(cls, bookings):
        cls.write(bookings, {'approval': None})

    @classmethod
    @rpc_button
    @ModelView.button
    def hand_to_service(cls, bookings):
        "Customer service books the member (S3)"
        cls.check_state(bookings, 'draft')
        cls.write(bookings, {
                'queue': 'service',
                'queued_on': today(),
                'returned_on': None,
                })

    @classmethod
    def check_second_person(cls, bookings):
        "Whoever asked for the exception may not approve it (X8)"
        user = Transaction().user
        for booking in bookings:
            asker = (booking.changed_by if booking.state == 'change'
                else booking.requested_by)
            if asker and asker.id == user:
                raise BookingError(gettext(
                        'health_checkup.msg_booking_second_person',
                        booking=booking.rec_name))

    @classmethod
    def approval_query(cls, index):
        """The rows of the approvals inbox: requests awaiting approval (who
        requested them) and late changes (who asked for the change)"""
        booking = cls.__table__()
        at = Coalesce(booking.write_date, booking.create_date)
        queries = [booking.select(
                *approval_columns(booking, index, cls.__name__,
                    f'checkup_{approval}', asker, at),
                where=(booking.state == state)
                & (booking.approval == approval))
            for approval, state, asker in [
                ('lead', 'approval', booking.requested_by),
                ('flow', 'approval', booking.requested_by),
                ('change', 'change', booking.changed_by),
                ]]
        union = queries[0]
        for query in queries[1:]:
            union = union | query
        return union

    @classmethod
    @rpc_button
    @ModelView.button
    def approve(cls, bookings):
        "The center manager lets a request or a late change through"
        cls.check_state(bookings, 'approval', 'change')
        cls.check_second_person(bookings)
        cls.submit([b for b in bookings if b.state == 'approval'])
        changes = [b for b in bookings if b.state == 'change']
        for booking in changes:
            booking.move_to(booking.new_date, booking.new_slot)
        cls.apply_change(changes)
        notify_confirmed(changes)

    @classmethod
    @Workflow.transition('confirmed')
    def apply_change(cls, bookings):
        cls.write(bookings, {'new_date': None, 'new_slot': None,
                'approval': None})

    @classmethod
    @rpc_button
    @ModelView.button
    def refuse(cls, bookings):
        """The center manager refuses: a request goes back to draft, a late
        change is dropped and the checkup keeps its date"""
        cls.check_state(bookings, 'approval', 'change')
        cls.back_to_draft([b for b in bookings if b.state == 'approval'])
        cls.apply_change([b for b in bookings if b.state == 'change'])

    @classmethod
    @Workflow.transition('draft')
    def back_to_draft(cls, bookings):
        cls.write(bookings, {'approval': None})

    @classmethod
    @rpc_button
    @ModelView.button_action('health_checkup.wizard_booking_confirm')
    def confirm(cls, bookings):
        pass

    @classmethod
    @rpc_button
    @ModelView.button_action('health_checkup.wizard_booking_reschedule')
    def reschedule(cls, bookings):
        pass

    @classmethod
    def confirm_on(cls, bookings, date, slot=None):
        """The center gives the requested bookings date (and slot): refused
        for a past or closed day and when they do not all fit"""
        cls.check_state(bookings, 'requested')
        for booking in bookings:
            booking.check_member()
        for center in {b.center for b in bookings}:
            mine = [b for b in bookings if b.center == center]
            center.lock_places()
            cls.check_not_past(date)
            center.check_room(date, slot if center.half_days else None,
                extra=len(mine))
        cls.write(bookings, {'date': date, 'slot': slot})
        cls.confirm_date(bookings)

    @classmethod
    @Workflow.transition('confirmed')
    def confirm_date(cls, bookings):
        notify_confirmed(bookings)

    def move_to(self, date, slot=None):
        "Give a confirmed checkup another day with room (center locked)"
        center = self.center
        center.lock_places()
        self.check_not_past(date)
        center.check_room(date, slot if center.half_days else None)
        self.__class__.write([self], {'date': date, 'slot': slot})

    def is_late_change(self, date=None):
        """Whether moving the checkup now (to date) needs the center
        manager: its day, or the new one, is within the late-change days"""
        pool = Pool()
        Configuration = pool.get('member.configuration')
        days = Configuration(1).booking_change_days
        return any((d - today()).days <= days
            for d in [self.date, date] if d)

    @classmethod
    def change_date(cls, bookings, date, slot=None):
        """Move confirmed checkups: re-confirmed at once when early enough,
        else waiting for the center manager, on their old date until then"""
        cls.check_state(bookings, 'confirmed')
        late = []
        for booking in bookings:
            if booking.is_late_change(date):
                cls.check_not_past(date)
                booking.center.check_open(date, slot)
                late.append(booking)
            else:
                booking.move_to(date, slot)
                cls.record_events([booking])
                notify_confirmed([booking])
        cls.write(late, {'new_date': date, 'new_slot': slot,
                'approval': 'change', 'changed_by': Transaction().user})
        cls.wait_change(late)

    @classmethod
    @Workflow.transition('change')
    def wait_change(cls, bookings):
        pass

    @classmethod
    def check_in_swipe(cls, swipe):
        """Check in the member of the card swiped (or typed) for today's
        confirmed checkup; refused for an unusable card and when there is
        none today"""
        pool = Pool()
        Card = pool.get('member.card')
        card = Card.find(swipe)
        with without_check_access():
            member = card.member
            bookings = cls.search([
                    ('member', '=', member.id),
                    ('state', 'in', ['confirmed', 'change']),
                    ], order=[('date', 'ASC')])
        todays = [b for b in bookings if b.date == today()]
        if not todays:
            if bookings:
                raise BookingError(gettext(
                        'health_checkup.msg_checkin_other_day',
                        member=member.rec_name, booking=bookings[0].rec_name,
                        date=bookings[0].date))
            raise BookingError(gettext(
                    'health_checkup.msg_checkin_no_booking',
                    member=member.rec_name))
        booking = todays[0]
        cls.check_in([booking])
        return booking

    @classmethod
    @Workflow.transition('checked_in')
    def check_in(cls, bookings):
        pass

    @classmethod
    @rpc_button
    @ModelView.button
    @Workflow.transition('done')
    def done(cls, bookings):
        pass

    @classmethod
    @rpc_button
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, bookings):
        pass

    @classmethod
    def mark_no_shows(cls):
        "Confirmed checkups of a past day without check-in (cron)"
        with without_check_access():
            bookings = cls.search([
                    ('state', 'in', ['confirmed', 'change']),
                    ('date', '<', today()),
                    ])
            cls.no_show(bookings)

    @classmethod
    @Workflow.transition('no_show')
    def no_show(cls, bookings):
        pass

    @classmethod
    def return_unbooked(cls):
        """Members customer service did not book within the configured
        days go back to the sales office (S3, cron)"""
        pool = Pool()
        Configuration = pool.get('member.configuration')
        days = Configuration(1).booking_return_days
        with without_check_access():
            bookings = cls.search([
                    ('state', '=', 'draft'),
                    ('queue', '=', 'service'),
                    ('queued_on', '<=', today() - dt.timedelta(days=days)),
                    ])
            cls.write(bookings, {'queue': 'sales', 'queued_on': today(),
                    'returned_on': today()})
