"""The devices of a box, each named in its configuration by a stable
path or URL, with the actions a token may allow on it.

- encoder: an MSR605/MSR206 (`/dev/serial/by-id/...`); write_card writes
  the tracks and reads them back (the second swipe), read_card reads one.
- reader: a swipe reader, serial (`/dev/serial/by-id/...`) or a keyboard
  wedge (`/dev/input/by-id/...-event-kbd`, grabbed); its swipes are events.
- printer: ESC/POS on serial (a device path), the network
  (`tcp://host:9100`) or USB (`usb://04b8:0202`); print checks the paper
  first (DLE EOT 4) and refuses when it is out.

A local device whose path disappears is `lost` (an event), and is opened
again when it comes back."""
import logging
import os
import threading

from . import receipt, track
from .jobs import JobFailed
from .msr605 import MSR605, EncoderError
from .reader import open_serial_reader
from .wedge import WedgeReader

log = logging.getLogger('iot_box.devices')


class Device:
    kind = None
    actions = ()

    def __init__(self, name, url, events, **options):
        self.name, self.url, self.events = name, url, events
        self.options = options
        self.state = 'connected' if self.present() else 'lost'

    def as_dict(self):
        return {'name': self.name, 'kind': self.kind, 'url': self.url,
            'state': self.state, 'actions': list(self.actions)}

    @property
    def path(self):
        "The local device path, None for a network or USB device"
        if '://' in self.url:
            return None
        return self.url

    def present(self):
        return self.path is None or os.path.exists(self.path)

    def _set_state(self, state):
        if state != self.state:
            self.state = state
            log.info("device %s %s", self.name, state)
            self.events.emit('device', device=self.name, state=state)
            if state == 'connected':
                self.reopen()

    def check(self):
        "Called every second: note a device unplugged or back"
        self._set_state('connected' if self.present() else 'lost')

    def start(self):
        pass

    def stop(self):
        pass

    def reopen(self):
        pass

    def run(self, action, payload):
        raise JobFailed('action', f"{self.kind} cannot {action}")

    def cancel(self):
        pass


class Encoder(Device):
    kind = 'encoder'
    actions = ('write_card', 'read_card')

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._driver = None

    def run(self, action, payload):
        timeout = float(self.options.get('timeout', 20))
        try:
            self._driver = MSR605.open(self.url, timeout=timeout)
        except Exception:
            self._set_state('lost')
            raise JobFailed('device', "the encoder cannot be opened")
        try:
            if action == 'write_card':
                tracks = _tracks(payload)
                self._driver.write_verified(tracks)
                return {'verified': True, 'tracks': sorted(tracks)}
            if action == 'read_card':
                return {'tracks': self._driver.read()}
            return super().run(action, payload)
        except EncoderError as error:
            raise JobFailed(error.code, str(error))
        finally:
            self._driver.close()
            self._driver = None

    def cancel(self):
        if self._driver:
            self._driver.cancel()


def _tracks(payload):
    "{number: data} of a write_card payload, each checked against its track"
    try:
        tracks = {int(n): d for n, d in (payload.get('tracks') or {}).items()
            if d}
        if not tracks or not set(tracks) <= {1, 2, 3}:
            raise ValueError
        for number, data in tracks.items():
            track.encode(number, data)
    except (ValueError, TypeError, AttributeError, track.TrackError):
        raise JobFailed('tracks', "the tracks cannot be written on a card")
    return tracks


class Reader(Device):
    kind = 'reader'
    actions = ('swipe',)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._reader = None
        self._lock = threading.Lock()

    @property
    def wedge(self):
        return self.url.startswith('/dev/input/') or self.options.get(
            'wedge', False)

    def _swiped(self, tracks):
        self.events.emit('card_swiped', device=self.name,
            tracks={str(n): d for n, d in tracks.items()})

    def _refused(self, code):
        self.events.emit('swipe_refused', device=self.name, code=code)

    def _lost(self):
        self._set_state('lost')

    def start(self):
        with self._lock:
            if self._reader is not None or not self.present():
                return
            try:
                if self.wedge:
                    self._reader = WedgeReader(self.url, self._swiped,
                        self._refused, self._lost,
                        grab=self.options.get('grab', True)).start()
                else:
                    self._reader = open_serial_reader(self.url, self._swiped,
                        self._refused, int(self.options.get('baudrate', 9600)))
            except Exception as error:
                log.warning("reader %s cannot be opened: %s", self.name,
                    type(error).__name__)
                self._reader = None

    def stop(self):
        with self._lock:
            reader, self._reader = self._reader, None
        if reader is not None:
            try:
                reader.stop() if self.wedge else reader.close()
            except Exception:
                pass

    def reopen(self):
        self.stop()
        self.start()

    def check(self):
        if self._reader is not None and not self.wedge and (
                not self._reader.alive):
            self.stop()
            self._set_state('lost')
        super().check()
        if self.state == 'connected' and self._reader is None:
            self.start()


class Printer(Device):
    kind = 'printer'
    actions = ('print',)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.paper = 'unknown'

    def _open(self):
        from escpos import printer
        url = self.url
        if url.startswith('tcp://'):
            host, _, port = url[len('tcp://'):].partition(':')
            device = printer.Network(host, int(port or 9100), timeout=5)
        elif url.startswith('usb://'):
            vendor, _, product = url[len('usb://'):].partition(':')
            device = printer.Usb(int(vendor, 16), int(product, 16))
        elif url == 'dummy:':
            device = printer.Dummy()
        else:
            device = printer.Serial(url,
                baudrate=int(self.options.get('baudrate', 9600)),
                timeout=0.5, dsrdtr=False)
        device.open()
        return device

    def paper_state(self, device):
        "'ok', 'near_end', 'out' or 'unknown' (a printer that cannot answer)"
        try:
            answer = device.query_status(receipt.PAPER_STATUS)
            return receipt.paper_status(answer[-1]) if answer else 'unknown'
        except (NotImplementedError, receipt.ReceiptError, OSError):
            return 'unknown'

    def _note_paper(self, state):
        if state != self.paper:
            self.paper = state
            self.events.emit('paper', device=self.name, paper=state)

    def run(self, action, payload):
        if action != 'print':
            return super().run(action, payload)
        copies = payload.get('copies') if isinstance(payload, dict) else None
        if not copies or not all(isinstance(c, str) for c in copies):
            raise JobFailed('copies', "nothing to print")
        codec = self.options.get('codec', 'gb18030')
        try:
            data = b''.join(receipt.copy_bytes(text,
                    int(payload.get('headings', 3)), codec) for text in copies)
        except (UnicodeEncodeError, ValueError):
            raise JobFailed('encoding',
                "the receipt holds characters the printer cannot print")
        try:
            device = self._open()
        except Exception:
            self._set_state('lost')
            raise JobFailed('device', "the printer cannot be opened")
        try:
            paper = self.paper_state(device)
            self._note_paper(paper)
            if paper == 'out':
                raise JobFailed('paper_out', "the printer is out of paper")
            device._raw(data)
            return {'copies': len(copies), 'paper': paper}
        finally:
            device.close()

    def as_dict(self):
        return {**super().as_dict(), 'paper': self.paper}


KINDS = {cls.kind: cls for cls in (Encoder, Reader, Printer)}
ACTION_KINDS = {action: cls.kind for cls in KINDS.values()
    for action in cls.actions}
