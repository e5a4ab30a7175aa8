"""Who sees and does what with checkup bookings (S2 and the design's
table), checked through JSON-RPC as each demo user on the demo center:
the sales office sees every booking, a salesperson only those of their own
members; the desks that do not book cannot."""
import unittest

from .rpc import RPCError
from .server import demo_session as session
from .server import shared_demo_server

BOOKING = 'model.health.checkup.booking'
# login: the letters of health.checkup.booking in doc/design.rst
MATRIX = {
    'sales_office': 'RWC',
    'salesperson': 'RWC',
    'center_confirm': 'RW',
    'center_manager': 'RW',
    'reception': 'RW',
    'service_agent': 'RWC',
    'service_manager': 'R',
    'cashier': '',
    'archive_clerk': '',
    }

def setUpModule():
    shared_demo_server()


class BookingAccessTestCase(unittest.TestCase):
    "Bookings are seen by whom the sales office's rules say"

    def visible(self, login):
        return set(session(login).call(f'{BOOKING}.search', [], 0, None,
                None))

    def salesperson_of(self, login):
        return session(login).call('model.res.user.get_preferences',
            True)['employee']

    def test_model_access(self):
        "Each desk has the rights of the table"
        for login, expected in MATRIX.items():
            with self.subTest(login=login):
                access = session(login).call(
                    'model.ir.model.access.get_access',
                    ['health.checkup.booking'])['health.checkup.booking']
                got = ''.join(letter for letter, key in [('R', 'read'),
                        ('W', 'write'), ('C', 'create'), ('D', 'delete')]
                    if access[key])
                self.assertEqual(got, expected)

    def test_salesperson_sees_own(self):
        "The sales office sees all; each salesperson only their members'"
        every = self.visible('sales_office')
        self.assertGreater(len(every), 0)
        own = {}
        for login in ['salesperson', 'salesperson2']:
            own[login] = self.visible(login)
            employee = self.salesperson_of(login)
            salespeople = session('sales_office').call(
                f'{BOOKING}.read', sorted(every), ['salesperson'])
            self.assertEqual(own[login], {b['id'] for b in salespeople
                    if b['salesperson'] == employee})
        self.assertTrue(own['salesperson'] and own['salesperson2'])
        self.assertFalse(own['salesperson'] & own['salesperson2'])
        other = sorted(own['salesperson2'])[0]
        with self.assertRaises(RPCError):
            session('salesperson').call(f'{BOOKING}.read', [other],
                ['number'])

    def test_cashier_sees_no_booking(self):
        "The cashier's desk has nothing to do with bookings"
        with self.assertRaises(RPCError):
            session('cashier').call(f'{BOOKING}.search', [], 0, None, None)

    def test_confirmer_cannot_approve(self):
        "Approving short notice belongs to the center manager"
        waiting = session('center_manager').call(f'{BOOKING}.search',
            [('state', '=', 'approval')], 0, None, None)
        self.assertTrue(waiting)
        with self.assertRaises(RPCError):
            session('center_confirm').call(f'{BOOKING}.approve', waiting)
        states = session('center_manager').call(f'{BOOKING}.read', waiting,
            ['state'])
        self.assertEqual({s['state'] for s in states}, {'approval'})


if __name__ == '__main__':
    unittest.main()
