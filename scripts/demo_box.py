#!/usr/bin/env python3
# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Connect the demo database to the simulated device box (make demo).

Makes sure the box record exists at --url, pairs it when the box says it
is unpaired (with the code the box printed in --log, as an administrator
reads it off the box's console), reads its devices and sets up two desks:
reception (the encoder, and the reader for check-in) and the cashier's
(the reader and the printer; the demo has one reader for both).
Run on every start of the demo: it only does what is missing.
"""
import argparse
import re
import sys
import time
from pathlib import Path

from proteus import Model, Wizard
from proteus import config as pconfig

from iot_box.client import BoxClient, BoxError

CODE_RE = re.compile(r'pairing code (\d{4}-\d{4})')
DESKS = [
    ("前台", {'encoder': 'encoder', 'reader': 'reader'},
        ['reception', 'reception2', 'member_admin', 'center_manager']),
    ("收银台", {'reader': 'reader', 'printer': 'printer'},
        ['cashier', 'cashier2']),
    ]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('-c', '--config', dest='config_file')
    parser.add_argument('-d', '--database', required=True)
    parser.add_argument('--url', required=True)
    parser.add_argument('--log', required=True, type=Path)
    return parser.parse_args()


def wait_status(client, seconds=20):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return client.status()
        except BoxError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def pairing_code(log):
    codes = CODE_RE.findall(log.read_text(errors='replace'))
    if not codes:
        raise SystemExit(f"demo_box: no pairing code in {log}")
    return codes[-1]


def main():
    args = parse_args()
    pconfig.set_trytond(args.database, config_file=args.config_file)
    status = wait_status(BoxClient(args.url))
    Box = Model.get('iot.box')
    boxes = Box.find([('url', '=', args.url)])
    box = boxes[0] if boxes else Box(name="演示设备盒", url=args.url)
    box.save()
    if not status['paired'] or box.state != 'paired':
        if box.state == 'paired':
            box.click('unpair')
        pair = Wizard('iot.box.pair', [box])
        pair.form.code = pairing_code(args.log)
        pair.execute('pair')
        box.reload()
    box.click('refresh')
    box.reload()
    devices = {d.name: d for d in box.devices}
    Desk = Model.get('iot.desk')
    User = Model.get('res.user')
    for name, kinds, logins in DESKS:
        if Desk.find([('name', '=', name)]):
            continue
        desk = Desk(name=name, box=box)
        for kind, device in kinds.items():
            setattr(desk, kind, devices[device])
        desk.users.extend(User.find([('login', 'in', logins)]))
        desk.save()
    print(f"demo_box: box {box.name} paired, desks ready", file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
