"""An ESC/POS receipt printer simulated at the wire, on a pty.

The box opens .path as it would /dev/ttyUSB0 (python-escpos Serial). The
simulator answers the real-time paper status query (DLE EOT 4) from its
paper state, keeps every job (the bytes of one burst, copies decoded by
receipt.decode) and renders a job to text or PNG for the demo."""
import os
import pty
import select
import threading
import time
import tty

from . import receipt

PAPER_BYTES = {'ok': 0x12, 'near_end': 0x1E, 'out': 0x72}
BURST_GAP = 0.3  # seconds of silence that end a job


class PrinterSimulator:
    def __init__(self, codec='gb18030'):
        self.master, self.slave = pty.openpty()
        tty.setraw(self.slave)
        self.path = os.ttyname(self.slave)
        self.codec = codec
        self.paper = 'ok'
        self.jobs = []  # raw bytes of each job printed
        self._burst = bytearray()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=5)
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass

    def _run(self):
        last = time.monotonic()
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    data = os.read(self.master, 4096)
                except OSError:
                    return
                self._take(data)
                last = time.monotonic()
            elif self._burst and time.monotonic() - last > BURST_GAP:
                self._end_job()

    def _take(self, data):
        data = bytearray(data)
        while receipt.PAPER_STATUS in data:  # answered at once, not printed
            index = data.index(receipt.PAPER_STATUS)
            del data[index:index + len(receipt.PAPER_STATUS)]
            os.write(self.master, bytes([PAPER_BYTES[self.paper]]))
        if self.paper != 'out':
            self._burst += data

    def _end_job(self):
        with self._lock:
            self.jobs.append(bytes(self._burst))
            self._burst.clear()

    def wait_jobs(self, count, timeout=5.0):
        "The jobs once there are count of them (for tests)"
        deadline = time.monotonic() + timeout
        while len(self.jobs) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.jobs)

    def copies(self, index=-1):
        return receipt.decode(self.jobs[index], self.codec)

    def text(self, index=-1):
        "A job as text, each copy followed by a scissors line"
        out = []
        for copy in self.copies(index):
            out += [line.text for line in copy.lines]
            out.append('-' * 8 + ' ✂ ' + '-' * 8 if copy.cut else '')
        return '\n'.join(out)

    def png(self, index=-1):
        from .render import render_png
        return render_png(self.copies(index))
