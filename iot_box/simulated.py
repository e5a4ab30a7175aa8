"""What the simulated devices share: a pty the box opens as it would a
serial device (.url, .path), and a thread speaking the device's side."""
import os
import pty
import threading
import tty


class Simulated:
    def __init__(self):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._open()

    def _open(self):
        self.master, self.slave = pty.openpty()
        tty.setraw(self.slave)
        self.url = self.path = os.ttyname(self.slave)

    def _close(self):
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass

    def _run(self):
        "The device's side, until _stop is set"

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        if self._thread.ident is not None:  # started
            self._thread.join(timeout=5)
        self._close()
