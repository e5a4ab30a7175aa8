# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The cashier's desk: swipe a card, then debit items or top up.

A keyboard-wedge reader types the track and Enter into the focused swipe
field, which runs the default button; the card is looked up with the same
rules as everywhere (member.card find) and the next view shows who it is.
A refused card brings the swipe view back with the refusal written under an
empty swipe field that has the focus again: the next swipe needs no click
and no dialog to close."""
import uuid
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.modules.member_card.access import DeskWizard
from trytond.modules.member_card.exceptions import CardRefused
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import (
    Button, StateReport, StateTransition, StateView, Wizard)

from .debit import item_amount

ZERO = Decimal(0)


class DeskSwipe(ModelView):
    "Cashier Swipe"
    __name__ = 'member.cashier.swipe'
    __string__ = "Cashier Swipe"
    swipe = fields.Char(
        "Swipe or Type", required=True,
        help="Swipe the card on the reader, or type its number, then Enter.")
    refusal = fields.Char("Refused", readonly=True,
        states={'invisible': ~Eval('refusal')})
    shift_warning = fields.Char("Shift", readonly=True,
        states={'invisible': ~Eval('shift_warning')},
        help="Said when the view opens: without an open shift nothing can "
        "be posted; the Open Shift button opens one.")


class DeskCard:
    "What the cashier sees of the swiped card and its household"
    __slots__ = ()
    swipe = fields.Char("Swipe", readonly=True)
    card = fields.Many2One('member.card', "Card", readonly=True)
    member = fields.Many2One('member.member', "Holder", readonly=True)
    account = fields.Many2One('member.account', "Household", readonly=True)
    card_type = fields.Many2One(
        'member.card.type', "Card Type", readonly=True)
    other_holders = fields.Text("Other Holders", readonly=True)
    currency = fields.Many2One('currency.currency', "Currency", readonly=True)
    balance = fields.Numeric("Balance", digits='currency', readonly=True)
    client_key = fields.Char("Client Key", readonly=True)

    @classmethod
    def card_values(cls, swipe):
        "The values of the view for the card swiped (refused if unusable)"
        pool = Pool()
        Card = pool.get('member.card')
        card = Card.find(swipe)
        with without_check_access():
            account = card.account
            others = [h.name for h in account.holders
                if h != card.member and h.state in {'registered', 'active'}]
            return {
                'swipe': swipe,
                'card': card.id,
                'member': card.member.id,
                'account': account.id,
                'card_type': card.card_type.id,
                'other_holders': '\n'.join(others),
                'currency': account.company.currency.id,
                'balance': account.company.currency.round(
                    account.balance or ZERO),
                # one key per view: a double click or a retry posts once
                'client_key': uuid.uuid4().hex,
                }


class DebitSheet(DeskCard, ModelView):
    "Swipe Debit"
    __name__ = 'member.cashier.debit.sheet'
    __string__ = "Swipe Debit"
    discount = fields.Numeric("Discount", digits=(4, 4), readonly=True)
    lines = fields.One2Many(
        'member.cashier.debit.line', 'sheet', "Items",
        domain=[('product', '!=', None)])
    total = fields.Numeric("Total", digits='currency', readonly=True)
    balance_after = fields.Numeric(
        "Balance After", digits='currency', readonly=True)
    password = fields.Char("Payment Password", strip=False,
        help="The member types their six-digit payment password: needed "
        "for a typed card number, and for a swipe above the configured "
        "amount.")
    override_login = fields.Char("Manager Login",
        help="Without the member's password: a center manager's login...")
    override_password = fields.Char("Manager Password", strip=False,
        help="...their own login password...")
    override_reason = fields.Text("Override Reason",
        help="...and why the member's password is not asked.")

    @fields.depends('lines', 'balance', 'currency')
    def on_change_lines(self):
        self.total = sum((line.amount or ZERO for line in self.lines), ZERO)
        if self.currency:
            self.total = self.currency.round(self.total)
        self.balance_after = (self.balance or ZERO) - self.total


class DebitSheetLine(ModelView):
    "Swipe Debit Item"
    __name__ = 'member.cashier.debit.line'
    __string__ = "Swipe Debit Item"
    sheet = fields.Many2One('member.cashier.debit.sheet', "Sheet")
    product = fields.Many2One(
        'product.product', "Item", required=True)
    quantity = fields.Integer(
        "Quantity", required=True, domain=[('quantity', '>', 0)])
    unit_price = fields.Numeric("List Price", digits=(16, 2), readonly=True)
    amount = fields.Numeric("Amount", digits=(16, 2), readonly=True)

    @classmethod
    def default_quantity(cls):
        return 1

    @fields.depends('product')
    def on_change_with_unit_price(self):
        if self.product:
            return self.product.list_price_used

    @fields.depends('product', 'quantity', 'sheet',
        '_parent_sheet.discount', '_parent_sheet.currency')
    def on_change_with_amount(self):
        if not self.product or not self.quantity:
            return None
        sheet = self.sheet
        if not sheet or not sheet.currency:
            return None
        return item_amount(self.product.list_price_used, self.quantity,
            sheet.discount, sheet.currency)


class TopUpSheet(DeskCard, ModelView):
    "Top-Up"
    __name__ = 'member.cashier.topup.sheet'
    __string__ = "Top-Up at the Desk"
    amount = fields.Numeric(
        "Amount", digits='currency', required=True,
        domain=[('amount', '>', 0)])
    payment_method = fields.Many2One(
        'member.payment.method', "Payment Method", required=True)
    receipt = fields.Char("Receipt Number", required=True)


class DeskDone(ModelView):
    "Posted at the Cashier"
    __name__ = 'member.cashier.done'
    __string__ = "Posted at the Cashier"
    debit = fields.Many2One(
        'member.account.debit', "Consumption Slip", readonly=True)
    topup = fields.Many2One('member.account.topup', "Top-Up", readonly=True)
    currency = fields.Many2One('currency.currency', "Currency", readonly=True)
    amount = fields.Numeric("Amount", digits='currency', readonly=True)
    balance = fields.Numeric(
        "Balance After", digits='currency', readonly=True)


def shift_warning():
    "What the swipe view says when the cashier has no open shift, or None"
    pool = Pool()
    Shift = pool.get('member.cashier.shift')
    if Shift.search([('user', '=', Transaction().user),
                ('state', '=', 'open')], limit=1):
        return None
    return gettext('member_account.msg_shift_none_at_desk')


class SwipeWizard(DeskWizard, Wizard):
    """The first step of the desk wizards: the swipe, checked. Only the
    cashier's desk (and the membership administration) runs them, whatever
    action id the client sends"""
    _desk_groups = ('member_card.group_center_cashier',
        'member_card.group_member_admin')
    start = StateView('member.cashier.swipe',
        'member_account.cashier_swipe_view_form', [
            Button("Close", 'end', 'tryton-close'),
            Button("Open Shift", 'open_shift', 'tryton-launch',
                validate=False,
                states={'invisible': ~Eval('shift_warning')}),
            Button("Continue", 'check', 'tryton-forward', default=True),
            ])
    open_shift = StateTransition()
    check = StateTransition()
    post = StateTransition()
    next_state = None  # the sheet filled after the swipe
    done_field = None  # the field of the done view showing the document
    amount_key = None  # the key of the amount in the posting's result

    def default_start(self, fields):
        return {'swipe': None,
            'refusal': getattr(self.start, 'refusal', None),
            'shift_warning': shift_warning()}

    def transition_open_shift(self):
        "Open the cashier's shift from the swipe view"
        pool = Pool()
        Shift = pool.get('member.cashier.shift')
        if shift_warning():
            Shift.create([{}])
        self.start.refusal = None
        return 'start'

    def transition_check(self):
        sheet = getattr(self, self.next_state)
        try:
            values = sheet.card_values(self.start.swipe)
        except CardRefused as refused:
            self.start.refusal = refused.message
            return 'start'
        finally:
            self.start.swipe = None
        for name, value in values.items():
            setattr(sheet, name, value)
        self.start.refusal = None
        return self.next_state

    def default_done(self, fields):
        return self.done._default_values

    def post_sheet(self, sheet):
        "Post what the sheet holds; returns the posting's result"
        raise NotImplementedError

    def transition_post(self):
        sheet = getattr(self, self.next_state)
        result = self.post_sheet(sheet)
        setattr(self.done, self.done_field, result['id'])
        self.done.currency = sheet.currency
        self.done.amount = result[self.amount_key]
        self.done.balance = result['balance']
        return 'done'

    def do_print_(self, action):
        document = getattr(self.done, self.done_field)
        return action, {'id': document.id, 'ids': [document.id],
            'model': document.__name__}


class SwipeDebit(SwipeWizard):
    """Swipe Debit

    The cashier swipes, adds the checkup items, sees the total and the
    balance after, and debits; the slip prints in labelled copies."""
    __name__ = 'member.cashier.debit'
    next_state = 'items'
    done_field, amount_key = 'debit', 'total'
    items = StateView('member.cashier.debit.sheet',
        'member_account.cashier_debit_sheet_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Debit", 'post', 'tryton-ok', default=True),
            ])
    done = StateView('member.cashier.done',
        'member_account.cashier_debit_done_view_form', [
            Button("Close", 'end', 'tryton-close'),
            Button("Print Slip", 'print_', 'tryton-print'),
            Button("Next Card", 'start', 'tryton-forward', default=True),
            ])
    print_ = StateReport('member.account.debit.slip')

    def default_items(self, fields):
        values = self.items._default_values
        values['discount'] = self.items.card_type.discount
        values['lines'] = []
        return values

    def post_sheet(self, sheet):
        pool = Pool()
        Debit = pool.get('member.account.debit')
        override = None
        if sheet.override_login:
            override = {'login': sheet.override_login,
                'password': sheet.override_password,
                'reason': sheet.override_reason}
        password, sheet.password = sheet.password or None, None
        sheet.override_password = None
        return Debit.post_swipe(sheet.swipe, [
                {'product': line.product.id, 'quantity': line.quantity}
                for line in sheet.lines], sheet.client_key, password,
            override)


class TopUpDesk(SwipeWizard):
    """Top-Up

    The cashier swipes, enters the amount paid, how and the receipt number,
    and posts it onto the household's stored value."""
    __name__ = 'member.cashier.topup'
    next_state = 'sheet'
    done_field, amount_key = 'topup', 'amount'
    sheet = StateView('member.cashier.topup.sheet',
        'member_account.cashier_topup_sheet_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Top Up", 'post', 'tryton-ok', default=True),
            ])
    done = StateView('member.cashier.done',
        'member_account.cashier_topup_done_view_form', [
            Button("Close", 'end', 'tryton-close'),
            Button("Print Receipt", 'print_', 'tryton-print'),
            Button("Next Card", 'start', 'tryton-forward', default=True),
            ])
    print_ = StateReport('member.account.topup.receipt')

    def default_sheet(self, fields):
        return self.sheet._default_values

    def post_sheet(self, sheet):
        pool = Pool()
        TopUp = pool.get('member.account.topup')
        return TopUp.post_swipe(sheet.swipe, sheet.amount,
            sheet.payment_method.id, sheet.receipt, sheet.client_key)
