"""An ESC/POS receipt printer simulated at the wire: on a pty (the box
opens .url as it would /dev/ttyUSB0, through python-escpos Serial) or on
a TCP port (tcp://127.0.0.1:port, as a network printer's port 9100,
through python-escpos Network). The simulator answers the real-time paper status query (DLE EOT 4) from its
paper state, keeps every job (the bytes of one burst, copies decoded by
receipt.decode) and renders a job to text or PNG for the demo."""
import os
import select
import socket
import threading
import time

from . import receipt
from .simulated import Simulated

PAPER_BYTES = {'ok': 0x12, 'near_end': 0x1E, 'out': 0x72}
BURST_GAP = 0.3  # seconds of silence that end a job


class PrinterSimulator(Simulated):
    "A serial printer on a pty"

    def __init__(self, codec='gb18030'):
        super().__init__()
        self.codec = codec
        self.paper = 'ok'
        self.jobs = []  # raw bytes of each job printed
        self._burst = bytearray()
        self._lock = threading.Lock()

    # the transport: the pty of Simulated, a TCP port in
    # NetworkPrinterSimulator
    def _sources(self):
        return [self.master]

    def _read(self, source):
        return os.read(self.master, 4096)

    def _answer(self, data):
        os.write(self.master, data)

    def _run(self):
        last = time.monotonic()
        while not self._stop.is_set():
            ready, _, _ = select.select(self._sources(), [], [], 0.05)
            if ready:
                try:
                    data = self._read(ready[0])
                except OSError:
                    return
                if data:
                    self._take(data)
                    last = time.monotonic()
            elif self._burst and time.monotonic() - last > BURST_GAP:
                self._end_job()

    def _take(self, data):
        data = bytearray(data)
        while receipt.PAPER_STATUS in data:  # answered at once, not printed
            index = data.index(receipt.PAPER_STATUS)
            del data[index:index + len(receipt.PAPER_STATUS)]
            self._answer(bytes([PAPER_BYTES[self.paper]]))
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


class NetworkPrinterSimulator(PrinterSimulator):
    "A network printer: a TCP port, one connection at a time"

    def _open(self):
        self.server = socket.create_server(('127.0.0.1', 0))
        self.connection = None
        self.url = f'tcp://127.0.0.1:{self.server.getsockname()[1]}'

    def _close(self):
        for sock in (self.connection, self.server):
            if sock is not None:
                sock.close()

    def _sources(self):
        return [self.connection or self.server]

    def _read(self, source):
        if source is self.server:
            self.connection, _ = self.server.accept()
            return b''
        data = self.connection.recv(4096)
        if not data:  # the box closed the connection after its job
            self.connection.close()
            self.connection = None
        return data

    def _answer(self, data):
        self.connection.sendall(data)
