# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The member sets the payment password at the card's activation: Activate
opens its setting when the member has none, on the card just activated."""
import unittest

from trytond.modules.company.tests import create_company, set_company
from trytond.modules.member_card.tests.test_module import new_card
from trytond.pool import Pool
from trytond.tests.test_tryton import activate_module, with_transaction
from trytond.transaction import Transaction


class ActivationTestCase(unittest.TestCase):
    "The payment password at the activation"

    @classmethod
    def setUpClass(cls):
        activate_module('member_account')

    @with_transaction()
    def test_activate_opens_password(self):
        pool = Pool()
        Card = pool.get('member.card')
        Password = pool.get('member.payment.password')
        ModelData = pool.get('ir.model.data')
        SetPassword = pool.get('member.payment.password.set', type='wizard')
        company = create_company()
        with set_company(company):
            card = new_card(company)
            Card._written([card])
            action = Card.activate([card])
            self.assertEqual(card.state, 'active')
            self.assertEqual(action, ModelData.get_id(
                    'member_account', 'wizard_payment_password_set_card'))
            with Transaction().set_context(active_model='member.card',
                    active_id=card.id, active_ids=[card.id]):
                session_id, _, _ = SetPassword.create()
                wizard = SetPassword(session_id)
                self.assertEqual(wizard.default_start([])['member'],
                    card.member.id)
                wizard.start.id_checked = True
                wizard.start.password = wizard.start.repeat = '582046'
                wizard.transition_apply()
            self.assertTrue(Password.of(card.member).verify('582046'))

