# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Sales status monitoring (S2): bookings found by period, unit, member
name, checkup number, gender, salesperson, person type and checked or not,
alone or combined; the same search exported to Excel. Record rules apply:
a salesperson finds and exports only their own members' bookings."""
import datetime as dt
import io

import xlsxwriter

from trytond.model import ModelView, fields
from trytond.modules.member_card.access import DeskWizard
from trytond.pool import Pool
from trytond.transaction import check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .booking import today

COLUMNS = ['number', 'member', 'gender', 'employer', 'person_type',
    'salesperson', 'package', 'center', 'requested_date', 'date', 'state',
    'checked']


class MonitorStart(ModelView):
    "Sales Status"
    __name__ = 'health.checkup.monitor.start'
    __string__ = "Sales Status"
    date_from = fields.Date("From",
        help="The checkup's day (the date confirmed, else the date "
        "requested) on or after this date.")
    date_to = fields.Date("To")
    employer = fields.Char("Employer/Unit")
    member_name = fields.Char("Member")
    number = fields.Char("Checkup Number")
    gender = fields.Selection('get_genders', "Gender")
    salesperson = fields.Many2One('company.employee', "Salesperson")
    person_type = fields.Many2One('member.person_type', "Person Type")
    checked = fields.Selection([
            (None, ""),
            ('checked', "Checked"),
            ('unchecked', "Not Checked"),
            ], "Checked")
    bookings = fields.Many2Many(
        'health.checkup.booking', None, None, "Bookings", readonly=True)
    count = fields.Integer("Found", readonly=True)
    file = fields.Binary("Excel File", filename='filename', readonly=True)
    filename = fields.Char("File Name", readonly=True)

    @classmethod
    def get_genders(cls):
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        return [(None, "")] + [s for s in Booking.get_genders() if s[0]]

    def domain(self):
        "The bookings' domain of the filters filled, combined"
        domain = []
        day = lambda op, date: ['OR',  # noqa: E731
            ('date', op, date),
            [('date', '=', None), ('requested_date', op, date)]]
        if self.date_from:
            domain.append(day('>=', self.date_from))
        if self.date_to:
            domain.append(day('<=', self.date_to))
        for name, field in [('employer', 'employer'),
                ('member_name', 'member.rec_name'), ('number', 'number')]:
            value = (getattr(self, name) or '').strip()
            if value:
                domain.append((field, 'ilike', f'%{value}%'))
        if self.gender:
            domain.append(('gender', '=', self.gender))
        for name in ['salesperson', 'person_type']:
            if getattr(self, name):
                domain.append((name, '=', getattr(self, name).id))
        if self.checked:
            domain.append(('checked', '=', self.checked == 'checked'))
        return domain


class Monitor(DeskWizard, Wizard):
    "Sales Status"
    __name__ = 'health.checkup.monitor'
    _desk_groups = ('member_card.group_sales_office',
        'member_card.group_sales_person', 'member_card.group_center_manager',
        'res.group_admin')
    start = StateView('health.checkup.monitor.start',
        'health_checkup.monitor_start_view_form', [
            Button("Close", 'end', 'tryton-close'),
            Button("Export to Excel", 'export', 'tryton-export'),
            Button("Search", 'search', 'tryton-search', default=True),
            ])
    search = StateTransition()
    export = StateTransition()

    def default_start(self, fields):
        "What was entered stays, with the result of the last step"
        values = {}
        for name in fields:
            value = getattr(self.start, name, None)
            if isinstance(value, (list, tuple)):
                value = [r.id for r in value]
            elif hasattr(value, 'id'):
                value = value.id
            values[name] = value
        return values

    def found(self):
        "The bookings the user may see that the filters select"
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        with check_access():
            return Booking.search(self.start.domain(),
                order=[('date', 'ASC NULLS LAST'),
                    ('requested_date', 'ASC'), ('id', 'ASC')])

    def transition_search(self):
        bookings = self.found()
        self.start.bookings = bookings
        self.start.count = len(bookings)
        self.start.file = self.start.filename = None
        return 'start'

    def transition_export(self):
        bookings = self.found()
        self.start.bookings = bookings
        self.start.count = len(bookings)
        self.start.file = workbook(bookings)
        self.start.filename = f'sales-status-{today():%Y%m%d}.xlsx'
        return 'start'


def selection_of(Model, description):
    "The (value, text) pairs of a selection field, also of a method's"
    selection = description['selection']
    if isinstance(selection, str):
        selection = getattr(Model, selection)()
    return selection


def workbook(bookings):
    """The bookings as an Excel workbook: one row each, the columns titled
    and the values shown as the web client shows them, in the user's
    language"""
    pool = Pool()
    Booking = pool.get('health.checkup.booking')
    Model = pool.get('ir.model')
    described = Booking.fields_get(COLUMNS)
    selections = {n: dict(selection_of(Booking, d))
        for n, d in described.items() if d['type'] == 'selection'}
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {'in_memory': True})
    sheet = book.add_worksheet(Model.get_name(Booking.__name__)[:31])
    bold = book.add_format({'bold': True})
    date_format = book.add_format({'num_format': 'yyyy-mm-dd'})
    for column, name in enumerate(COLUMNS):
        sheet.write(0, column, described[name]['string'], bold)
    for row, booking in enumerate(bookings, 1):
        for column, name in enumerate(COLUMNS):
            value = getattr(booking, name)
            description = described[name]
            if description['type'] == 'selection':
                value = selections[name].get(value, '')
            elif description['type'] == 'boolean':
                value = '✓' if value else ''
            elif hasattr(value, 'rec_name'):
                value = value.rec_name
            if isinstance(value, dt.date):
                sheet.write_datetime(row, column,
                    dt.datetime.combine(value, dt.time()), date_format)
            elif value is not None:
                sheet.write(row, column, value)
    sheet.autofit()
    book.close()
    return output.getvalue()
