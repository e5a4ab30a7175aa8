# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.modules.member_card.access import DeskWizard
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .account import check_amount
from .exceptions import PostingError


def transfer(source, target, amount, reason):
    """Move amount from the source household to the target one (X4: when
    duplicate members are merged): a transfer line out and one in, both
    accounts locked in the order of their ids so that two transfers never
    wait for each other"""
    if source == target:
        raise PostingError(gettext('member_account.msg_transfer_same',
                account=source.rec_name))
    if source.company != target.company:
        raise PostingError(gettext('member_account.msg_transfer_company'))
    check_amount(amount, source.company.currency)
    for account in sorted([source, target], key=lambda a: a.id):
        account.lock_balance()
    source.check_funds(amount)
    out, = source.post([{'kind': 'transfer', 'amount': -amount,
                'origin': str(target), 'description': reason}])
    in_, = target.post([{'kind': 'transfer', 'amount': amount,
                'origin': str(source), 'description': reason}])
    return out, in_


class TransferStart(ModelView):
    "Household Transfer"
    __name__ = 'member.account.transfer.start'
    source = fields.Many2One('member.account', "From", readonly=True)
    currency = fields.Many2One('currency.currency', "Currency", readonly=True)
    balance = fields.Numeric("Balance", digits='currency', readonly=True)
    target = fields.Many2One('member.account', "To", required=True,
        domain=[('id', '!=', Eval('source', -1))])
    amount = fields.Numeric("Amount", digits='currency', required=True,
        domain=[('amount', '>', 0)])
    reason = fields.Text("Reason", required=True)


class Transfer(DeskWizard, Wizard):
    """Household Transfer

    The center manager moves stored value from one household to another,
    for instance when a duplicate member's household is merged (X4)."""
    __name__ = 'member.account.transfer'
    _desk_groups = ('member_card.group_center_manager',
        'member_card.group_member_admin')
    _desk_models = ('member.account',)
    start = StateView('member.account.transfer.start',
        'member_account.transfer_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Transfer", 'transfer', 'tryton-ok', default=True),
            ])
    transfer = StateTransition()

    def default_start(self, fields):
        account = self.record
        return {
            'source': account.id,
            'currency': account.currency.id,
            'balance': account.balance or Decimal(0),
            'amount': account.balance or None,
            }

    def transition_transfer(self):
        pool = Pool()
        Account = pool.get('member.account')
        transfer(Account(self.record.id), Account(self.start.target.id),
            self.start.amount, self.start.reason)
        return 'end'
