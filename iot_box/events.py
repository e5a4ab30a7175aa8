"""The box's events, long-polled by its clients with a cursor.

Each event has an increasing id; a client asks for the events after the
last id it saw and waits until one comes or its timeout ends. The box keeps
the newest ones only: a cursor older than those gets `lost` so the client
knows it missed some. `boot` changes when the box restarts (ids start
again), which a client also treats as lost."""
import asyncio
import collections
import secrets
import threading
import time

KINDS = {'card_swiped', 'swipe_refused', 'job', 'device', 'paper'}
POLL_SECONDS = 0.05
MAX_WAIT = 30.0


class EventLog:
    "Events emitted by device threads, read by the HTTP handlers"

    def __init__(self, keep=1000, clock=time.time):
        self.boot = secrets.token_hex(8)
        self.clock = clock
        self._events = collections.deque(maxlen=keep)
        self._last = 0
        self._lock = threading.Lock()

    @property
    def cursor(self):
        return self._last

    def emit(self, kind, device=None, **data):
        assert kind in KINDS, kind
        with self._lock:
            self._last += 1
            event = {'id': self._last, 'at': self.clock(), 'kind': kind,
                'device': device, **data}
            self._events.append(event)
        return event

    def since(self, cursor, kinds=None, devices=None, recent=None):
        """(events after cursor, lost): only of kinds and devices when
        given, and of the last recent seconds when given"""
        with self._lock:
            events = list(self._events)
        lost = bool(events) and cursor < events[0]['id'] - 1
        oldest = self.clock() - recent if recent is not None else None
        chosen = [e for e in events if e['id'] > cursor
            and (kinds is None or e['kind'] in kinds)
            and (devices is None or e['device'] in devices)
            and (oldest is None or e['at'] >= oldest)]
        return chosen, lost

    async def wait(self, cursor, timeout, **filters):
        "since(), waiting up to timeout seconds for at least one event"
        deadline = time.monotonic() + min(max(timeout, 0), MAX_WAIT)
        while True:
            events, lost = self.since(cursor, **filters)
            if events or lost or time.monotonic() >= deadline:
                return events, lost
            await asyncio.sleep(POLL_SECONDS)
