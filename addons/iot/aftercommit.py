# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Run something once the transaction is committed, never if it is rolled
back: a slip is printed for a debit that exists, or not at all."""
import logging

from trytond.transaction import Transaction

logger = logging.getLogger(__name__)


class AfterCommit:
    "A data manager of the transaction whose calls run at tpc_finish"

    def __init__(self):
        self.calls = []

    def __eq__(self, other):
        return isinstance(other, AfterCommit)

    def __hash__(self):
        return hash(AfterCommit)

    def abort(self, transaction):
        self.calls.clear()

    def tpc_begin(self, transaction):
        pass

    def commit(self, transaction):
        pass

    def tpc_vote(self, transaction):
        pass

    def tpc_finish(self, transaction):
        "The data is committed: what fails now must not look as if it was not"
        calls, self.calls = self.calls, []
        for func, args in calls:
            try:
                func(*args)
            except Exception:
                logger.exception("after the commit, %s failed", func.__name__)

    def tpc_abort(self, transaction):
        self.calls.clear()


def after_commit(func, *args):
    "Call func(*args) after the current transaction commits"
    manager = Transaction().join(AfterCommit())
    manager.calls.append((func, args))
