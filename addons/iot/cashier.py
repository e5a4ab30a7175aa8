# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The cashier's desk wizards with the desk's devices.

- Swipe on the desk's reader through the box (Reader, reader.py): the
  next card swiped there, or one swiped in the last seconds that no wizard
  took yet, as if typed into the swipe field. A wedge reader still types
  into it.
- After a debit or a top-up is committed, its copies are printed on the
  desk's printer (the action id is the sheet's key: a retried request
  prints once). A slip that could not be printed is reported to the
  cashier by a notification; Reprint prints again, marked as a reprint,
  and says at once whether it printed."""
import json

from trytond.i18n import gettext
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateTransition

from .aftercommit import after_commit
from .box import box_message, new_action_id
from .printing import print_job, print_now
from .reader import ReaderStart, ReaderWizard, desk_with


class DeskSwipe(ReaderStart, metaclass=PoolMeta):
    __name__ = 'member.cashier.swipe'


class DeskDone(metaclass=PoolMeta):
    __name__ = 'member.cashier.done'
    printed = fields.Text("Printer", readonly=True,
        states={'invisible': ~Eval('printed')})
    has_printer = fields.Boolean("Printer at the Desk", readonly=True)
    reprint_key = fields.Char("Reprint Key", readonly=True)


def print_committed(user, language, box_name, document, args):
    """After the commit: print; a failure becomes a notification to the
    cashier (in a transaction of its own)"""
    code = print_now(*args)
    if code is None:
        return
    with Transaction().new_transaction() as transaction:
        pool = Pool()
        Notification = pool.get('res.notification')
        with transaction.set_context(language=language), \
                without_check_access():
            Notification.create([{
                        'user': user,
                        'label': gettext('iot.msg_slip_not_printed'),
                        'description': gettext(
                            'iot.msg_slip_not_printed_text',
                            document=document['name'],
                            reason=box_message(code, box_name)),
                        'icon': 'tryton-print',
                        'model': document['model'],
                        'records': json.dumps([document['id']]),
                        }])


class DeskWizard(ReaderWizard):
    "What the desk's devices add to a cashier wizard"
    __slots__ = ()
    reprint = StateTransition()

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.done.buttons.insert(2,
            Button("Reprint on Printer", 'reprint', 'tryton-print',
                states={'invisible': ~Eval('has_printer')}))

    def transition_post(self):
        state = super().transition_post()
        desk = desk_with('printer')
        self.done.reprint_key = new_action_id()
        self.done.has_printer = desk is not None
        if desk is None:
            return state
        document = getattr(self.done, self.done_field)
        sheet = getattr(self, self.next_state)
        token, device, payload = print_job(desk, document,
            self.print_.report_name)
        transaction = Transaction()
        after_commit(print_committed, transaction.user, transaction.language,
            desk.box.rec_name,
            {'name': document.rec_name, 'model': document.__name__,
                'id': document.id},
            (desk.box.url, token, 'slip-' + sheet.client_key, device,
                payload))
        self.done.printed = gettext('iot.msg_slip_sent',
            printer=desk.printer.rec_name, copies=len(payload['copies']))
        return state

    def transition_reprint(self):
        desk = desk_with('printer')
        if desk is None:
            self.done.printed = gettext('iot.msg_desk_no_printer')
            return 'done'
        document = getattr(self.done, self.done_field)
        token, device, payload = print_job(desk, document,
            self.print_.report_name, reprint=True)
        code = print_now(desk.box.url, token, self.done.reprint_key, device,
            payload)
        if code is None:
            self.done.printed = gettext('iot.msg_slip_reprinted',
                printer=desk.printer.rec_name, copies=len(payload['copies']))
            self.done.reprint_key = new_action_id()
        else:
            self.done.printed = box_message(code, desk.box.rec_name)
        return 'done'


class SwipeDebit(DeskWizard, metaclass=PoolMeta):
    __name__ = 'member.cashier.debit'


class TopUpDesk(DeskWizard, metaclass=PoolMeta):
    __name__ = 'member.cashier.topup'
