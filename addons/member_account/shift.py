# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sql.operators import Equal

from trytond.i18n import gettext
from trytond.model import Exclude, ModelSQL, ModelView, Workflow, fields
from trytond.modules.member_card import minutes
from trytond.modules.member_card.guard import ValueGuard
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from .exceptions import ShiftError

ZERO = Decimal(0)


class Shift(ValueGuard, Workflow, ModelSQL, ModelView):
    """Cashier Shift

    A cashier's session at the desk (X9): every top-up, debit and reversal
    is posted in the open shift of the cashier who takes the money, and the
    closing shows what the drawer must hold."""
    __name__ = 'member.cashier.shift'
    __string__ = "Cashier Shift"
    _rec_name = 'number'

    number = fields.Char("Number", readonly=True)
    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')
    user = fields.Many2One('res.user', "Cashier", required=True, readonly=True)
    employee = fields.Many2One(
        'company.employee', "Employee", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    opened_at = minutes.Timestamp("Opened At", readonly=True)
    closed_at = minutes.Timestamp("Closed At", readonly=True)
    state = fields.Selection([
            ('open', "Open"),
            ('closed', "Closed"),
            ], "State", readonly=True, required=True, sort=False)
    lines = fields.One2Many(
        'member.account.line', 'shift', "Ledger Lines", readonly=True)
    topup_total = fields.Function(
        fields.Numeric("Top-Ups", digits='currency'), 'get_totals')
    debit_total = fields.Function(
        fields.Numeric("Debits", digits='currency'), 'get_totals')
    reversal_total = fields.Function(
        fields.Numeric("Reversals", digits='currency'), 'get_totals')
    net_total = fields.Function(
        fields.Numeric("Net", digits='currency',
            help="Top-ups minus debits plus reversals."), 'get_totals')
    summary = fields.Function(fields.Text("By Payment Method"), 'get_summary')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('one_open_per_user',
                Exclude(t, (t.user, Equal), where=t.state == 'open'),
                'member_account.msg_shift_already_open'),
            ]
        cls._order = [('opened_at', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {('open', 'closed')}
        cls._buttons.update({
                'close': {
                    'invisible': Eval('state') != 'open',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'open'

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_user(cls):
        return Transaction().user

    def get_currency(self, name):
        return self.company.currency.id

    @classmethod
    def get_totals(cls, shifts, names):
        pool = Pool()
        Line = pool.get('member.account.line')
        totals = {n: {s.id: ZERO for s in shifts} for n in names}
        for line in Line.search([('shift', 'in', [s.id for s in shifts])]):
            shift = line.shift.id
            field = {'topup': 'topup_total', 'debit': 'debit_total',
                'reversal': 'reversal_total'}.get(line.kind)
            if field in totals:
                amount = -line.amount if line.kind == 'debit' else line.amount
                totals[field][shift] += amount
            if 'net_total' in totals:
                totals['net_total'][shift] += line.amount
        return totals

    def summary_rows(self):
        "(payment method, count, amount) of the shift's top-ups net of reversals"
        rows = defaultdict(lambda: [0, ZERO])
        for line in self.lines:
            if line.payment_method:
                row = rows[line.payment_method.rec_name]
                row[0] += 1 if line.kind == 'topup' else 0
                row[1] += line.amount
        return [(name, count, amount)
            for name, (count, amount) in sorted(rows.items())]

    def get_summary(self, name):
        from .slip import money
        return '\n'.join(
            f'{method}: {count} / '
            f'{money(amount, self.currency, grouped=True)}'
            for method, count, amount in self.summary_rows())

    @classmethod
    def open_for_user(cls):
        "The open shift of the current user, or ShiftError"
        shifts = cls.search([
                ('user', '=', Transaction().user),
                ('state', '=', 'open'),
                ], limit=1)
        if not shifts:
            raise ShiftError(gettext('member_account.msg_shift_none'))
        return shifts[0]

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('member.configuration')
        User = pool.get('res.user')
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            user = User(values.get('user') or Transaction().user)
            if cls.search([('user', '=', user.id), ('state', '=', 'open')]):
                raise ShiftError(gettext(
                        'member_account.msg_shift_already_open'))
            values['user'] = user.id
            values.setdefault('employee', user.employee and user.employee.id)
            values['number'] = Configuration(1).shift_sequence.get()
            values['opened_at'] = dt.datetime.now()
        return values

    @classmethod
    @ModelView.button
    @Workflow.transition('closed')
    def close(cls, shifts):
        pool = Pool()
        Reversal = pool.get('member.account.reversal')
        pending = Reversal.search([
                ('shift', 'in', [s.id for s in shifts]),
                ('state', '=', 'requested'),
                ], limit=1)
        if pending:
            raise ShiftError(gettext(
                    'member_account.msg_shift_reversal_pending',
                    reversal=pending[0].rec_name))
        for shift in shifts:
            shift.closed_at = dt.datetime.now()
        cls.save(shifts)
