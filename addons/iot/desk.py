# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""A desk: a place where someone works with the devices of one box (the
reception's encoder, the cashier's reader and printer), and who works
there."""
import time

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.member_card import arguments
from trytond.modules.member_card.guard import ValueGuard
from trytond.pyson import Eval
from trytond.rpc import RPC
from trytond.transaction import Transaction, without_check_access

from .box import TOKEN_SECONDS
from .exceptions import DeskError

BROWSER_TOKEN_SECONDS = 300
RECENT = 10  # seconds: a swipe just before Reader is pressed is taken
ROLES = {'encoder': ['write_card', 'read_card'], 'reader': ['swipe'],
    'printer': ['print']}


def device_field(kind, string):
    return fields.Many2One('iot.device', string, ondelete='SET NULL',
        domain=[('box', '=', Eval('box', -1)), ('kind', '=', kind)])


class Desk(ValueGuard, ModelSQL, ModelView):
    "Desk"
    __name__ = 'iot.desk'
    __string__ = "Desk"
    name = fields.Char("Name", required=True, translate=True)
    box = fields.Many2One('iot.box', "Box", required=True,
        ondelete='RESTRICT')
    encoder = device_field('encoder', "Card Encoder")
    reader = device_field('reader', "Swipe Reader")
    printer = device_field('printer', "Receipt Printer")
    reader_boot = fields.Char("Reader Boot", readonly=True)
    reader_cursor = fields.Integer("Reader Cursor", readonly=True,
        help="The last swipe on the desk's reader a wizard took.")
    users = fields.Many2Many('iot.desk-res.user', 'desk', 'user', "Users",
        help="Who works at this desk: their wizards use its devices.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__rpc__['browser_token'] = RPC()

    @classmethod
    def of_user(cls, device=None, user=None):
        """The desk of the user (the current one by default); with device,
        the first of the user's desks having that device; DeskError when
        there is none"""
        user = user if user is not None else Transaction().user
        domain = [('users', '=', user)]
        if device:
            domain.append((device, '!=', None))
        desks = cls.search(domain, limit=1, order=[('id', 'ASC')])
        if not desks:
            raise DeskError(gettext(f'iot.msg_desk_no_{device or "desk"}'))
        return desks[0]

    def device(self, kind):
        "The desk's device of kind (DeskError if it has none)"
        device = getattr(self, kind)
        if device is None:
            raise DeskError(gettext(f'iot.msg_desk_no_{kind}'))
        return device

    def token(self, kind, seconds=TOKEN_SECONDS):
        "A token for what the desk's device of kind does"
        return self.box.token(ROLES[kind], [self.device(kind).name], seconds)

    def take_swipe(self, wait):
        """The reader's text of the next swipe on the desk's reader that no
        wizard took yet (one of the last RECENT seconds, or one within wait
        seconds); None when none came"""
        token = self.token('reader', seconds=wait + 60)

        def swipes(cursor, timeout):
            return self.box.call('events', token, cursor, timeout, RECENT,
                ['card_swiped'])
        cursor = self.reader_cursor or 0
        answer = swipes(cursor, 0)
        if answer['boot'] != self.reader_boot:
            # another box, or it restarted: its events are numbered anew
            cursor = 0
            answer = swipes(cursor, 0)
        if not answer['events']:
            answer = swipes(cursor, wait)
        if not answer['events']:
            return None
        event = answer['events'][-1]
        with without_check_access():
            self.__class__.write([self], {'reader_boot': answer['boot'],
                    'reader_cursor': event['id']})
        tracks = event['tracks']
        return ''.join(f'{start}{tracks[number]}?'
            for number, start in (('1', '%'), ('2', ';'), ('3', ';'))
            if tracks.get(number))

    @classmethod
    @arguments.signature_checked
    def browser_token(cls):
        """For the web client of the user's desk: the box's URL and a token
        for the desk's devices, living five minutes"""
        desk = cls.of_user()
        devices = [d for d in (desk.encoder, desk.reader, desk.printer) if d]
        actions = sorted({a for d in devices for a in ROLES[d.kind]})
        return {
            'url': desk.box.url,
            'devices': {d.kind: d.name for d in devices},
            'token': desk.box.token(actions, [d.name for d in devices],
                seconds=BROWSER_TOKEN_SECONDS),
            'expires': int(time.time()) + BROWSER_TOKEN_SECONDS,
            }


class DeskUser(ModelSQL):
    "Desk - User"
    __name__ = 'iot.desk-res.user'
    __string__ = "Desk - User"
    desk = fields.Many2One('iot.desk', "Desk", required=True,
        ondelete='CASCADE')
    user = fields.Many2One('res.user', "User", required=True,
        ondelete='CASCADE')
