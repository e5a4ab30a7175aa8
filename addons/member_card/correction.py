# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction
from trytond.wizard import Button, StateTransition, StateView, Wizard

from . import arguments, minutes
from .access import DeskWizard
from .done import DoneWizard
from .exceptions import MemberValidationError
from .guard import ValueGuard


class Correction(ValueGuard, ModelSQL, ModelView):
    """Member Correction

    A change of a protected field (name, paid amount), made by the center
    manager with a reason; never edited afterwards."""
    __name__ = 'member.correction'

    member = fields.Many2One(
        'member.member', "Member", required=True, ondelete='RESTRICT',
        readonly=True)
    field = fields.Selection([
            ('name', "Name"),
            ('paid_amount', "Paid Amount"),
            ], "Field", required=True, readonly=True)
    old_value = fields.Char("Old Value", readonly=True)
    new_value = fields.Char("New Value", readonly=True)
    reason = fields.Text("Reason", required=True, readonly=True)
    user = fields.Many2One('res.user', "User", readonly=True)
    date = minutes.Timestamp("Date", required=True, readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'DESC'), ('id', 'DESC')]

    @classmethod
    def default_date(cls):
        return datetime.datetime.now().replace(microsecond=0)

    @classmethod
    def check_modification(cls, mode, corrections, values=None,
            external=False):
        super().check_modification(
            mode, corrections, values=values, external=external)
        if mode in {'write', 'delete'}:
            raise AccessError(gettext(
                    'member_card.msg_correction_immutable'))


class CorrectStart(ModelView):
    "Correct Member"
    __name__ = 'member.correct.start'
    member = fields.Many2One('member.member', "Member", readonly=True)
    field = fields.Selection([
            ('name', "Name"),
            ('paid_amount', "Paid Amount"),
            ], "Field", required=True)
    current_value = fields.Char("Current Value", readonly=True)
    name = fields.Char(
        "New Name",
        states={
            'invisible': Eval('field') != 'name',
            'required': Eval('field') == 'name',
            })
    currency = fields.Many2One('currency.currency', "Currency", readonly=True)
    paid_amount = fields.Numeric(
        "New Paid Amount", digits='currency',
        states={
            'invisible': Eval('field') != 'paid_amount',
            'required': Eval('field') == 'paid_amount',
            })
    reason = fields.Text("Reason", required=True)

    @fields.depends('member', 'field')
    def on_change_with_current_value(self):
        if self.member and self.field:
            return _format(getattr(self.member, self.field))


def _format(value):
    return '' if value is None else str(value)


class Correct(DoneWizard, DeskWizard, Wizard):
    "Correct Member"
    __name__ = 'member.correct'
    _desk_groups = ('member_card.group_center_manager',
        'member_card.group_member_admin')
    _desk_models = ('member.member',)
    start = StateView('member.correct.start',
        'member_card.correct_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Correct", 'correct', 'tryton-ok', default=True),
            ])
    correct = StateTransition()

    def default_start(self, fields):
        member = self.record
        return {
            'member': member.id,
            'field': 'name',
            'current_value': member.name,
            'currency': member.currency.id if member.currency else None,
            }

    def transition_correct(self):
        pool = Pool()
        Member = pool.get('member.member')
        Correction = pool.get('member.correction')
        member = self.record
        field = self.start.field
        reason = arguments.text_of(self.start, 'reason', required=False)
        if field == 'name':
            new_value = arguments.text_of(self.start, 'name',
                max_length=arguments.TEXT_LENGTH, required=False)
        else:
            new_value = self.start.paid_amount
        if not reason or new_value in (None, '') or member.state == 'potential':
            raise MemberValidationError(gettext(
                    'member_card.msg_correction_incomplete'))
        old_value = getattr(member, field)
        with Transaction().set_context(_member_correction=True):
            Member.write([member], {field: new_value})
        Correction.create([{
                    'member': member.id,
                    'field': field,
                    'old_value': _format(old_value),
                    'new_value': _format(new_value),
                    'reason': reason,
                    'user': Transaction().user or None,
                    }])
        return self.say_done('member_card.msg_done_corrected',
            member=member.rec_name,
            field=self.start.__names__(field)['field'],
            old=_format(old_value), new=_format(new_value))
