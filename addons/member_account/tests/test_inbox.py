# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The adjustments and reversals waiting for the center manager are in the
approvals inbox, and are decided there with their own checks."""
import unittest
from decimal import Decimal

from trytond.exceptions import UserError
from trytond.modules.company.tests import create_company, set_company
from trytond.modules.member_account.tests.test_module import open_shift
from trytond.modules.member_card.tests.test_module import active_card
from trytond.pool import Pool
from trytond.tests.test_tryton import activate_module, with_transaction
from trytond.transaction import Transaction


class InboxTestCase(unittest.TestCase):
    "The account's requests in the approvals inbox"

    @classmethod
    def setUpClass(cls):
        activate_module('member_account')

    @with_transaction()
    def test_requests_in_inbox(self):
        "Requested: listed for the others; decided there: gone"
        pool = Pool()
        TopUp = pool.get('member.account.topup')
        Adjustment = pool.get('member.account.adjustment')
        Reversal = pool.get('member.account.reversal')
        Approval = pool.get('member.approval')
        User = pool.get('res.user')
        company = create_company()
        with set_company(company):
            card = active_card(company)
            open_shift()
            topup = TopUp.post_swipe(card.number, '100', 'cash', 'P1', 'k1')
            adjustment, = Adjustment.create([{'account': card.account.id,
                        'amount': Decimal('30'), 'reason': "旧系统余额"}])
            reversal, = Reversal.create([{
                        'origin': f'member.account.topup,{topup["id"]}',
                        'reason': "刷错卡"}])
            waiting = Approval.search([])
            self.assertEqual(sorted((a.kind, a.request, a.requested_by.id)
                    for a in waiting), [
                    ('adjustment', adjustment, Transaction().user),
                    ('reversal', reversal, Transaction().user)])
            # the one who asked sees them under "All", not "For Me"
            self.assertEqual(Approval.search([('mine', '=', False)]), [])
            with self.assertRaises(UserError) as cm:
                Approval.approve(waiting[:1])
            self.assertIn('someone other', cm.exception.message)

            manager, = User.create([{'name': "Manager", 'login': 'mgr',
                        'companies': [('add', [company.id])],
                        'company': company.id}])
            with Transaction().set_user(manager.id):
                mine = Approval.search([('mine', '=', False)])
                self.assertEqual(len(mine), 2)
                Approval.approve([a for a in mine if a.kind == 'adjustment'])
                Approval.refuse(Approval.search([('kind', '=', 'reversal')]))
                self.assertEqual(Approval.search([]), [])
            self.assertEqual((adjustment.state, reversal.state),
                ('approved', 'refused'))
            self.assertEqual(card.account.balance, Decimal('130'))
