# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError
from trytond.model import ModelView, fields
from trytond.modules.member_card.access import DeskWizard
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.wizard import Button, StateTransition, StateView, Wizard


class CheckInStart(ModelView):
    "Checkup Arrival"
    __name__ = 'health.checkup.check_in.start'
    __string__ = "Checkup Arrival"
    swipe = fields.Char(
        "Swipe or Type", required=True,
        help="Swipe the member's card on the reader, or type its number, "
        "then Enter.")
    refusal = fields.Text("Refused", readonly=True,
        states={'invisible': ~Eval('refusal')})
    booking = fields.Many2One(
        'health.checkup.booking', "Checked In", readonly=True,
        states={'invisible': ~Eval('booking')})
    member = fields.Many2One('member.member', "Member", readonly=True,
        states={'invisible': ~Eval('booking')})
    package = fields.Many2One('product.product', "Package", readonly=True,
        states={'invisible': ~Eval('booking')})


class CheckIn(DeskWizard, Wizard):
    """Checkup Arrival

    Reception swipes the card of each member arriving: today's confirmed
    checkup is checked in and shown; a refusal is written under the swipe
    field, which keeps the focus for the next member."""
    __name__ = 'health.checkup.check_in'
    _desk_groups = ('member_card.group_center_reception',
        'member_card.group_center_manager', 'res.group_admin')
    start = StateView('health.checkup.check_in.start',
        'health_checkup.check_in_start_view_form', [
            Button("Close", 'end', 'tryton-close'),
            Button("Check In", 'check', 'tryton-ok', default=True),
            ])
    check = StateTransition()

    def default_start(self, fields):
        values = {'swipe': None}
        for name in ['refusal', 'booking', 'member', 'package']:
            value = getattr(self.start, name, None)
            values[name] = getattr(value, 'id', value)
        return values

    def transition_check(self):
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        try:
            booking = Booking.check_in_swipe(self.start.swipe)
        except UserError as refused:
            self.start.refusal = refused.message
            self.start.booking = self.start.member = None
            self.start.package = None
        else:
            self.start.refusal = None
            self.start.booking = booking
            self.start.member = booking.member
            self.start.package = booking.package
        self.start.swipe = None
        return 'start'
