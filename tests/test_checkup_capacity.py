"""The last place of a day is given once, also when two confirmers of the
center confirm at the same moment: through JSON-RPC, each with their own
session, against the real trytond of the demo center on PostgreSQL, the
wizard of the confirmation desk run to its last step by both at once."""
import datetime as dt
import threading
import unittest

from .rpc import RPCError, Session
from .server import shared_demo_server

PASSWORD = 'member-demo'
ROUNDS = 8
FULL = '已满'  # msg_center_full in zh_CN, the confirmers' language


class Desk:
    "A confirmer running the Confirm Checkup wizard over JSON-RPC"
    wizard = 'wizard.health.checkup.booking.confirm'

    def __init__(self, server, login):
        self.session = Session.login(server.url, server.database, login,
            PASSWORD)

    def open(self, booking):
        "Open the wizard on booking: its session, ready for the last step"
        context = {'active_model': 'health.checkup.booking',
            'active_id': booking, 'active_ids': [booking]}
        session_id, _, _ = self.session.call(f'{self.wizard}.create')
        self.session.call(f'{self.wizard}.execute', session_id, {}, 'start',
            context=context)
        return session_id, context

    def confirm(self, opened, date):
        "The last step: confirm on date; the refusal's message, or None"
        session_id, context = opened
        try:
            self.session.call(f'{self.wizard}.execute', session_id,
                {'start': {'date': date, 'slot': None}}, 'apply',
                context=context)
        except RPCError as error:
            return error.message
        return None


class CapacityTestCase(unittest.TestCase):
    "Capacity is never exceeded"

    @classmethod
    def setUpClass(cls):
        cls.server = shared_demo_server()
        admin = Session.login(cls.server.url, cls.server.database, 'admin',
            'admin-demo')
        cls.admin = admin
        center, = admin.call('model.health.checkup.center.search', [],
            0, 1, None)
        cls.center = center
        # members with an active card: their requests need no approval
        cls.members = admin.call('model.member.member.search',
            [('state', '=', 'active'), ('cards.state', '=', 'active')],
            0, 2 * ROUNDS, [('id', 'ASC')])
        cls.package, = admin.call('model.product.product.search',
            [('checkup_package', '=', True)], 0, 1, None)

    def one_place_day(self, date):
        "date has a single place at the center (left from a run before)"
        if self.admin.call(
                'model.health.checkup.capacity.exception.search_count',
                [('center', '=', self.center), ('date', '=', date)]):
            return
        self.admin.call('model.health.checkup.capacity.exception.create', [{
                    'center': self.center, 'date': date, 'morning': 1,
                    'afternoon': 0, 'reason': "Concurrency test"}])

    def requests(self, sales, members, date):
        "Bookings of members requested by the sales office for date"
        for member in members:  # the demo booked them already: book again
            sales.call('model.res.user.warning.skip',
                f'health_checkup.booking_open.{member}', True)
        ids = sales.call('model.health.checkup.booking.create', [{
                    'member': m, 'center': self.center,
                    'package': self.package, 'requested_date': date}
                for m in members])
        sales.call('model.health.checkup.booking.request', ids)
        states = sales.call('model.health.checkup.booking.read', ids,
            ['state'])
        self.assertEqual([s['state'] for s in states], ['requested'] * 2)
        return ids

    def test_last_place_confirmed_once(self):
        "Two confirmers give out the last place at once: one is refused"
        sales = Session.login(self.server.url, self.server.database,
            'sales_office', PASSWORD)
        desks = [Desk(self.server, 'center_confirm'),
            Desk(self.server, 'center_manager')]
        start = dt.date.today() + dt.timedelta(days=60)
        for round_ in range(ROUNDS):
            date = start + dt.timedelta(days=round_)
            self.one_place_day(date)
            bookings = self.requests(sales, self.members[
                    2 * round_:2 * round_ + 2], date)
            opened = [d.open(b) for d, b in zip(desks, bookings)]
            barrier = threading.Barrier(2)
            results = [None, None]

            def run(i):
                barrier.wait()
                results[i] = desks[i].confirm(opened[i], date)
            threads = [threading.Thread(target=run, args=(i,))
                for i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            refused = [r for r in results if r]
            self.assertEqual(len(refused), 1, results)
            self.assertIn(FULL, refused[0])
            states = sales.call('model.health.checkup.booking.read',
                bookings, ['state', 'date'])
            self.assertEqual(sorted(s['state'] for s in states),
                ['confirmed', 'requested'])
            confirmed = self.admin.call(
                'model.health.checkup.booking.search_count', [
                    ('center', '=', self.center), ('date', '=', date),
                    ('state', '=', 'confirmed')])
            self.assertEqual(confirmed, 1)


if __name__ == '__main__':
    unittest.main()
