"""A keyboard-wedge swipe reader read from its Linux input device.

The reader is a USB keyboard: the box opens its event device
(/dev/input/by-id/...-event-kbd), grabs it (EVIOCGRAB) so its key presses
reach no window of the desk, and decodes the key events (struct
input_event: a timeval, type, code, value) back into the swipe text. The
wire here is the kernel's event stream, so the tests feed those structs
through a pipe; a pipe cannot be grabbed, hence grab=False there."""
import fcntl
import os
import select
import struct
import threading

from .reader import KeyDecoder, dispatch

INPUT_EVENT = struct.Struct('llHHi')  # struct input_event, 64-bit
EV_KEY = 0x01
EVIOCGRAB = 0x40044590  # _IOW('E', 0x90, int)


def event_bytes(events, type_=EV_KEY):
    "The bytes the kernel sends for key events ((code, value) pairs)"
    return b''.join(INPUT_EVENT.pack(0, 0, type_, code, value)
        for code, value in events)


class WedgeReader:
    """Reads swipes from an input device in a thread of its own: each line
    typed goes to on_swipe(tracks) or on_refused(code); on_lost() when the
    device goes away (unplugged)"""

    def __init__(self, path, on_swipe, on_refused, on_lost=None, grab=True):
        self.path = path
        self.on_swipe, self.on_refused = on_swipe, on_refused
        self.on_lost = on_lost
        self.grab = grab
        self._stop = threading.Event()
        self._thread = None
        self.fd = None

    def start(self):
        self.fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        if self.grab:
            try:
                fcntl.ioctl(self.fd, EVIOCGRAB, 1)
            except OSError:
                os.close(self.fd)
                raise
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=2)
        if self.fd is not None:
            try:
                if self.grab:
                    fcntl.ioctl(self.fd, EVIOCGRAB, 0)
                os.close(self.fd)
            except OSError:
                pass
            self.fd = None

    def _run(self):
        decoder, pending = KeyDecoder(), b''
        while not self._stop.is_set():
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, INPUT_EVENT.size * 64)
            except BlockingIOError:
                continue
            except OSError:
                chunk = b''
            if not chunk:
                if self.on_lost:
                    self.on_lost()
                return
            pending += chunk
            whole = len(pending) - len(pending) % INPUT_EVENT.size
            for offset in range(0, whole, INPUT_EVENT.size):
                _, _, type_, code, value = INPUT_EVENT.unpack_from(
                    pending, offset)
                if type_ != EV_KEY:
                    continue
                line = decoder.feed(code, value)
                if line:
                    dispatch(line, self.on_swipe, self.on_refused)
            pending = pending[whole:]
