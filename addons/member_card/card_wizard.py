# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction
from trytond.wizard import Button, StateAction, StateTransition, StateView, Wizard

from . import arguments
from .access import DeskWizard
from .done import DoneWizard
from .exceptions import CardStateError, CardValidationError
from .reason import ReasonWizard

# the desks that handle cards
CARD_DESKS = ('member_card.group_center_reception',
    'member_card.group_center_manager', 'member_card.group_member_admin')


class _CardStateWizard(ReasonWizard):
    "Change the state of cards, logging the reason"
    _transition = None
    _desk_groups = CARD_DESKS
    _desk_models = ('member.card',)

    def apply_reason(self, cards, reason):
        with Transaction().set_context(_card_state_reason=reason):
            getattr(self.model, self._transition)(cards)


class CardDormant(_CardStateWizard):
    "Put Card Dormant"
    __name__ = 'member.card.dormant'
    _transition = '_dormant'
    _done = 'member_card.msg_done_dormant'


class CardLost(_CardStateWizard):
    "Report Card Lost"
    __name__ = 'member.card.lost'
    _transition = '_lost'
    _done = 'member_card.msg_done_lost'


class CardVoid(_CardStateWizard):
    "Void Card"
    __name__ = 'member.card.void'
    _transition = '_void'
    _done = 'member_card.msg_done_voided'


class CardWriteStart(ModelView):
    "Write Card by Hand"
    __name__ = 'member.card.write.start'
    __string__ = "Write Card by Hand"
    card = fields.Many2One('member.card', "Card", readonly=True)
    member = fields.Many2One('member.member', "Holder", readonly=True)
    payload = fields.Char("Track 2", readonly=True,
        help="Write exactly this on track 2 of the card with the center's "
        "own encoder, then confirm. It is shown only here, until the card "
        "is written.")


class CardWrite(DoneWizard, DeskWizard, Wizard):
    """Write Card by Hand

    For a center whose encoder is not connected to the suite: reception
    sees the track payload once, writes it with the encoder's own software
    and confirms that the card is written."""
    __name__ = 'member.card.write'
    _desk_groups = ('member_card.group_center_reception',)
    _desk_models = ('member.card',)
    start = StateView('member.card.write.start',
        'member_card.card_write_start_view_form', [
            Button("Close", 'end', 'tryton-cancel'),
            Button("Card Written", 'written', 'tryton-ok', default=True),
            ])
    written = StateTransition()

    def default_start(self, fields):
        card = self.record
        self.model.check_manual_writing()
        self.model.check_state([card], {'draft'}, 'write_card')
        return {
            'card': card.id,
            'member': card.member.id,
            'payload': card.track_payload,
            }

    def transition_written(self):
        card = self.record
        self.model.check_manual_writing()
        self.model._written([card])
        return self.say_done('member_card.msg_done_written',
            card=card.rec_name)


class CardNewStart(ModelView):
    "New Card"
    __name__ = 'member.card.new.start'
    old_card = fields.Many2One('member.card', "Old Card", readonly=True)
    member = fields.Many2One(
        'member.member', "Holder", required=True,
        domain=[
            ('account', '=', Eval('account', -1)),
            ('state', 'in', ['registered', 'active']),
            ])
    account = fields.Many2One('member.account', "Household", readonly=True)
    card_type = fields.Many2One(
        'member.card.type', "Card Type", required=True,
        domain=[('level', '>=', Eval('min_level', 0))])
    min_level = fields.Integer("Minimum Level", readonly=True)
    number = fields.Char(
        "New Card Number",
        help="The number printed on the new card; left empty, the next "
        "number is given.")


class _NewCardWizard(DeskWizard, Wizard):
    """Issue a card that takes over from another one.

    Subclasses set the states the old card must be in, whether the holder
    may change, and the kind and level rules of the new card."""
    start = StateView('member.card.new.start',
        'member_card.card_new_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Issue", 'issue', 'tryton-ok', default=True),
            ])
    issue = StateTransition()
    open_ = StateAction('member_card.act_card_form')
    _from_states = set()
    _action = None
    _desk_groups = CARD_DESKS
    _desk_models = ('member.card',)

    def default_start(self, fields):
        card = self.record
        self.model.check_state([card], self._from_states, self._action)
        return {
            'old_card': card.id,
            'member': card.member.id,
            'account': card.account.id,
            'card_type': card.card_type.id,
            'min_level': self._min_level(card),
            }

    def _min_level(self, card):
        return 0

    def check(self, card):
        pass

    def new_card_values(self, card):
        for name in ('member', 'card_type'):
            if not getattr(self.start, name, None):
                arguments.text(None, self.start.__names__(name)['field'])
        return {
            'member': self.start.member.id,
            'account': card.account.id,
            'card_type': self.start.card_type.id,
            'number': arguments.text_of(self.start, 'number',
                max_length=arguments.TEXT_LENGTH, required=False),
            'replaces': card.id,
            'fee_receipt': card.fee_receipt,
            }

    def transition_issue(self):
        card = self.record
        self.model.check_state([card], self._from_states, self._action)
        self.check(card)
        self.new_card, = self.model.create([self.new_card_values(card)])
        return 'open_'

    def do_open_(self, action):
        return action, {'res_id': [self.new_card.id]}


class CardReissue(_NewCardWizard):
    "Reissue Lost Card"
    __name__ = 'member.card.reissue'
    _from_states = {'lost'}
    _action = 'reissue'

    def check(self, card):
        if card.replaced_by:
            raise CardStateError(gettext(
                    'member_card.msg_card_already_reissued',
                    card=card.rec_name,
                    new=card.replaced_by[0].rec_name))


class CardExchange(_NewCardWizard):
    "Exchange Card"
    __name__ = 'member.card.exchange'
    _from_states = {'active', 'dormant'}
    _action = 'exchange'

    def _min_level(self, card):
        return card.card_type.level

    def check(self, card):
        if self.start.card_type.level < card.card_type.level:
            raise CardValidationError(gettext(
                    'member_card.msg_card_exchange_lower',
                    card=card.rec_name,
                    old=card.card_type.rec_name,
                    new=self.start.card_type.rec_name))
        if self.start.member != card.member:
            raise CardValidationError(gettext(
                    'member_card.msg_card_exchange_holder',
                    card=card.rec_name))


class CardSecondary(_NewCardWizard):
    "Add Secondary Card"
    __name__ = 'member.card.secondary'
    _from_states = {'active'}
    _action = 'add_secondary'

    def check(self, card):
        pool = Pool()
        Configuration = pool.get('member.configuration')
        limit = Configuration(1).secondary_card_limit
        live = [c for c in card.account.cards
            if c.kind == 'secondary'
            and c.state in {'draft', 'written', 'active', 'dormant'}]
        if len(live) >= limit:
            raise CardValidationError(gettext(
                    'member_card.msg_card_secondary_limit',
                    account=card.account.rec_name, limit=limit))

    def new_card_values(self, card):
        values = super().new_card_values(card)
        values['kind'] = 'secondary'
        values['replaces'] = None
        return values
