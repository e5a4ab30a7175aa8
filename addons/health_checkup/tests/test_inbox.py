# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""The bookings waiting for the center manager are in the approvals inbox,
and are decided there with the booking's own checks."""
import datetime as dt
import unittest

from trytond.exceptions import UserError
from trytond.modules.company.tests import create_company, set_company
from trytond.modules.health_checkup.tests.test_module import (
    TODAY, active_member, booking, center, fixed_today, other_user, package)
from trytond.pool import Pool
from trytond.tests.test_tryton import activate_module, with_transaction
from trytond.transaction import Transaction


class InboxTestCase(unittest.TestCase):
    "The bookings in the approvals inbox"

    @classmethod
    def setUpClass(cls):
        activate_module('health_checkup')

    @with_transaction()
    def test_bookings_in_inbox(self):
        "A short notice and a late change wait there, decided there"
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        Approval = pool.get('member.approval')
        company = create_company()
        with set_company(company), fixed_today():
            place = center(places=(5, 5))
            item = package()
            member, _ = active_member(company, "张伟", '+86 138 0013 8000')
            other, _ = active_member(company, "李娜", '+86 139 1234 5678')
            soon = booking(member, place, item, TODAY + dt.timedelta(days=1))
            Booking.request([soon])
            moved = booking(other, place, item, TODAY + dt.timedelta(days=9))
            Booking.request([moved])
            Booking.confirm_on([moved], TODAY + dt.timedelta(days=9))
            Booking.change_date([moved], TODAY + dt.timedelta(days=2))
            self.assertEqual((soon.state, moved.state), ('approval', 'change'))

            waiting = Approval.search([])
            self.assertEqual(sorted((a.request, a.kind) for a in waiting), [
                    (soon, 'checkup_lead'), (moved, 'checkup_change')])
            self.assertEqual({a.requested_by.id for a in waiting},
                {Transaction().user})
            with self.assertRaises(UserError) as cm:
                Approval.approve(waiting[:1])
            self.assertIn('someone other', cm.exception.message)

            with Transaction().set_user(other_user('manager').id):
                Approval.approve(Approval.search([('kind', '=', 'checkup_lead')]))
                Approval.refuse(Approval.search([('kind', '=', 'checkup_change')]))
                self.assertEqual(Approval.search([]), [])
            self.assertEqual((soon.state, moved.state, moved.date),
                ('requested', 'confirmed', TODAY + dt.timedelta(days=9)))
