# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.model import ModelView, fields
from trytond.wizard import Button, StateTransition, StateView, Wizard

from . import arguments
from .access import DeskWizard


class ReasonStart(ModelView):
    "Reason for a Change"
    __name__ = 'member.reason.start'
    reason = fields.Text("Reason", required=True)


class ReasonWizard(DeskWizard, Wizard):
    """Ask why, then apply a change that must record its reason.

    Subclasses name themselves, the groups and models of the job
    (DeskWizard) and implement apply_reason(records, reason).
    """
    start = StateView('member.reason.start',
        'member_card.reason_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Confirm", 'apply', 'tryton-ok', default=True),
            ])
    apply = StateTransition()

    def transition_apply(self):
        self.apply_reason(self.records, arguments.text_of(self.start, 'reason'))
        return 'end'

    def apply_reason(self, records, reason):
        raise NotImplementedError
