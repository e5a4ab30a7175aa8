"""The long bank test (tests/bank.py) against a fresh demo center.

    .venv/bin/python -m bench.bank [--desks 16] [--duration 300]
        [--kill-after 100] [--server-workers 2*cpus+1]

The server runs as in production: trytond processes behind gunicorn, so
the desks' postings really run in parallel (0: trytond's own server).

Prints what the desks did and every inconsistency found; exits 1 when
there is one."""
import argparse
import os
import sys

from tests.bank import Bank
from tests.server import DEFAULT_URI, running_server


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--desks', type=int, default=16)
    parser.add_argument('--duration', type=int, default=300)
    parser.add_argument('--households', type=int, default=6)
    parser.add_argument('--kill-after', type=float, default=None,
        help='kill trytond (SIGKILL) after so many seconds and restart it')
    parser.add_argument('--server-workers', type=int,
        default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()
    os.environ.setdefault('TRYTOND_DATABASE_URI', DEFAULT_URI)
    with running_server(demo=True, verbose=False,
            workers=args.server_workers) as server:
        bank = Bank(server, workers=args.desks, duration=args.duration,
            households=args.households, kill_after=args.kill_after).run()
        problems = bank.check()
    print(bank.summary())
    for problem in problems:
        print(f'!! {problem}')
    print(f'{len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
