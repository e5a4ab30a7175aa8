"""iot-box: run the device service of a desk.

    iot-box --config /etc/iot-box.toml
    iot-box --simulate --listen 127.0.0.1:8070 --origin http://127.0.0.1:8000
    iot-box --detect          the serial ports and keyboards to configure
    iot-box --config F --unpair
"""
import argparse
import json
import logging
import sys

from . import logmask
from .config import Config, ConfigError, detect


def parse(argv):
    parser = argparse.ArgumentParser(prog='iot-box',
        description="The device service of a desk: card encoder, swipe "
        "readers, receipt printer.")
    parser.add_argument('--config', help="the box's TOML file")
    parser.add_argument('--simulate', action='store_true',
        help="simulated devices on ptys instead of the configured ones")
    parser.add_argument('--listen', help="host:port (default 127.0.0.1:8070)")
    parser.add_argument('--origin', action='append', default=[],
        help="the Tryton web client's origin allowed by CORS (repeatable)")
    parser.add_argument('--state', help="the folder of the pairing secret "
        "and the job journal")
    parser.add_argument('--detect', action='store_true',
        help="list the device paths found, and stop")
    parser.add_argument('--unpair', action='store_true',
        help="forget the pairing, and stop")
    return parser.parse_args(argv)


def configure(args):
    config = Config.load(args.config) if args.config else Config()
    if args.listen:
        host, _, port = args.listen.rpartition(':')
        config.host, config.port = host or config.host, int(port)
    config.origins += args.origin
    if args.state:
        config.state = args.state
    return config


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO,
        format='%(asctime)s %(levelname)s %(name)s %(message)s')
    logmask.install()
    if args.detect:
        print(json.dumps(detect(), indent=2))
        return 0
    try:
        config = configure(args)
    except (ConfigError, OSError, ValueError) as error:
        print(f'iot-box: {error}', file=sys.stderr)
        return 2
    from .box import Box
    if args.unpair:
        Box(config, announce=lambda text: None).pairing.unpair()
        print('iot-box: unpaired')
        return 0
    simulation = None
    if args.simulate:
        from .simulation import Simulation
        simulation = Simulation()
        config.devices = simulation.devices()
    import uvicorn
    from .app import create_app
    box = Box(config)
    app = create_app(box, simulation)
    try:
        uvicorn.run(app, host=config.host, port=config.port,
            log_config=None, access_log=True)
    finally:
        if simulation is not None:
            simulation.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
