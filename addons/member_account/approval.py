# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Dual control (X8): a correction of a household's stored value is only
requested by whoever saw the need; a second person with the center
manager's role approves it, and only the approval posts to the ledger."""
import datetime as dt
from functools import wraps

from trytond.i18n import gettext
from trytond.model import ModelView, Workflow, fields
from trytond.modules.member_card import minutes
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from .exceptions import ApprovalError, RequestFrozenError

STATES = [
    ('requested', "Requested"),
    ('approved', "Approved"),
    ('refused', "Refused"),
    ('cancelled', "Cancelled"),
    ]

# what the decision writes on a request; nothing else changes after it is made
DECISION_FIELDS = {'state', 'decided_by', 'decided_at', 'ledger_line'}
# what the server sets on a request when it is made, whatever a client sends
SERVER_FIELDS = DECISION_FIELDS | {'requested_by', 'number'}


def decision(func):
    """A button that decides a request: only its writes get through the
    freeze of the request (a context key that starts with "_": trytond
    strips those from what a client sends)"""
    @wraps(func)
    def wrapper(cls, records, *args, **kwargs):
        with Transaction().set_context(_dual_control_decision=True):
            return func(cls, records, *args, **kwargs)
    return wrapper


class DualControl(Workflow):
    """A request that someone else approves before it posts: numbered by
    the configuration's sequence named _sequence, with a reason whose
    absence _reason_required says"""
    __slots__ = ()
    _rec_name = 'number'
    _sequence = None
    _reason_required = None

    number = fields.Char("Number", readonly=True)
    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')
    # frozen once requested (check_modification): the client shows it
    reason = fields.Text("Reason", required=True, states={
            'readonly': Eval('id', -1) >= 0,
            })
    requested_by = fields.Many2One('res.user', "Requested By", readonly=True)
    decided_by = fields.Many2One('res.user', "Decided By", readonly=True)
    decided_at = minutes.Timestamp("Decided At", readonly=True)
    ledger_line = fields.Many2One(
        'member.account.line', "Ledger Line", readonly=True)
    state = fields.Selection(
        STATES, "State", required=True, readonly=True, sort=False)
    state_string = state.translated('state')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('id', 'DESC')]
        cls._transitions |= {
            ('requested', 'approved'),
            ('requested', 'refused'),
            ('requested', 'cancelled'),
            }
        decided = Eval('state') != 'requested'
        cls._buttons.update({
                'approve': {'invisible': decided, 'depends': ['state']},
                'refuse': {'invisible': decided, 'depends': ['state']},
                'cancel': {'invisible': decided, 'depends': ['state']},
                })

    @classmethod
    def default_state(cls):
        return 'requested'

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    def get_currency(self, name):
        return self.company.currency.id

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('member.configuration')
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            for name in SERVER_FIELDS:
                values.pop(name, None)
            values['state'] = 'requested'
            values['requested_by'] = Transaction().user
            values['number'] = getattr(
                Configuration(1), cls._sequence).get()
        return values

    @classmethod
    def check_modification(cls, mode, requests, values=None, external=False):
        """A request is frozen from the moment it is made (issue 10 item 5):
        nobody changes what waits for the second person, nor what was
        decided; only the decision buttons write their decision. A request
        made wrongly is cancelled and made again."""
        super().check_modification(
            mode, requests, values=values, external=external)
        if mode == 'create':
            return
        if (mode == 'write'
                and Transaction().context.get('_dual_control_decision')
                and set(values or {}) <= DECISION_FIELDS):
            return
        for request in requests:
            if mode == 'delete':
                message = 'member_account.msg_request_delete'
            elif request.state == 'requested':
                message = 'member_account.msg_request_frozen'
            else:
                message = 'member_account.msg_request_decided'
            raise RequestFrozenError(gettext(message,
                    request=request.rec_name,
                    state=request.state_string))

    @classmethod
    def validate_fields(cls, requests, field_names):
        super().validate_fields(requests, field_names)
        if field_names & ({'reason', 'state'} | cls._checked_fields()):
            for request in requests:
                if request.state == 'requested':
                    request.check_request()

    @classmethod
    def _checked_fields(cls):
        "The fields whose change check_request checks again"
        return set()

    def check_request(self):
        "A request needs a reason"
        if not (self.reason or '').strip():
            raise ApprovalError(gettext(self._reason_required))

    @classmethod
    @ModelView.button
    @decision
    @Workflow.transition('approved')
    def approve(cls, requests):
        user = Transaction().user
        for request in requests:
            if request.requested_by and request.requested_by.id == user:
                raise ApprovalError(gettext(
                        'member_account.msg_second_person',
                        request=request.rec_name))
        for request in requests:
            request.post()
        cls.write(requests, {'decided_by': user,
                'decided_at': dt.datetime.now()})

    def post(self):
        "Post the approved request into the ledger"
        raise NotImplementedError

    @classmethod
    @ModelView.button
    @decision
    @Workflow.transition('refused')
    def refuse(cls, requests):
        cls.write(requests, {'decided_by': Transaction().user,
                'decided_at': dt.datetime.now()})

    @classmethod
    @ModelView.button
    @decision
    @Workflow.transition('cancelled')
    def cancel(cls, requests):
        pass
