"""A box: its devices, events, jobs and pairing, and a thread that notes
devices unplugged and plugged back every second."""
import threading

from .devices import KINDS
from .events import EventLog
from .jobs import JobBook
from .pairing import Pairing

VERSION = '8.0.0'


class DeviceError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class Box:
    def __init__(self, config, announce=print):
        self.config = config
        self.events = EventLog()
        self.jobs = JobBook(self.events, config.state)
        self.pairing = Pairing(config.state, announce)
        self.devices = {}
        for spec in config.devices:
            spec = dict(spec)
            name, kind, url = spec.pop('name'), spec.pop('kind'), spec.pop(
                'url')
            self.devices[name] = KINDS[kind](name, url, self.events, **spec)
        self._stop = threading.Event()
        self._monitor = threading.Thread(target=self._watch, daemon=True)

    def start(self):
        for device in self.devices.values():
            device.start()
        self._monitor.start()
        return self

    def stop(self):
        self._stop.set()
        for device in self.devices.values():
            device.stop()

    def _watch(self):
        while not self._stop.wait(1.0):
            for device in self.devices.values():
                device.check()

    def device(self, name, action):
        "The device named name if it can do action; DeviceError otherwise"
        device = self.devices.get(name)
        if device is None:
            raise DeviceError('unknown_device', "no such device")
        if action not in device.actions:
            raise DeviceError('action', f"{device.kind} cannot {action}")
        return device

    def submit(self, action_id, action, name, payload):
        device = self.device(name, action)
        return self.jobs.submit(action_id, action, name, payload,
            lambda p: device.run(action, p))

    def status(self):
        return {'api': 1, 'version': VERSION, 'paired': self.pairing.paired,
            'box': self.pairing.box, 'boot': self.events.boot,
            'devices': [d.as_dict() for d in self.devices.values()]}
