"""The MSR605 / MSR206 family of magnetic stripe encoders.

Serial 9600 8N1; commands are ESC + a byte; data travels in a block
ESC s ESC 01 track1 ESC 02 track2 ESC 03 track3 ? FS and every write or
read ends with ESC and a status byte. Written data goes without sentinels
(the encoder adds them and the LRC); read data comes with them. A write is
verified by a second swipe: the card read back must hold what was written.
"""
import threading
import time

from . import track

ESC, FS = b'\x1b', b'\x1c'
COMMANDS = {
    'reset': ESC + b'a',
    'test': ESC + b'e',
    'read': ESC + b'r',
    'write': ESC + b'w',
    'hico': ESC + b'x',
    'loco': ESC + b'y',
    'coercivity': ESC + b'd',
    'model': ESC + b't',
    'firmware': ESC + b'v',
    }
TEST_REPLY = ESC + b'y'
STATUS = {
    b'0': ('ok', "ok"),
    b'1': ('rw_error', "read/write error"),
    b'2': ('format', "command format error"),
    b'4': ('invalid_command', "invalid command"),
    b'9': ('invalid_swipe', "invalid swipe in write mode"),
    }
TRACKS = (1, 2, 3)


class EncoderError(Exception):
    "The encoder refused, answered nonsense, or did not answer"

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class Cancelled(EncoderError):
    def __init__(self):
        super().__init__('cancelled', "cancelled")


def data_block(tracks):
    """The data block of tracks ({number: data}); a track left out is
    written empty"""
    body = ESC + b's'
    for number in TRACKS:
        data = tracks.get(number) or ''
        if data:
            track.encode(number, data)  # refuses what the track cannot hold
        body += ESC + bytes([number]) + data.encode('ascii')
    return body + b'?' + FS


def parse_data_block(raw):
    """{number: text} of a data block as the encoder sends it on a read
    (the text with its sentinels); EncoderError for anything else"""
    if not raw.startswith(ESC + b's') or not raw.endswith(b'?' + FS):
        raise EncoderError('format', "not a data block")
    body = raw[2:-2]
    tracks, number, current = {}, None, bytearray()
    index = 0
    while index < len(body):
        byte = body[index]
        if (byte == 0x1b and index + 1 < len(body)
                and body[index + 1] in TRACKS):
            if number is not None:
                tracks[number] = current.decode('ascii', 'replace')
            number, current = body[index + 1], bytearray()
            index += 2
            continue
        if number is None:
            raise EncoderError('format', "data before a track marker")
        current.append(byte)
        index += 1
    if number is not None:
        tracks[number] = current.decode('ascii', 'replace')
    return tracks


def status_of(byte):
    "Raise EncoderError for a status byte other than ok"
    code, message = STATUS.get(byte, ('status', f"unknown status {byte!r}"))
    if code != 'ok':
        raise EncoderError(code, message)


class MSR605:
    """A driver over a pyserial port (serial.Serial, or serial_for_url for
    a pty, loop:// or socket://); timeout bounds each swipe awaited"""

    def __init__(self, port, timeout=15.0):
        self.port = port
        self.timeout = timeout
        self._cancel = threading.Event()

    @classmethod
    def open(cls, url, timeout=15.0):
        import serial
        port = serial.serial_for_url(url, baudrate=9600, bytesize=8,
            parity='N', stopbits=1, timeout=0.1, dsrdtr=False)
        return cls(port, timeout=timeout)

    def close(self):
        self.port.close()

    def cancel(self):
        "Give up the swipe awaited (from another thread); the device resets"
        self._cancel.set()

    def _send(self, command, payload=b''):
        self._cancel.clear()
        self.port.reset_input_buffer()
        self.port.write(COMMANDS[command] + payload)
        self.port.flush()

    def _read_until(self, ends, timeout):
        "Bytes up to one of ends; EncoderError on timeout, Cancelled"
        deadline = time.monotonic() + timeout
        buffer = bytearray()
        while True:
            if self._cancel.is_set():
                self.port.write(COMMANDS['reset'])
                raise Cancelled()
            chunk = self.port.read(1)
            if chunk:
                buffer += chunk
                for end in ends:
                    if buffer.endswith(end):
                        return bytes(buffer)
            elif time.monotonic() > deadline:
                raise EncoderError('timeout',
                    f"no answer within {timeout:g} s")

    def _status(self, timeout):
        answer = self._read_until(
            [ESC + s for s in STATUS] + [ESC + b'A'], timeout)
        status_of(answer[-1:])

    def test(self):
        "The communication test: True when the encoder answers"
        self._send('test')
        return self._read_until([TEST_REPLY], 2.0).endswith(TEST_REPLY)

    def reset(self):
        self._send('reset')

    def coercivity(self):
        "'hi' or 'lo' (some units answer in lower case)"
        self._send('coercivity')
        answer = self._read_until(
            [ESC + c for c in (b'H', b'L', b'h', b'l')], 2.0)
        return 'hi' if answer[-1:].lower() == b'h' else 'lo'

    def write(self, tracks):
        "Write tracks ({number: data}) on the next card swiped"
        block = data_block(tracks)
        self._send('write', block)
        self._status(self.timeout)

    def read(self):
        "{number: data} of the next card swiped (sentinels removed)"
        self._send('read')
        answer = self._read_until([b'?' + FS], self.timeout)
        start = answer.rfind(ESC + b's')
        if start < 0:
            raise EncoderError('format', "no data block in the answer")
        raw = parse_data_block(answer[start:])
        self._status(2.0)
        tracks = {}
        for number, text in raw.items():
            fmt = track.FORMATS[number]
            if text.startswith(fmt.start) and text.endswith(fmt.end):
                tracks[number] = text[1:-1]
            elif text:
                tracks[number] = text
        return tracks

    def write_verified(self, tracks):
        """Write tracks, then read the card back (a second swipe): the card
        is verified only if every track written reads back the same"""
        self.write(tracks)
        read = self.read()
        for number, data in tracks.items():
            if data and read.get(number) != data:
                raise EncoderError('mismatch',
                    f"track {number} reads back differently")
        return read
