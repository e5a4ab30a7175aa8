"""The approvals inbox on the demo center over JSON-RPC: the center manager
finds every request waiting for them in one list, whatever module asked
(bookings, reversals, balance adjustments); deciding there is tested with
each module's requests (tests/test_security_checkup.py, the modules'
tests/test_inbox.py)."""
import unittest

from .server import demo_session as session
from .server import shared_demo_server

# model: the domain of its requests waiting for the center manager
SOURCES = {
    'health.checkup.booking': [('state', 'in', ['approval', 'change'])],
    'member.account.reversal': [('state', '=', 'requested')],
    'member.account.adjustment': [('state', '=', 'requested')],
    }


def setUpModule():
    shared_demo_server()


class InboxTestCase(unittest.TestCase):
    "Everything waiting for the center manager, in one place"

    def test_everything_waiting_listed(self):
        manager = session('center_manager')
        rows = manager.call('model.member.approval.search_read', [], 0,
            None, None, ['request', 'kind', 'kind:string', 'requested_by'])
        listed = {}
        for row in rows:
            model, id_ = row['request'].split(',')
            listed.setdefault(model, set()).add(int(id_))
            self.assertTrue(row['kind'] and row['kind:string'], row)
            self.assertTrue(row['requested_by'], row)
        waiting = {model: set(manager.call(f'model.{model}.search', domain,
                    0, None, None))
            for model, domain in SOURCES.items()}
        self.assertTrue(waiting['health.checkup.booking'],
            "the demo has bookings waiting")
        self.assertEqual({m: ids for m, ids in listed.items()},
            {m: ids for m, ids in waiting.items() if ids})


if __name__ == '__main__':
    unittest.main()
