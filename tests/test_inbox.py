"""The approvals inbox on the demo center over JSON-RPC: the center manager
finds every request waiting for them in one list (bookings, reversals,
adjustments), in Chinese, and decides there; the desks that only ask are
refused the list and its buttons."""
import unittest

from .security import HostileMixin
from .server import demo_session as session
from .server import shared_demo_server

APPROVAL = 'model.member.approval'
BOOKING = 'model.health.checkup.booking'


def setUpModule():
    shared_demo_server()


class InboxTestCase(HostileMixin, unittest.TestCase):
    "Everything waiting for the center manager, in one place"

    def test_waiting_bookings_listed(self):
        "The demo's bookings waiting for approval are in the inbox"
        manager = session('center_manager')
        waiting = manager.call(f'{BOOKING}.search',
            [('state', 'in', ['approval', 'change'])], 0, None, None)
        self.assertTrue(waiting, "the demo has bookings waiting")
        rows = manager.call(f'{APPROVAL}.search_read', [], 0, None, None,
            ['request', 'kind', 'kind:string', 'requested_by'])
        self.assertEqual(sorted(int(r['request'].split(',')[1])
                for r in rows if r['request'].startswith(
                    'health.checkup.booking,')), sorted(waiting))
        self.assertTrue(all(r['requested_by'] for r in rows))
        # the kind reads as the booking says what it waits for
        said = {b['id']: b['approval:string'] for b in manager.call(
                f'{BOOKING}.read', waiting, ['approval:string'])}
        for row in rows:
            model, id_ = row['request'].split(',')
            if model == 'health.checkup.booking':
                self.assertEqual(row['kind:string'], said[int(id_)])

    def test_decided_in_inbox(self):
        "Approve in the inbox approves the booking, with its checks"
        manager = session('center_manager')
        rows = manager.call(f'{APPROVAL}.search_read',
            [('request', 'like', 'health.checkup.booking,%'),
                ('mine', '=', False)], 0, 1, None, ['request'])
        self.assertTrue(rows)
        booking = int(rows[0]['request'].split(',')[1])
        manager.call(f'{APPROVAL}.approve', [rows[0]['id']])
        state, = manager.call(f'{BOOKING}.read', [booking], ['state'])
        self.assertNotIn(state['state'], {'approval', 'change'})
        self.assertEqual(manager.call(f'{APPROVAL}.search',
                [('id', '=', rows[0]['id'])], 0, None, None), [])

    def test_desks_refused(self):
        "The desks that ask for approvals neither list nor decide them"
        row = session('center_manager').call(f'{APPROVAL}.search', [],
            0, 1, None)
        self.assertTrue(row)
        for login in ['salesperson', 'cashier', 'center_confirm',
                'reception']:
            with self.subTest(login=login):
                self.assertRefused(session(login), f'{APPROVAL}.search', [],
                    0, None, None)
                self.assertRefused(session(login), f'{APPROVAL}.approve', row)


if __name__ == '__main__':
    unittest.main()
