"""The box's configuration: a TOML file, or the command line.

    [box]
    listen = "127.0.0.1:8070"
    origins = ["https://tryton.example.com"]   # CORS: the Tryton web client
    state = "/var/lib/iot-box"                 # pairing secret, job journal

    [[device]]
    name = "encoder"
    kind = "encoder"
    url = "/dev/serial/by-id/usb-Prolific_..."

    [[device]]
    name = "reader"
    kind = "reader"
    url = "/dev/input/by-id/usb-MagTek_...-event-kbd"

    [[device]]
    name = "printer"
    kind = "printer"
    url = "tcp://192.168.1.50:9100"
"""
import glob
import tomllib
from dataclasses import dataclass, field

from .devices import KINDS


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    host: str = '127.0.0.1'
    port: int = 8070
    origins: list = field(default_factory=list)
    state: str = 'var/iot-box'
    devices: list = field(default_factory=list)

    @classmethod
    def load(cls, path):
        with open(path, 'rb') as source:
            data = tomllib.load(source)
        box = data.get('box', {})
        host, _, port = box.get('listen', '127.0.0.1:8070').rpartition(':')
        config = cls(host=host or '127.0.0.1', port=int(port),
            origins=list(box.get('origins', [])),
            state=box.get('state', 'var/iot-box'),
            devices=list(data.get('device', [])))
        config.check()
        return config

    def check(self):
        names = set()
        for spec in self.devices:
            for key in ('name', 'kind', 'url'):
                if not spec.get(key):
                    raise ConfigError(f"a device has no {key}")
            if spec['kind'] not in KINDS:
                raise ConfigError(f"device {spec['name']}: unknown kind "
                    f"{spec['kind']!r} (one of {', '.join(sorted(KINDS))})")
            if spec['name'] in names:
                raise ConfigError(f"two devices named {spec['name']}")
            names.add(spec['name'])


def detect():
    """Device paths worth configuring, found by their stable names: serial
    adapters (encoders, serial readers, printers) and keyboards (wedge
    readers show up as one)"""
    return {
        'serial': sorted(glob.glob('/dev/serial/by-id/*')),
        'keyboard': sorted(glob.glob('/dev/input/by-id/*-event-kbd')),
        'usb_printer': sorted(glob.glob('/dev/usb/lp*')),
        }
