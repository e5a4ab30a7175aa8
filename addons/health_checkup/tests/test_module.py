# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal
from unittest.mock import patch

from trytond.exceptions import UserError
from trytond.modules.company.tests import (
    CompanyTestMixin, create_company, set_company)
from trytond.modules.member_card.tests.test_module import active_card
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.transaction import Transaction

TODAY = dt.date(2026, 11, 23)  # a Monday


def fixed_today(date=TODAY):
    "The clock of the center fixed at date"
    pool = Pool()
    Date = pool.get('ir.date')
    return patch.object(Date, 'today', return_value=date)


def center(places=(1, 1), half_days=False, closed_sunday=True):
    "A center taking places (morning, afternoon) every day but Sunday"
    pool = Pool()
    Center = pool.get('health.checkup.center')
    center, = Center.create([{
                'name': "Center", 'half_days': half_days,
                'capacities': [('create', [{
                                'weekday': str(d), 'morning': places[0],
                                'afternoon': places[1]}
                            for d in range(7) if d != 6 or not closed_sunday])],
                }])
    return center


def package():
    pool = Pool()
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')
    unit, = Uom.search([('name', '=', 'Unit')])
    template, = Template.create([{'name': "Package A", 'type': 'service',
                'default_uom': unit.id, 'list_price': Decimal('680'),
                'checkup_package': True, 'products': [('create', [{}])]}])
    return template.products[0]


def active_member(company, name, phone):
    "A registered member with an active card: (member, card)"
    card = active_card(company, name=name, phone=phone)
    return card.member, card


def booking(member, center, package, date, slot=None):
    pool = Pool()
    Booking = pool.get('health.checkup.booking')
    booking, = Booking.create([{'member': member.id, 'center': center.id,
                'package': package.id, 'requested_date': date,
                'requested_slot': slot}])
    return booking


def other_user(login):
    pool = Pool()
    User = pool.get('res.user')
    user, = User.create([{'name': login, 'login': login}])
    return user


class HealthCheckupTestCase(CompanyTestMixin, ModuleTestCase):
    "Test the health_checkup module"
    module = 'health_checkup'

    @with_transaction()
    def test_capacity_never_exceeded(self):
        "A full day, a closed day and a past day are refused"
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        Exception_ = pool.get('health.checkup.capacity.exception')
        company = create_company()
        with set_company(company), fixed_today():
            place = center(places=(1, 0))
            item = package()
            first, _ = active_member(company, "张伟", '+86 138 0013 8000')
            second, _ = active_member(company, "李娜", '+86 138 0013 8001')
            day = TODAY + dt.timedelta(days=7)
            one = booking(first, place, item, day)
            two = booking(second, place, item, day)
            Booking.request([one, two])
            self.assertEqual([one.state, two.state],
                ['requested', 'requested'])
            with self.assertRaises(UserError) as cm:
                Booking.confirm_on([one, two], day)
            self.assertIn('full', cm.exception.message)
            Booking.confirm_on([one], day)
            self.assertEqual((one.state, one.date), ('confirmed', day))
            with self.assertRaises(UserError) as cm:
                Booking.confirm_on([one], day + dt.timedelta(days=1))
            self.assertIn('"Confirmed", not "Requested"', cm.exception.message)
            with self.assertRaises(UserError) as cm:
                Booking.confirm_on([two], day)
            self.assertIn('all 1 places', cm.exception.message)
            sunday = TODAY + dt.timedelta(days=6)
            with self.assertRaises(UserError) as cm:
                Booking.confirm_on([two], sunday)
            self.assertIn('no checkups', cm.exception.message)
            Exception_.create([{'center': place.id, 'date': day
                        + dt.timedelta(days=1), 'morning': 0,
                        'afternoon': 0, 'reason': "Holiday"}])
            with self.assertRaises(UserError):
                Booking.confirm_on([two], day + dt.timedelta(days=1))
            with self.assertRaises(UserError) as cm:
                Booking.confirm_on([two], TODAY - dt.timedelta(days=1))
            self.assertIn('past', cm.exception.message)
            self.assertEqual(two.state, 'requested')
            Booking.confirm_on([two], day + dt.timedelta(days=2))
            self.assertEqual(two.state, 'confirmed')

    @with_transaction()
    def test_request_refusals(self):
        "A past, closed or full requested day is refused at request"
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        Member = pool.get('member.member')
        company = create_company()
        with set_company(company), fixed_today():
            place = center(places=(1, 0))
            item = package()
            member, _ = active_member(company, "张伟", '+86 138 0013 8000')
            with self.assertRaises(UserError) as cm:
                booking(member, place, item, TODAY - dt.timedelta(days=1))
            self.assertIn('past', cm.exception.message)
            sunday = booking(member, place, item,
                TODAY + dt.timedelta(days=6))
            with self.assertRaises(UserError) as cm:
                Booking.request([sunday])
            self.assertIn('no checkups', cm.exception.message)
            self.assertEqual(sunday.state, 'draft')
            Member.write([member], {'state': 'withdrawn'})
            with self.assertRaises(UserError) as cm:
                Booking.request([Booking(sunday.id)])
            self.assertIn('withdrawn', cm.exception.message)

    @with_transaction()
    def test_short_notice_needs_manager(self):
        "A checkup asked for fewer than 3 days ahead waits for the manager"
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        company = create_company()
        with set_company(company), fixed_today():
            place = center()
            item = package()
            member, _ = active_member(company, "张伟", '+86 138 0013 8000')
            soon = booking(member, place, item, TODAY + dt.timedelta(days=2))
            Booking.request([soon])
            self.assertEqual((soon.state, soon.approval),
                ('approval', 'lead'))
            with self.assertRaises(UserError) as cm:
                Booking.approve([soon])
            self.assertIn('someone other', cm.exception.message)
            with Transaction().set_user(other_user('manager').id):
                Booking.approve([soon])
            self.assertEqual((soon.state, soon.approval), ('requested', None))
            ahead = booking(member, place, item, TODAY + dt.timedelta(days=3))
            Booking.request([ahead])
            self.assertEqual(ahead.state, 'requested')

    @with_transaction()
    def test_late_change_needs_manager(self):
        """Moving a checkup 3 days or more ahead is confirmed at once; within
        2 days it keeps its date until the manager approves"""
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        company = create_company()
        with set_company(company), fixed_today():
            place = center()
            item = package()
            member, _ = active_member(company, "张伟", '+86 138 0013 8000')
            early = booking(member, place, item, TODAY + dt.timedelta(days=3))
            Booking.request([early])
            Booking.confirm_on([early], TODAY + dt.timedelta(days=3))
            Booking.change_date([early], TODAY + dt.timedelta(days=8))
            self.assertEqual((early.state, early.date),
                ('confirmed', TODAY + dt.timedelta(days=8)))
            late = booking(member, place, item, TODAY + dt.timedelta(days=3))
            Booking.request([late])
            Booking.confirm_on([late], TODAY + dt.timedelta(days=2))
            Booking.change_date([late], TODAY + dt.timedelta(days=4))
            self.assertEqual((late.state, late.date, late.new_date),
                ('change', TODAY + dt.timedelta(days=2),
                    TODAY + dt.timedelta(days=4)))
            with self.assertRaises(UserError):
                Booking.approve([late])
            with Transaction().set_user(other_user('manager').id):
                Booking.approve([late])
            self.assertEqual((late.state, late.date, late.new_date),
                ('confirmed', TODAY + dt.timedelta(days=4), None))
            self.assertEqual(
                [(e.state, e.date) for e in reversed(late.events)][-3:],
                [('confirmed', TODAY + dt.timedelta(days=2)),
                    ('change', TODAY + dt.timedelta(days=2)),
                    ('confirmed', TODAY + dt.timedelta(days=4))])

    @with_transaction()
    def test_late_change_to_a_near_day(self):
        """Item 10: a checkup confirmed for the 22nd moved to within 2 days
        waits for the manager: the rule looks at the new day too"""
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        company = create_company()
        with set_company(company), fixed_today():
            place = center(places=(5, 5))
            item = package()
            member, _ = active_member(company, "张伟", '+86 138 0013 8000')
            far = TODAY + dt.timedelta(days=29)
            for days in [1, 2]:
                moved = booking(member, place, item, far)
                Booking.request([moved])
                Booking.confirm_on([moved], far)
                near = TODAY + dt.timedelta(days=days)
                Booking.change_date([moved], near)
                self.assertEqual(
                    (moved.state, moved.date, moved.new_date, moved.approval),
                    ('change', far, near, 'change'))
            # three days ahead is no late change
            moved = booking(member, place, item, far)
            Booking.request([moved])
            Booking.confirm_on([moved], far)
            Booking.change_date([moved], TODAY + dt.timedelta(days=3))
            self.assertEqual((moved.state, moved.date),
                ('confirmed', TODAY + dt.timedelta(days=3)))

    @with_transaction()
    def test_check_in_by_swipe(self):
        "The card swiped at arrival checks in today's checkup, only today's"
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        Card = pool.get('member.card')
        company = create_company()
        with set_company(company), fixed_today():
            place = center()
            item = package()
            member, card = active_member(
                company, "张伟", '+86 138 0013 8000')
            swipe = ';%s?' % card.track_payload
            with self.assertRaises(UserError) as cm:
                Booking.check_in_swipe(swipe)
            self.assertIn('no confirmed checkup today', cm.exception.message)
            visit = booking(member, place, item, TODAY + dt.timedelta(days=3))
            Booking.request([visit])
            Booking.confirm_on([visit], TODAY + dt.timedelta(days=3))
            with self.assertRaises(UserError) as cm:
                Booking.check_in_swipe(swipe)
            self.assertIn('not today', cm.exception.message)
        with set_company(company), fixed_today(
                TODAY + dt.timedelta(days=3)):
            Card._dormant([card])
            with self.assertRaises(UserError):
                Booking.check_in_swipe(swipe)
            self.assertEqual(visit.state, 'confirmed')
            Card.reactivate([card])
            self.assertEqual(Booking.check_in_swipe(swipe), visit)
            self.assertEqual(visit.state, 'checked_in')

    @with_transaction()
    def test_withdrawn_member_refused(self):
        "A member who withdrew is neither booked nor checked in"
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        Member = pool.get('member.member')
        company = create_company()
        with set_company(company), fixed_today():
            place = center()
            item = package()
            member, card = active_member(
                company, "张伟", '+86 138 0013 8000')
            visit = booking(member, place, item, TODAY)
            Booking.write([visit], {'state': 'confirmed', 'date': TODAY})
            Member._withdraw([member], "Moved abroad")
            with self.assertRaises(UserError) as cm:
                Booking.check_in_swipe(card.number)
            self.assertIn('withdr', cm.exception.message)
            self.assertEqual(visit.state, 'confirmed')
            with self.assertRaises(UserError) as cm:
                booking(member, place, item, TODAY + dt.timedelta(days=5))
            self.assertIn('"Member"', cm.exception.message)

    @with_transaction()
    def test_no_show_and_return_to_sales(self):
        """A confirmed checkup passed without check-in is a no-show; a member
        customer service did not book in 3 days goes back to sales"""
        pool = Pool()
        Booking = pool.get('health.checkup.booking')
        company = create_company()
        with set_company(company), fixed_today():
            place = center()
            item = package()
            member, _ = active_member(company, "张伟", '+86 138 0013 8000')
            visit = booking(member, place, item, TODAY + dt.timedelta(days=3))
            Booking.request([visit])
            Booking.confirm_on([visit], TODAY + dt.timedelta(days=3))
            unbooked = booking(member, place, item,
                TODAY + dt.timedelta(days=10))
            Booking.hand_to_service([unbooked])
            self.assertEqual(unbooked.queue, 'service')
        with set_company(company), fixed_today(TODAY + dt.timedelta(days=2)):
            Booking.return_unbooked()
            self.assertEqual(unbooked.queue, 'service')
        with set_company(company), fixed_today(TODAY + dt.timedelta(days=4)):
            Booking.mark_no_shows()
            self.assertEqual(visit.state, 'no_show')
            Booking.return_unbooked()
            self.assertEqual(unbooked.queue, 'sales')
            self.assertTrue(unbooked.returned_on)
            returns = Booking.search(['OR',
                    ('state', 'in', ['cancelled', 'no_show']),
                    [('state', '=', 'draft'), ('returned_on', '!=', None)]])
            self.assertEqual(set(returns), {visit, unbooked})


del ModuleTestCase
