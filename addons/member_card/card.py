# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime

import functools

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.rpc import RPC
from trytond.transaction import Transaction, without_check_access

from . import arguments, minutes, track
from .access import check_user_in, readable
from .exceptions import CardRefused, CardStateError, CardValidationError
from .guard import ValueGuard

LIVE_STATES = {'draft', 'written', 'active', 'dormant'}
# the desks that swipe cards to find members (lookup)
SWIPE_DESKS = ('member_card.group_center_reception',
    'member_card.group_center_cashier', 'member_card.group_center_manager',
    'member_card.group_member_admin')
# what a wedge reader types for three tracks, with room to spare
SWIPE_LENGTH = 400
# the state a desk sees a refused card in, and the message it reads
REFUSALS = {
    'draft': 'member_card.msg_card_refused_draft',
    'written': 'member_card.msg_card_refused_inactive',
    'dormant': 'member_card.msg_card_refused_dormant',
    'lost': 'member_card.msg_card_refused_lost',
    'voided': 'member_card.msg_card_refused_voided',
    }


def from_states(states, action):
    """Refuse, rather than silently skip as Workflow.transition does, the
    records that are not in one of states"""
    def decorator(func):
        @functools.wraps(func)
        def wrapper(cls, cards, *args, **kwargs):
            cls.check_state(cards, states, action)
            return func(cls, cards, *args, **kwargs)
        return wrapper
    return decorator


class Card(ValueGuard, Workflow, ModelSQL, ModelView):
    """Member Card

    One card per person; the cards of a household share its account."""
    __name__ = 'member.card'
    _rec_name = 'number'

    _draft = {'readonly': Eval('state') != 'draft'}

    number = fields.Char(
        "Number", states=_draft,
        help="The number printed on the card; left empty, the next number "
        "with a check digit is given.")
    member = fields.Many2One(
        'member.member', "Member", required=True, ondelete='RESTRICT',
        domain=[('state', 'in', ['registered', 'active'])],
        states=_draft)
    account = fields.Many2One(
        'member.account', "Household", required=True, ondelete='RESTRICT',
        domain=[If(Eval('member'), ('holders', '=', Eval('member', -1)), ())],
        states=_draft)
    card_type = fields.Many2One(
        'member.card.type', "Card Type", required=True, states=_draft)
    kind = fields.Selection([
            ('primary', "Primary"),
            ('secondary', "Secondary"),
            ], "Kind", required=True, readonly=True,
        help="A secondary card is attached to a household's account in "
        "addition to the holder's own card.")
    state = fields.Selection([
            ('draft', "To Write"),
            ('written', "Written (Inactive)"),
            ('active', "Active"),
            ('dormant', "Dormant"),
            ('lost', "Lost"),
            ('voided', "Voided"),
            ], "State", readonly=True, required=True, sort=False)
    track_payload = fields.Char(
        "Track Payload", readonly=True, loading='lazy',
        help="What the encoder writes on track 2: the number and a code "
        "only this server can make. Whoever reads it can write a working "
        "copy of the card: no group reads it (field access), the server "
        "gives it to the encoder, and the manual writing step shows it "
        "once to reception.")
    fee_receipt = fields.Char(
        "Fee Receipt",
        states={'readonly': ~Eval('state').in_(['draft', 'written'])},
        help="The number of the membership-fee receipt the card is activated "
        "against.")
    replaces = fields.Many2One(
        'member.card', "Replaces", readonly=True,
        help="The lost or exchanged card this one takes over from.")
    replaced_by = fields.One2Many(
        'member.card', 'replaces', "Replaced By", readonly=True)
    logs = fields.One2Many('member.card.log', 'card', "History", readonly=True)

    del _draft

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('number_unique', Unique(t, t.number),
                'member_card.msg_card_number_unique'),
            ('track_payload_unique', Unique(t, t.track_payload),
                'member_card.msg_card_payload_unique'),
            ]
        cls._order = [('id', 'DESC')]
        cls._transitions |= {
            ('draft', 'written'),
            ('written', 'active'),
            ('active', 'dormant'),
            ('dormant', 'active'),
            ('written', 'lost'),
            ('active', 'lost'),
            ('dormant', 'lost'),
            ('written', 'voided'),
            ('active', 'voided'),
            ('dormant', 'voided'),
            }
        cls._buttons.update({
                'write_card': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'activate': {
                    'invisible': Eval('state') != 'written',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'reactivate': {
                    'invisible': Eval('state') != 'dormant',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'put_dormant': {
                    'invisible': Eval('state') != 'active',
                    'icon': 'tryton-archive',
                    'depends': ['state'],
                    },
                'report_lost': {
                    'invisible': ~Eval('state').in_(
                        ['written', 'active', 'dormant']),
                    'icon': 'tryton-delete',
                    'depends': ['state'],
                    },
                'void': {
                    'invisible': ~Eval('state').in_(
                        ['written', 'active', 'dormant']),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                'reissue': {
                    'invisible': ((Eval('state') != 'lost')
                        | Eval('replaced_by', [])),
                    'icon': 'tryton-refresh',
                    'depends': ['state', 'replaced_by'],
                    },
                'exchange': {
                    'invisible': ~Eval('state').in_(['active', 'dormant']),
                    'icon': 'tryton-refresh',
                    'depends': ['state'],
                    },
                'add_secondary': {
                    'invisible': ((Eval('state') != 'active')
                        | (Eval('kind') != 'primary')),
                    'icon': 'tryton-add',
                    'depends': ['state', 'kind'],
                    },
                })
        cls.__rpc__.update({
                'lookup': RPC(readonly=True),
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_kind(cls):
        return 'primary'

    @fields.depends('member', 'account')
    def on_change_member(self):
        if self.member and self.member.account and not self.account:
            self.account = self.member.account

    # numbers and payloads -----------------------------------------------------
    @classmethod
    def next_number(cls):
        pool = Pool()
        Configuration = pool.get('member.configuration')
        return track.with_check_digit(Configuration(1).card_sequence.get())

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Member = pool.get('member.member')
        Configuration = pool.get('member.configuration')
        values = super().preprocess_values(mode, values)
        if 'number' in values and values['number']:
            values['number'] = values['number'].strip()
        if mode == 'create':
            if not values.get('number'):
                values['number'] = cls.next_number()
            if not values.get('account') and values.get('member'):
                account = Member(values['member']).account
                values['account'] = account.id if account else None
            values['track_payload'] = track.make_payload(
                Configuration.get_track_secret(), values['number'])
        return values

    @classmethod
    def validate_fields(cls, cards, field_names):
        super().validate_fields(cards, field_names)
        cls.check_number(cards, field_names)
        cls.check_one_per_person(cards, field_names)

    @classmethod
    def check_number(cls, cards, field_names=None):
        if field_names and 'number' not in field_names:
            return
        for card in cards:
            if not track.NUMBER_RE.match(card.number or ''):
                raise CardValidationError(gettext(
                        'member_card.msg_card_number_invalid',
                        number=card.number))

    @classmethod
    def check_one_per_person(cls, cards, field_names=None):
        """A person carries one live primary card; a card that a live card
        replaces stays usable until the new one is activated"""
        if field_names and not (field_names & {'member', 'state', 'kind'}):
            return
        for card in cards:
            if card.kind != 'primary' or card.state not in LIVE_STATES:
                continue
            others = cls.search([
                    ('member', '=', card.member.id),
                    ('kind', '=', 'primary'),
                    ('state', 'in', list(LIVE_STATES)),
                    ('id', '!=', card.id),
                    ])
            others = [o for o in others
                if o != card.replaces and o.replaces != card]
            if others:
                raise CardValidationError(gettext(
                        'member_card.msg_card_one_per_person',
                        member=card.member.rec_name,
                        card=others[0].number))

    @classmethod
    def check_modification(cls, mode, cards, values=None, external=False):
        super().check_modification(
            mode, cards, values=values, external=external)
        if mode == 'delete':
            for card in cards:
                if card.state != 'draft':
                    raise AccessError(gettext(
                            'member_card.msg_card_delete_written',
                            card=card.rec_name))

    @classmethod
    def copy(cls, cards, default=None):
        if cards:
            raise AccessError(gettext('member_card.msg_card_copy'))
        return super().copy(cards, default=default)

    # the history of every state change ----------------------------------------
    @classmethod
    def on_write(cls, cards, values):
        callbacks = super().on_write(cards, values)
        if 'state' in values:
            before = {c.id: c.state for c in cards}

            def log():
                cls._log(cards, before)
            callbacks.append(log)
        return callbacks

    @classmethod
    def on_modification(cls, mode, cards, field_names=None):
        super().on_modification(mode, cards, field_names=field_names)
        if mode == 'create':
            cls._log(cards, {})

    @classmethod
    def _log(cls, cards, before):
        pool = Pool()
        Log = pool.get('member.card.log')
        User = pool.get('res.user')
        transaction = Transaction()
        user = User(transaction.user) if transaction.user else None
        reason = transaction.context.get('_card_state_reason')
        with without_check_access():
            Log.create([{
                        'card': c.id,
                        'from_state': before.get(c.id),
                        'to_state': c.state,
                        'user': user.id if user else None,
                        'employee': (user.employee.id
                            if user and user.employee else None),
                        'reason': reason or c._log_reason(before.get(c.id)),
                        } for c in cls.browse(cards)])

    def _log_reason(self, from_state):
        "Why a change that asks no reason happened"
        if from_state == 'written' and self.state == 'active':
            return gettext('member_card.msg_card_reason_activated',
                receipt=self.fee_receipt)

    # workflow -----------------------------------------------------------------
    @classmethod
    def check_state(cls, cards, states, action):
        "Refuse a card that is not in one of states for action"
        for card in cards:
            if card.state not in states:
                raise CardStateError(gettext(
                        'member_card.msg_card_wrong_state',
                        card=card.rec_name,
                        state=card.state_string,
                        action=gettext('member_card.msg_card_action_' + action)))

    state_string = state.translated('state')

    @classmethod
    @ModelView.button_action('member_card.wizard_card_write_manual')
    def write_card(cls, cards):
        "Written by hand on an encoder of its own: the desk confirms it"

    @classmethod
    def check_manual_writing(cls):
        "Refuse confirming by hand when the center writes cards otherwise"

    @classmethod
    @from_states({'draft'}, 'write_card')
    @Workflow.transition('written')
    def _written(cls, cards):
        "The payload is on the card (confirmed by the desk, or verified)"

    @classmethod
    @ModelView.button
    @from_states({'written'}, 'activate')
    @Workflow.transition('active')
    def activate(cls, cards):
        pool = Pool()
        Member = pool.get('member.member')
        for card in cards:
            if not (card.fee_receipt or '').strip():
                raise CardStateError(gettext(
                        'member_card.msg_card_activate_no_receipt',
                        card=card.rec_name))
            if card.member.state not in {'registered', 'active'}:
                raise CardStateError(gettext(
                        'member_card.msg_card_activate_member',
                        card=card.rec_name, member=card.member.rec_name,
                        state=card.member.state_string))
        Member.activate([c.member for c in cards])
        replaced = [c.replaces for c in cards
            if c.replaces and c.replaces.state in {'written', 'active', 'dormant'}]
        if replaced:
            with Transaction().set_context(_card_state_reason=gettext(
                        'member_card.msg_card_reason_exchanged')):
                cls._void(replaced)

    @classmethod
    @ModelView.button
    @from_states({'dormant'}, 'reactivate')
    @Workflow.transition('active')
    def reactivate(cls, cards):
        pass

    @classmethod
    @ModelView.button_action('member_card.wizard_card_dormant')
    def put_dormant(cls, cards):
        pass

    @classmethod
    @ModelView.button_action('member_card.wizard_card_lost')
    def report_lost(cls, cards):
        pass

    @classmethod
    @ModelView.button_action('member_card.wizard_card_void')
    def void(cls, cards):
        pass

    @classmethod
    @ModelView.button_action('member_card.wizard_card_reissue')
    def reissue(cls, cards):
        pass

    @classmethod
    @ModelView.button_action('member_card.wizard_card_exchange')
    def exchange(cls, cards):
        pass

    @classmethod
    @ModelView.button_action('member_card.wizard_card_secondary')
    def add_secondary(cls, cards):
        pass

    @classmethod
    @from_states({'active'}, 'put_dormant')
    @Workflow.transition('dormant')
    def _dormant(cls, cards):
        pass

    @classmethod
    @from_states({'written', 'active', 'dormant'}, 'report_lost')
    @Workflow.transition('lost')
    def _lost(cls, cards):
        pass

    @classmethod
    @from_states({'written', 'active', 'dormant'}, 'void')
    @Workflow.transition('voided')
    def _void(cls, cards):
        pass

    # the desks' lookup ----------------------------------------------------------
    @classmethod
    def find(cls, text):
        """The active card that a reader sent (track text) or a desk typed
        (card number), or CardRefused saying why not"""
        pool = Pool()
        Configuration = pool.get('member.configuration')
        text = arguments.text(text, gettext('member_card.msg_swipe_label'),
            max_length=SWIPE_LENGTH, required=False, strip=False)
        kind, data = track.parse_input(text)
        if kind is None:
            raise CardRefused(gettext(
                    'member_card.msg_card_refused_unreadable'),
                refusal='unreadable')
        with without_check_access():
            if kind == 'payload':
                number = track.verify_payload(
                    Configuration.get_track_secret(), data)
                cards = cls.search([('track_payload', '=', data)], limit=1)
                if number is None or not cards:
                    raise CardRefused(gettext(
                            'member_card.msg_card_refused_forged'),
                        refusal='forged')
            else:
                cards = cls.search([('number', '=', data)], limit=1)
                if not cards:
                    raise CardRefused(gettext(
                            'member_card.msg_card_refused_unknown',
                            number=data),
                        refusal='unknown')
            card, = cards
            if card.state != 'active':
                raise CardRefused(gettext(
                        REFUSALS[card.state], card=card.masked_number),
                    refusal=card.state)
            if card.member.state == 'withdrawn':
                raise CardRefused(gettext(
                        'member_card.msg_card_refused_withdrawn',
                        card=card.masked_number),
                    refusal='withdrawn')
        return card

    @property
    def masked_number(self):
        "The number as slips and refusals show it: the last four digits"
        number = self.number or ''
        return '*' * max(len(number) - 4, 0) + number[-4:]

    def lookup_result(self):
        "What a desk sees of a found card"
        account = self.account
        return {
            'card': self.id,
            'number': self.number,
            'masked_number': self.masked_number,
            'card_type': self.card_type.rec_name,
            'card_kind': self.kind,
            'state': self.state,
            'member': self.member.id,
            'member_number': self.member.number,
            'member_name': self.member.name,
            'account': account.id,
            'account_number': account.number,
            'account_kind': account.kind,
            'primary_holder': (account.primary_holder.name
                if account.primary_holder else None),
            'holders': [h.name for h in account.holders
                if h.state in {'registered', 'active'}],
            }

    @classmethod
    @arguments.signature_checked
    def lookup(cls, text):
        """Over RPC, for the desks that swipe: a dict with ok True and the
        card's data, or ok False with refusal and message. A member the
        user may not read (another salesperson's, another company's) is an
        unknown card."""
        pool = Pool()
        Member = pool.get('member.member')
        check_user_in(SWIPE_DESKS, gettext('member_card.msg_card_lookup_desks'))
        try:
            card = cls.find(text)
            if not readable(Member, [card.member.id]):
                raise CardRefused(gettext(
                        'member_card.msg_card_refused_unknown',
                        number=card.masked_number), refusal='unknown')
        except CardRefused as refused:
            return {
                'ok': False,
                'refusal': refused.refusal,
                'message': refused.message,
                }
        with without_check_access():
            return dict(ok=True, **card.lookup_result())


class CardLog(ModelSQL, ModelView):
    "Card State Change"
    __name__ = 'member.card.log'

    card = fields.Many2One(
        'member.card', "Card", required=True, ondelete='CASCADE',
        readonly=True)
    date = minutes.Timestamp("Date", required=True, readonly=True)
    user = fields.Many2One('res.user', "User", readonly=True)
    employee = fields.Many2One('company.employee', "Employee", readonly=True)
    from_state = fields.Selection(
        'get_states', "From State", readonly=True)
    to_state = fields.Selection('get_states', "To State", readonly=True)
    reason = fields.Text("Reason", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'DESC'), ('id', 'DESC')]

    @classmethod
    def get_states(cls):
        pool = Pool()
        Card = pool.get('member.card')
        return [(None, '')] + Card.fields_get(['state'])['state']['selection']

    @classmethod
    def default_date(cls):
        return datetime.datetime.now().replace(microsecond=0)

    @classmethod
    def check_modification(cls, mode, logs, values=None, external=False):
        super().check_modification(
            mode, logs, values=values, external=external)
        if mode in {'write', 'delete'}:
            raise AccessError(gettext('member_card.msg_card_log_immutable'))
