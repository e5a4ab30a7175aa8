# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import ModelView, fields
from trytond.wizard import Button, StateTransition, StateView, Wizard

from . import arguments
from .access import DeskWizard
from .done import DoneWizard


class ReasonStart(ModelView):
    "Reason for a Change"
    __name__ = 'member.reason.start'
    reason = fields.Text("Reason", required=True)


class ReasonWizard(DoneWizard, DeskWizard, Wizard):
    """Ask why, then apply a change that must record its reason, and say
    it is done.

    Subclasses name themselves, the groups and models of the job
    (DeskWizard), the message of _done (with the records' names as
    records) and implement apply_reason(records, reason).
    """
    _done = None
    start = StateView('member.reason.start',
        'member_card.reason_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Confirm", 'apply', 'tryton-ok', default=True),
            ])
    apply = StateTransition()

    def transition_apply(self):
        records = self.records
        self.apply_reason(records, arguments.text_of(self.start, 'reason'))
        return self.say_done(self._done,
            records='、'.join(r.rec_name for r in records))

    def apply_reason(self, records, reason):
        raise NotImplementedError
