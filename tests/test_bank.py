"""The bank test, bounded, on PostgreSQL (see tests/bank.py).

Concurrent cashiers over JSON-RPC against the real trytond of the demo
center: once undisturbed, once with the server killed (SIGKILL) and
restarted in the middle. The long version is bench/bank.py."""
import os
import unittest

from .bank import Bank
from .server import shared_demo_server

WORKERS = int(os.environ.get('BANK_WORKERS', 6))
DURATION = int(os.environ.get('BANK_DURATION', 20))


class BankTestCase(unittest.TestCase):
    "Money is never lost, made up or posted twice, whatever the desks do"

    @classmethod
    def setUpClass(cls):
        cls.server = shared_demo_server()

    def run_bank(self, **kwargs):
        bank = Bank(self.server, workers=WORKERS, duration=DURATION,
            **kwargs).run()
        print(f'\n   bank: {bank.summary()}', flush=True)
        self.assertEqual(bank.check(), [])
        return bank

    def test_concurrent_desks(self):
        "Desks posting at once to shared households keep every balance right"
        bank = self.run_bank(seed=1)
        counts = bank.counts
        self.assertGreater(counts[('member.account.debit', 'accepted')], 0)
        self.assertGreater(counts[('member.account.debit', 'refused')], 0)
        self.assertGreater(counts[('member.account.topup', 'accepted')], 0)
        self.assertGreater(counts[('member.account.reversal', 'accepted')], 0)

    def test_server_killed(self):
        "Killing trytond mid-run loses nothing accepted, leaves nothing half"
        bank = self.run_bank(seed=2, kill_after=DURATION / 3)
        self.assertTrue(bank.killed)
        self.assertGreater(bank.retries, 0)
