"""The bank test: concurrent cashiers against a running trytond.

Worker threads, each logged in as a cashier (own session, the cashier's own
shift), do random top-ups, swipe debits through different cards of the same
households and reversals approved by the center manager, through JSON-RPC,
for a fixed time. A request whose answer is lost (connection reset, server
killed, 5xx) is sent again with the same client key until it gets a
definite answer, as a desk would. Optionally the server is killed with
SIGKILL and restarted in the middle.

check() then proves, from the database: for every household, the balance
is the sum of its lines and equals the initial balance plus what the clients
were told was accepted; the running balance of the lines chains without a
gap and never goes below zero; every accepted request has exactly one
document with exactly one ledger line; every refused one wrote nothing; a
retry returned the first result.

Used by tests/test_bank.py (bounded) and bench/bank.py (long).
"""
import random
import threading
import time
import uuid
from collections import defaultdict
from decimal import Decimal

from .rpc import RPCError, Session
from .server import card_stripe

PASSWORD = 'member-demo'
CASHIERS = ('cashier', 'cashier2')
MANAGER = 'center_manager'
ITEMS = ('BLOOD', 'XRAY', 'ULTRA', 'ECG', 'PKG-A')
METHODS = ('cash', 'bank_card', 'transfer')
ANSWER_TIMEOUT = 120  # how long a desk keeps retrying one request


class Unanswered(Exception):
    "The server never gave a definite answer to a request"


class Bank:
    def __init__(self, server, workers=6, duration=20, households=4,
            seed=1, kill_after=None, admin_password='admin-demo'):
        self.server = server
        self.workers = workers
        self.duration = duration
        self.rng = random.Random(seed)
        self.kill_after = kill_after
        self.admin = Session.login(server.url, server.database, 'admin',
            admin_password)
        self.lock = threading.Lock()
        self.accounts = self._households(households)
        self.initial = self._balances()
        self.accepted = []  # (model, document id, account, delta, key)
        self.refused = []  # (model, key, message)
        self.reversals = []  # (reversal id, account, delta or None)
        self.problems = []  # what a client saw that must not happen
        self.retries = 0
        self.killed = False
        self.counts = defaultdict(int)

    # -- set-up -------------------------------------------------------------
    def _households(self, count):
        "Accounts with at least two active cards: {account: [swipes]}"
        cards = self.admin.call('model.member.card.search_read',
            [('state', '=', 'active'), ('member.state', '!=', 'withdrawn')],
            0, None, [('id', 'ASC')], ['account'])
        by_account = defaultdict(list)
        for card in cards:
            by_account[card['account']].append(
                card_stripe(self.server, card['id']))
        shared = sorted(a for a, swipes in by_account.items()
            if len(swipes) >= 2)
        if len(shared) < count:
            raise AssertionError(f'the demo has {len(shared)} households '
                f'with two active cards, {count} wanted')
        return {a: by_account[a] for a in shared[:count]}

    def _balances(self):
        return {r['id']: r['balance'] for r in self.admin.call(
                'model.member.account.read', list(self.accounts),
                ['balance'])}

    def _open_shift(self, session):
        if not session.call('model.member.cashier.shift.search',
                [('user', '=', session.user_id), ('state', '=', 'open')],
                0, None, None):
            session.call('model.member.cashier.shift.create', [{}])

    # -- the desks ------------------------------------------------------------
    def answer(self, call):
        """Send a request until it gets a definite answer: ('accepted',
        result) or ('refused', message)"""
        deadline = time.monotonic() + ANSWER_TIMEOUT
        while True:
            try:
                return 'accepted', call()
            except RPCError as e:
                if e.type in {'UserError', 'UserWarning'}:
                    return 'refused', e.message
                error = e
            except OSError as e:  # reset, refused, timed out
                error = e
            with self.lock:
                self.retries += 1
            if time.monotonic() > deadline:
                raise Unanswered(repr(error))
            time.sleep(0.2)

    def login(self, login):
        "A session of login, logged in before the clock starts"
        outcome, session = self.answer(lambda: Session.login(
                self.server.url, self.server.database, login, PASSWORD))
        if outcome != 'accepted':
            raise AssertionError(f'{login} cannot log in: {session}')
        return session

    def worker(self, session, manager, deadline):
        rng = random.Random(self.rng.random())
        posted = []  # own accepted documents that may be reversed
        while time.monotonic() < deadline:
            choice = rng.random()
            if choice < 0.45:
                self.debit(session, rng, posted)
            elif choice < 0.8 or not posted:
                self.topup(session, rng, posted)
            else:
                self.reverse(session, manager, rng, posted)

    def _post(self, session, model, args, account, sign, total_key, rng,
            posted):
        key = uuid.uuid4().hex
        method = f'model.{model}.post_swipe'
        outcome, result = self.answer(
            lambda: session.call(method, *args, key))
        with self.lock:
            self.counts[(model, outcome)] += 1
            if outcome == 'refused':
                self.refused.append((model, key, result))
                return
            self.accepted.append((model, result['id'], account,
                    sign * result[total_key], key))
        posted.append((model, result['id'], account))
        if rng.random() < 0.15:  # the desk sends it again
            again = self.answer(lambda: session.call(method, *args, key))
            if again != (outcome, result):
                with self.lock:
                    self.problems.append(
                        f'retry of {key} answered {again}, first {result}')

    def debit(self, session, rng, posted):
        account = rng.choice(list(self.accounts))
        swipe = rng.choice(self.accounts[account])
        items = [{'product': rng.choice(ITEMS),
                'quantity': rng.randint(1, 2)}
            for _ in range(rng.randint(1, 3))]
        self._post(session, 'member.account.debit', [swipe, items], account,
            -1, 'total', rng, posted)

    def topup(self, session, rng, posted):
        account = rng.choice(list(self.accounts))
        swipe = rng.choice(self.accounts[account])
        amount = Decimal(rng.randint(100, 200000)) / 100
        self._post(session, 'member.account.topup',
            [swipe, amount, rng.choice(METHODS), f'P{rng.randint(1, 10**6)}'],
            account, 1, 'amount', rng, posted)

    def reverse(self, session, manager, rng, posted):
        model, document, account = posted.pop(rng.randrange(len(posted)))
        origin = f'{model},{document}'
        reason = f'bank test {uuid.uuid4().hex[:8]}'

        def request():
            found = session.call('model.member.account.reversal.search',
                [('origin', '=', origin), ('reason', '=', reason)],
                0, None, None)
            return found or session.call(
                'model.member.account.reversal.create',
                [{'origin': origin, 'reason': reason}])
        outcome, ids = self.answer(request)
        if outcome == 'refused':
            with self.lock:
                self.problems.append(f'reversal of {origin}: {ids}')
            return
        reversal = ids[0]

        def approve():
            state, = manager.call('model.member.account.reversal.read',
                [reversal], ['state', 'amount'])
            if state['state'] == 'requested':
                manager.call('model.member.account.reversal.approve',
                    [reversal])
                state, = manager.call('model.member.account.reversal.read',
                    [reversal], ['state', 'amount'])
            return state
        outcome, state = self.answer(approve)
        with self.lock:
            self.counts[('member.account.reversal', outcome)] += 1
        if outcome == 'refused':  # a top-up already spent
            self.answer(lambda: manager.call(
                    'model.member.account.reversal.refuse', [reversal]))
            with self.lock:
                self.reversals.append((reversal, account, None))
            return
        with self.lock:
            self.reversals.append((reversal, account, state['amount']))

    # -- the run ---------------------------------------------------------------
    def run(self):
        for login in CASHIERS:
            self._open_shift(self.login(login))
        desks = [(self.login(CASHIERS[n % len(CASHIERS)]),
                self.login(MANAGER)) for n in range(self.workers)]
        deadline = time.monotonic() + self.duration
        errors = []

        def guarded(number, session, manager):
            try:
                self.worker(session, manager, deadline)
            except BaseException as e:  # noqa: a failed desk fails the test
                errors.append(f'worker {number}: {e!r}')
        threads = [threading.Thread(target=guarded, args=(n, *desk))
            for n, desk in enumerate(desks)]
        for thread in threads:
            thread.start()
        if self.kill_after is not None:
            time.sleep(self.kill_after)
            self.server.kill()
            self.killed = True
            time.sleep(1)
            self.server.start()
        for thread in threads:
            thread.join()
        self.problems.extend(errors)
        return self

    # -- the proof -------------------------------------------------------------
    def check(self):
        "Every inconsistency found, as sentences; empty when all is right"
        problems = list(self.problems)
        call = self.admin.call
        expected = dict(self.initial)
        for _, _, account, delta, _ in self.accepted:
            expected[account] += delta
        for _, account, amount in self.reversals:
            if amount is not None:
                expected[account] += amount
        balances = self._balances()
        for account in self.accounts:
            lines = call('model.member.account.line.search_read',
                [('account', '=', account)], 0, None, [('id', 'ASC')],
                ['amount', 'balance'])
            total = sum((l['amount'] for l in lines), Decimal(0))
            if balances[account] != total:
                problems.append(f'account {account}: balance '
                    f'{balances[account]} but lines sum to {total}')
            if balances[account] != expected[account]:
                problems.append(f'account {account}: balance '
                    f'{balances[account]}, the clients were told '
                    f'{expected[account]}')
            running = Decimal(0)
            for line in lines:
                running += line['amount']
                if line['balance'] != running or running < 0:
                    problems.append(f'account {account}: line {line["id"]} '
                        f'says balance {line["balance"]}, running {running}')
                    break
        for model, document, account, delta, key in self.accepted:
            found = call(f'model.{model}.search_read',
                [('client_key', '=', key)], 0, None, None,
                ['ledger_line', 'account'])
            lines = call('model.member.account.line.search',
                [('origin', '=', f'{model},{document}')], 0, None, None)
            if ([f['id'] for f in found] != [document] or len(lines) != 1
                    or found[0]['ledger_line'] != lines[0]
                    or found[0]['account'] != account):
                problems.append(f'{model} {document} ({key}): documents '
                    f'{found}, ledger lines {lines}')
        for model, key, message in self.refused:
            if call(f'model.{model}.search', [('client_key', '=', key)],
                    0, None, None):
                problems.append(f'refused {model} {key} ({message}) was '
                    'written')
        for reversal, account, amount in self.reversals:
            lines = call('model.member.account.line.search',
                [('origin', '=', f'member.account.reversal,{reversal}')],
                0, None, None)
            if len(lines) != (1 if amount is not None else 0):
                problems.append(f'reversal {reversal}: ledger lines {lines}')
        half = call('model.member.account.debit.search',
            [('ledger_line', '=', None)], 0, None, None) + call(
            'model.member.account.topup.search',
            [('ledger_line', '=', None)], 0, None, None)
        if half:
            problems.append(f'documents without their ledger line: {half}')
        return problems

    def summary(self):
        counts = ', '.join(f'{model.split(".")[-1]} {outcome} {n}'
            for (model, outcome), n in sorted(self.counts.items()))
        return (f'{self.workers} desks, {self.duration} s'
            f'{", killed and restarted" if self.killed else ""}: {counts}; '
            f'{self.retries} resent')
