# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The device boxes of the center: one per desk PC running iot-box.

A box is paired once with the code its console shows; Tryton keeps the
secret it answers with (readable by the administrators only) and signs
with it the short-lived tokens of every call, scoped to one action on one
device. The box's devices are read from it (Refresh Devices)."""
import datetime as dt
import secrets
import time

from iot_box.client import BoxClient
from iot_box.client import BoxError as ClientError
from iot_box.token import sign

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.modules.member_card import arguments, minutes
from trytond.modules.member_card.access import DeskWizard
from trytond.modules.member_card.guard import ValueGuard
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .exceptions import BoxError

TOKEN_SECONDS = 60
# the box's error codes that have a message of their own
BOX_CODES = {
    'timeout', 'mismatch', 'rw_error', 'invalid_swipe', 'format', 'status',
    'cancelled', 'interrupted', 'paper_out', 'copies', 'encoding', 'tracks',
    'device', 'unknown_device', 'unpaired', 'pairing_code', 'pairing_paired',
    }
TOKEN_CODES = {'token_signature', 'token_box', 'token_expired',
    'token_lifetime', 'token_action', 'token_device', 'token_malformed',
    'token_missing'}


def box_message(code, box=None):
    "The translated message of a box's error code"
    if code in TOKEN_CODES:
        code = 'token'
    elif code not in BOX_CODES | {'unreachable'}:
        code = 'other'
    return gettext(f'iot.msg_box_{code}', box=box or '')


class Box(ValueGuard, ModelSQL, ModelView):
    "Device Box"
    __name__ = 'iot.box'
    __string__ = "Device Box"
    name = fields.Char("Name", required=True)
    url = fields.Char("URL", required=True,
        help="Where the desk's box answers, for example "
        "http://192.168.1.21:8070.")
    state = fields.Selection([
            ('unpaired', "Unpaired"),
            ('paired', "Paired"),
            ], "State", readonly=True)
    identifier = fields.Char("Box Identifier", readonly=True)
    secret = fields.Char("Secret", readonly=True, strip=False,
        loading='lazy',
        help="What the box answered at pairing: whoever has it can sign "
        "tokens for the box's devices, so no group reads it.")
    paired_at = minutes.Timestamp("Paired at", readonly=True)
    devices = fields.One2Many('iot.device', 'box', "Devices", readonly=True)
    desks = fields.One2Many('iot.desk', 'box', "Desks")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('url_unique', Unique(t, t.url), 'iot.msg_box_url_unique'),
            ]
        cls._buttons.update({
                'pair': {
                    'invisible': Eval('state') == 'paired',
                    'depends': ['state'],
                    },
                'refresh': {
                    'invisible': Eval('state') != 'paired',
                    'depends': ['state'],
                    },
                'unpair': {
                    'invisible': Eval('state') != 'paired',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'unpaired'

    @classmethod
    def copy(cls, boxes, default=None):
        "A copy is another box: unpaired, without devices"
        default = default.copy() if default else {}
        for name in ('identifier', 'secret', 'paired_at', 'devices', 'desks'):
            default.setdefault(name, None)
        default.setdefault('state', 'unpaired')
        return super().copy(boxes, default=default)

    @property
    def client(self):
        return BoxClient(self.url)

    def token(self, actions, devices, seconds=TOKEN_SECONDS):
        "A token for actions on devices (names), living seconds"
        if self.state != 'paired':
            raise BoxError(gettext('iot.msg_box_unpaired', box=self.rec_name))
        with without_check_access():  # the secret is the administrators'
            secret = bytes.fromhex(self.__class__(self.id).secret)
        return sign(secret, {
                'box': self.identifier, 'sub': str(Transaction().user),
                'act': list(actions), 'dev': list(devices),
                'exp': int(time.time() + seconds)})

    def call(self, method, *args, **kwargs):
        "client.method(*args), its failure as a BoxError"
        try:
            return getattr(self.client, method)(*args, **kwargs)
        except ClientError as error:
            raise BoxError(box_message(error.code, self.rec_name)) from error

    @classmethod
    @ModelView.button_action('iot.wizard_box_pair')
    def pair(cls, boxes):
        pass

    @classmethod
    @ModelView.button
    def refresh(cls, boxes):
        "Read the devices each box has"
        pool = Pool()
        Device = pool.get('iot.device')
        for box in boxes:
            found = box.call('devices', box.token(['status'], ['*']))
            Device.update_from(box, found)

    @classmethod
    @ModelView.button
    def unpair(cls, boxes):
        "Forget the secret (the box is unpaired on its PC too)"
        cls.write(boxes, {'state': 'unpaired', 'identifier': None,
                'secret': None, 'paired_at': None})


class BoxPairStart(ModelView):
    "Pair Device Box"
    __name__ = 'iot.box.pair.start'
    __string__ = "Pair Device Box"
    box = fields.Many2One('iot.box', "Box", readonly=True)
    code = fields.Char("Pairing Code", required=True,
        help="The code the box shows on its console, for example 1234-5678.")


class BoxPair(DeskWizard, Wizard):
    "Pair Device Box"
    __name__ = 'iot.box.pair'
    _desk_groups = ('res.group_admin', 'member_card.group_member_admin')
    _desk_models = ('iot.box',)
    start = StateView('iot.box.pair.start', 'iot.box_pair_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Pair", 'pair', 'tryton-ok', default=True),
            ])
    pair = StateTransition()

    def default_start(self, fields):
        return {'box': self.record.id}

    def transition_pair(self):
        pool = Pool()
        Box = pool.get('iot.box')
        box = self.record
        code = arguments.text_of(self.start, 'code', max_length=20)
        answer = box.call('pair', code,
            Transaction().context.get('_request', {}).get('http_host'))
        Box.write([box], {'state': 'paired', 'identifier': answer['box'],
                'secret': answer['secret'],
                'paired_at': dt.datetime.now().replace(microsecond=0)})
        Box.refresh([box])
        return 'end'


def new_action_id():
    "A fresh action id for a job at a box"
    return secrets.token_hex(16)
