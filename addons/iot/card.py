# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Writing a card on the desk's encoder (H2).

The wizard sends the card's track payload to the encoder of the user's
desk; the encoder writes it and reads the card back on a second swipe. The
card becomes written only when what was read equals what was written: the
box says so, and only then the wizard moves the card on. Waiting for the
swipes is done in steps of WAIT seconds, each a request of its own; the
same action id is sent again with each step, so the box never writes the
card twice for one click. With cards written on the encoder (the
configuration's default once this module is active), confirming by hand
is refused."""
from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction
from trytond.modules.member_card.access import DeskWizard
from trytond.modules.member_card.card_wizard import CARD_DESKS
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .box import box_message, new_action_id
from .exceptions import BoxError, CardWritingError

WAIT = 15  # seconds a request waits for the encoder


class Configuration(metaclass=PoolMeta):
    __name__ = 'member.configuration'
    card_writing = fields.Selection([
            ('encoder', "On the Encoder, Read Back"),
            ('manual', "Confirmed by the Desk"),
            ], "Card Writing", required=True,
        help="On the encoder: a card is written only when the encoder read "
        "back what it wrote. Confirmed by the desk: for a center without an "
        "encoder.")

    @classmethod
    def default_card_writing(cls):
        return 'encoder'


class Card(metaclass=PoolMeta):
    __name__ = 'member.card'
    manual_writing = fields.Function(fields.Boolean("Confirmed by Hand"),
        'get_manual_writing')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._buttons.update({
                'write_on_encoder': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                })
        button = cls._buttons['write_card']
        button['invisible'] = button.get('invisible', False) | ~Eval(
            'manual_writing', False)
        button['depends'] = list(button.get('depends', [])) + [
            'manual_writing']

    @classmethod
    def get_manual_writing(cls, cards, name):
        "Whether the configuration lets the desk confirm a card written"
        pool = Pool()
        Configuration = pool.get('member.configuration')
        manual = Configuration(1).card_writing == 'manual'
        return {card.id: manual for card in cards}

    @classmethod
    def check_manual_writing(cls):
        "With cards written on the encoder, confirming by hand is refused"
        pool = Pool()
        Configuration = pool.get('member.configuration')
        super().check_manual_writing()
        if Configuration(1).card_writing == 'encoder':
            raise CardWritingError(gettext('iot.msg_card_write_encoder'))

    @classmethod
    def written_on_encoder(cls, cards, encoder):
        "The encoder verified the cards: they are written"
        with Transaction().set_context(_card_state_reason=gettext(
                    'iot.msg_card_reason_verified',
                    encoder=encoder.rec_name)):
            cls._written(cards)

    @classmethod
    @ModelView.button_action('iot.wizard_card_write')
    def write_on_encoder(cls, cards):
        pass


class CardWriteStart(ModelView):
    "Write Card on Encoder"
    __name__ = 'iot.card.write.start'
    __string__ = "Write Card on Encoder"
    card = fields.Many2One('member.card', "Card", readonly=True)
    member = fields.Many2One('member.member', "Holder", readonly=True)
    desk = fields.Many2One('iot.desk', "Desk", readonly=True)
    encoder = fields.Many2One('iot.device', "Encoder", readonly=True)
    action_id = fields.Char("Action", readonly=True)
    job = fields.Char("Job", readonly=True)
    message = fields.Text("Message", readonly=True)
    refusal = fields.Text("Not Written", readonly=True,
        states={'invisible': ~Eval('refusal')})


class CardWrite(DeskWizard, Wizard):
    """Write Card on Encoder

    Swipe the blank card through the encoder when it is ready, then once
    more to read it back."""
    __name__ = 'iot.card.write'
    _desk_groups = CARD_DESKS
    _desk_models = ('member.card',)
    start = StateView('iot.card.write.start',
        'iot.card_write_start_view_form', [
            Button("Cancel", 'cancel', 'tryton-cancel'),
            Button("Write", 'write', 'tryton-ok', default=True),
            ])
    waiting = StateView('iot.card.write.start',
        'iot.card_write_waiting_view_form', [
            Button("Cancel", 'cancel', 'tryton-cancel'),
            Button("Keep Waiting", 'write', 'tryton-refresh', default=True),
            ])
    write = StateTransition()
    cancel = StateTransition()

    def default_start(self, fields):
        pool = Pool()
        Desk = pool.get('iot.desk')
        if getattr(self.start, 'card', None):  # back after a refusal
            return self.start._default_values
        card = self.record
        card.check_state([card], {'draft'}, 'write_card')
        desk = Desk.of_user('encoder')
        return {
            'card': card.id, 'member': card.member.id, 'desk': desk.id,
            'encoder': desk.encoder.id, 'action_id': new_action_id(),
            'message': gettext('iot.msg_card_write_swipe',
                encoder=desk.encoder.rec_name),
            }

    def default_waiting(self, fields):
        return self.start._default_values

    def transition_write(self):
        pool = Pool()
        Card = pool.get('member.card')
        card, desk = self.start.card, self.start.desk
        Card.check_state([card], {'draft'}, 'write_card')
        token = desk.token('encoder', seconds=WAIT + 60)
        box = desk.box
        job = box.call('submit', token, self.start.action_id, 'write_card',
            desk.encoder.name, {'tracks': {'2': card.track_payload}})
        job = box.call('job', token, job['id'], wait=WAIT)
        self.start.job = job['id']
        if job['state'] in ('queued', 'running'):
            return 'waiting'
        if job['state'] == 'done' and (job.get('result') or {}).get(
                'verified'):
            Card.written_on_encoder([card], desk.encoder)
            return 'end'
        error = job.get('error') or {}
        self.start.refusal = box_message(error.get('code'), box.rec_name)
        self.start.action_id = new_action_id()  # the next try is a new job
        return 'start'

    def transition_cancel(self):
        job = getattr(self.start, 'job', None)
        if job:
            desk = self.start.desk
            try:
                desk.box.call('cancel', desk.token('encoder'), job)
            except BoxError:
                pass  # the box gone: nothing is being written
        return 'end'
