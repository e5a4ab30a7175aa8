# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The Reader button of a swipe wizard (the cashier's, the reception's
check-in): the swipe taken from the desk's reader through the box, as if
it had been typed into the wizard's swipe field."""
from trytond.i18n import gettext
from trytond.model import fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.wizard import Button, StateTransition

from .exceptions import BoxError, DeskError

READER_WAIT = 15  # seconds the Reader button waits for a swipe


def desk_with(device):
    "The user's desk with device, None if the user has none"
    pool = Pool()
    Desk = pool.get('iot.desk')
    try:
        return Desk.of_user(device)
    except DeskError:
        return None


class ReaderStart:
    "The swipe view of a wizard with the Reader button"
    __slots__ = ()
    has_reader = fields.Boolean("Reader at the Desk", readonly=True)


class ReaderWizard:
    """A swipe wizard (its view 'start' with a swipe and a refusal, its
    transition 'check') with the Reader button"""
    __slots__ = ()
    from_reader = StateTransition()

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.start.buttons.insert(1,
            Button("Reader", 'from_reader', 'tryton-barcode-scanner',
                states={'invisible': ~Eval('has_reader')}, validate=False))

    def default_start(self, fields):
        values = super().default_start(fields)
        values['has_reader'] = desk_with('reader') is not None
        return values

    def reader_refused(self, message):
        "Back to the swipe view, saying why there is no swipe"
        self.start.refusal = message
        self.start.swipe = None
        return 'start'

    def transition_from_reader(self):
        pool = Pool()
        Desk = pool.get('iot.desk')
        try:
            swipe = Desk.of_user('reader').take_swipe(READER_WAIT)
        except (DeskError, BoxError) as error:
            return self.reader_refused(error.message)
        if swipe is None:
            return self.reader_refused(gettext('iot.msg_no_swipe',
                    seconds=READER_WAIT))
        self.start.swipe = swipe
        return self.transition_check()
