# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Run something once the transaction is committed, never if it is rolled
back: a slip is printed for a debit that exists, or not at all."""
from trytond.transaction import Transaction


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
        calls, self.calls = self.calls, []
        for func, args in calls:
            func(*args)

    def tpc_abort(self, transaction):
        self.calls.clear()


def after_commit(func, *args):
    "Call func(*args) after the current transaction commits"
    manager = Transaction().join(AfterCommit())
    manager.calls.append((func, args))
