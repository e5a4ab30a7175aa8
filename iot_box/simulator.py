"""An MSR605 encoder simulated at the wire, on a pty: the driver opens
.path as it would /dev/ttyUSB0. The card in the slot is kept as bits, as a
stripe holds them; faults are injected on request."""
import os
import select

from . import track
from .msr605 import ESC, FS, TEST_REPLY, TRACKS, parse_data_block
from .simulated import Simulated

FAULTS = {
    None,
    'silent',        # never answers a swipe (the driver times out)
    'rw_error',      # answers status 1 to a write or read
    'invalid_swipe',  # answers status 9 to a write
    'other_card',    # the card read back is another one
    'lower_case',    # answers the coercivity query in lower case
    }


class EncoderSimulator(Simulated):
    "A pty speaking the MSR605 protocol, with the card swiped at once"

    def __init__(self):
        super().__init__()
        self.card = {}       # {number: bits} of the card in the slot
        self.other = {2: track.encode(2, '99999999')}
        self.fault = None
        self.received = []   # the commands, for the tests

    def _send(self, data):
        os.write(self.master, data)

    def _run(self):
        buffer = bytearray()
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                buffer += os.read(self.master, 1024)
            except OSError:
                return
            buffer = self._handle(buffer)

    def _handle(self, buffer):
        "Answer every whole command in buffer; return what is left"
        while len(buffer) >= 2:
            if buffer[0] != 0x1b:
                del buffer[0]
                continue
            command = bytes(buffer[1:2])
            if command == b'w':
                end = buffer.find(b'?' + FS)
                if end < 0:
                    return buffer  # the data block is still coming
                block = bytes(buffer[2:end + 2])
                del buffer[:end + 2]
                self.received.append('write')
                self._write(block)
                continue
            del buffer[:2]
            self.received.append(command.decode('ascii', 'replace'))
            if command == b'e':
                self._send(TEST_REPLY)
            elif command == b'd':
                self._send(ESC + (b'h' if self.fault == 'lower_case'
                        else b'H'))
            elif command == b'r':
                self._read()
            elif command in (b'x', b'y'):
                self._send(ESC + b'0')
        return buffer

    def _write(self, block):
        if self.fault == 'silent':
            return
        if self.fault in ('rw_error', 'invalid_swipe'):
            self._send(ESC + (b'1' if self.fault == 'rw_error' else b'9'))
            return
        tracks = parse_data_block(block)
        self.card = {n: track.encode(n, d) for n, d in tracks.items() if d}
        self._send(ESC + b'0')

    def _read(self):
        if self.fault == 'silent':
            return
        if self.fault == 'rw_error':
            self._send(ESC + b's' + b'?' + FS + ESC + b'1')
            return
        card = self.other if self.fault == 'other_card' else self.card
        body = ESC + b's'
        for number in TRACKS:
            body += ESC + bytes([number])
            if number in card:
                data = track.decode(number, card[number])
                body += track.frame(number, data).encode('ascii')
        self._send(body + b'?' + FS + ESC + b'0')
