# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""A wizard that succeeds says so: its last step shows what it did, in the
desk's words, with one button that closes it (a dialog that just vanished
left the desk wondering whether anything happened)."""
from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.wizard import Button, StateView


class Done(ModelView):
    "Done"
    __name__ = 'member.done'
    __string__ = "Done"
    message = fields.Text("Done", readonly=True)


class DoneWizard:
    "The step 'done' of a wizard, showing the message say_done() gave"
    __slots__ = ()
    done = StateView('member.done', 'member_card.done_view_form', [
            Button("OK", 'end', 'tryton-ok', default=True),
            ])

    def say_done(self, message, **kwargs):
        "Show the message of id message (formatted with kwargs) at the end"
        self.done.message = gettext(message, **kwargs)
        return 'done'

    def default_done(self, fields):
        return {'message': self.done.message}
