"""Pairing the box with a Tryton server by a one-time code.

An unpaired box shows a code of 8 digits on its console. Tryton's
administrator enters it on the box record; Tryton sends it to the box,
which answers with its id and a new secret (kept in the box's state
folder, readable by its user only) and forgets the code. Five wrong codes
and the box makes a new one. Pairing again means unpairing the box on
its PC first (`iot-box --unpair`)."""
import hmac
import json
import os
import secrets
import threading
from pathlib import Path

ATTEMPTS = 5


class PairingError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class Pairing:
    def __init__(self, state_dir, announce=print):
        self.path = Path(state_dir) / 'pairing.json'
        self.announce = announce
        self._lock = threading.Lock()
        self.code = None
        self._failures = 0
        self.state = self._load()
        if not self.paired:
            self._new_code()

    def _load(self):
        try:
            return json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}

    @property
    def paired(self):
        return bool(self.state.get('secret'))

    @property
    def box(self):
        return self.state.get('box')

    @property
    def secret(self):
        return bytes.fromhex(self.state['secret']) if self.paired else None

    def _new_code(self):
        self.code = f'{secrets.randbelow(10 ** 8):08d}'
        self._failures = 0
        self.announce(f'iot-box: pairing code {self.code[:4]}-{self.code[4:]}'
            ' (enter it on the box record in Tryton)')

    def pair(self, code, server=None):
        "(box id, secret hex) for the right code; PairingError otherwise"
        code = (code or '').replace('-', '').replace(' ', '')
        with self._lock:
            if self.paired:
                raise PairingError('paired', "the box is already paired; "
                    "unpair it on its PC first")
            if not hmac.compare_digest(code.encode(), self.code.encode()):
                self._failures += 1
                if self._failures >= ATTEMPTS:
                    self._new_code()
                raise PairingError('code', "wrong pairing code")
            state = {'box': secrets.token_hex(8),
                'secret': secrets.token_hex(32), 'server': server}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix('.tmp')
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, 'w') as out:
                json.dump(state, out)
            os.replace(tmp, self.path)
            self.state, self.code = state, None
            return state['box'], state['secret']

    def unpair(self):
        with self._lock:
            self.path.unlink(missing_ok=True)
            self.state = {}
            self._new_code()
