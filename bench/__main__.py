"""Swipe-debit throughput and latency through JSON-RPC, with pgbench on the
same PostgreSQL as the reference, side by side in one run.

    .venv/bin/python -m bench [--members 100000] [--lines 10]
        [--clients 1,4,16] [--duration 20] [--workers 2*cpus+1]

A demo center is created on the PostgreSQL of TRYTOND_DATABASE_URI
(default 127.0.0.1:5432) and served as in production, by --workers trytond
processes behind gunicorn (tests/server.py); members
single households with one active card and --lines top-up lines each are
bulk-loaded; then for each client count, that many cashier desks debit one
checkup item from random cards for --duration seconds (after a warm-up),
each through model.member.account.debit.post_swipe, the path of the
cashier's wizard. pgbench (TPC-B like, scale 10) runs with the same client
counts on its own database of the same server. Prints a table and writes
test-output/bench.json.
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import threading
import time
import uuid
from pathlib import Path

import psycopg

from tests.rpc import RPCError, Session
from tests.server import DEFAULT_URI, REPO, running_server

from .load import bulk_load

OUTPUT = REPO / 'test-output'


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--members', type=int, default=100_000)
    parser.add_argument('--lines', type=int, default=10,
        help='ledger lines per member loaded')
    parser.add_argument('--clients', default='1,4,16')
    parser.add_argument('--duration', type=int, default=20)
    parser.add_argument('--warmup', type=int, default=3)
    parser.add_argument('--workers', type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help='trytond processes behind gunicorn, as in production '
        '(0: trytond\'s own one-process server)')
    return parser.parse_args()


def debit_run(server, swipes, clients, duration, warmup):
    "tps and latencies (ms) of swipe debits by clients desks at once"
    sessions = [Session.login(server.url, server.database,
            ('cashier', 'cashier2')[n % 2], 'member-demo')
        for n in range(clients)]
    start = time.monotonic()
    measure_from = start + warmup
    deadline = measure_from + duration
    latencies, errors = [], []
    lock = threading.Lock()

    def desk(session, seed):
        rng = random.Random(seed)
        mine = []
        while True:
            now = time.monotonic()
            if now >= deadline:
                break
            swipe = rng.choice(swipes)
            try:
                session.call('model.member.account.debit.post_swipe', swipe,
                    [{'product': 'BLOOD', 'quantity': 1}], uuid.uuid4().hex)
            except RPCError as e:
                with lock:
                    errors.append(e.message)
                continue
            done = time.monotonic()
            if now >= measure_from and done <= deadline:
                mine.append((done - now) * 1000)
        with lock:
            latencies.extend(mine)
    threads = [threading.Thread(target=desk, args=(s, n))
        for n, s in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        'tps': len(latencies) / duration,
        'p50': percentile(latencies, 50),
        'p99': percentile(latencies, 99),
        'count': len(latencies),
        'errors': len(errors),
        'first_error': errors[0] if errors else None,
        }


def percentile(values, p):
    if not values:
        return None
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def pgbench(uri, clients, duration):
    "pgbench TPC-B like on its own database: tps and mean latency (ms)"
    binary = shutil.which('pgbench') or next(iter(sorted(
                Path('/usr/lib/postgresql').glob('*/bin/pgbench'))), None)
    if not binary:
        raise SystemExit('pgbench not found (Debian: postgresql-contrib or '
            'postgresql-client)')
    info = psycopg.conninfo.conninfo_to_dict(uri)
    args = [str(binary), '-h', info.get('host', '127.0.0.1'),
        '-p', str(info.get('port', 5432)), '-U', info.get('user', 'postgres')]
    database = f'bench_pgbench_{os.getpid()}'
    with psycopg.connect(uri, dbname='postgres', autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
        conn.execute(f'CREATE DATABASE "{database}"')
    try:
        subprocess.run(args + ['-i', '-q', '-s', '10', database], check=True,
            capture_output=True)
        results = {}
        for count in clients:
            out = subprocess.run(args + ['-n', '-c', str(count), '-j',
                    str(min(count, os.cpu_count() or 1)), '-T', str(duration),
                    database], check=True, capture_output=True, text=True)
            tps = float(re.search(r'tps = ([\d.]+)', out.stdout).group(1))
            latency = float(re.search(r'latency average = ([\d.]+)',
                    out.stdout).group(1))
            results[count] = {'tps': tps, 'latency': latency}
        return results
    finally:
        with psycopg.connect(uri, dbname='postgres', autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}"')


def main():
    args = parse_args()
    clients = [int(c) for c in args.clients.split(',')]
    uri = os.environ.get('TRYTOND_DATABASE_URI') or DEFAULT_URI
    os.environ['TRYTOND_DATABASE_URI'] = uri
    print(f'== demo center on {uri}, {args.workers or "no"} workers',
        flush=True)
    with running_server(demo=True, verbose=False,
            workers=args.workers) as server:
        with psycopg.connect(uri, dbname=server.database) as conn:
            secret, = conn.execute('SELECT track_secret FROM '
                'member_configuration LIMIT 1').fetchone()
        print(f'== loading {args.members} members, '
            f'{args.members * args.lines} ledger lines', flush=True)
        started = time.monotonic()
        swipes = bulk_load(uri, server.database, args.members, args.lines,
            secret.encode('utf-8'))
        print(f'   loaded in {time.monotonic() - started:.0f} s', flush=True)
        admin = Session.login(server.url, server.database, 'admin',
            'admin-demo')
        for login in ('cashier', 'cashier2'):
            session = Session.login(server.url, server.database, login,
                'member-demo')
            if not session.call('model.member.cashier.shift.search',
                    [('state', '=', 'open'), ('user', '=', session.user_id)],
                    0, None, None):
                session.call('model.member.cashier.shift.create', [{}])
        lines = admin.call('model.member.account.line.search_count', [])
        print(f'   ledger lines in the database: {lines}', flush=True)
        debits = {}
        for count in clients:
            print(f'== swipe debits, {count} desk(s)', flush=True)
            debits[count] = debit_run(server, swipes, count, args.duration,
                args.warmup)
    print('== pgbench', flush=True)
    reference = pgbench(uri, clients, args.duration)
    rows = []
    print()
    print(f'{"desks":>5} {"debit tps":>10} {"p50 ms":>8} {"p99 ms":>8} '
        f'{"errors":>6} {"pgbench tps":>12} {"ratio":>7}')
    for count in clients:
        d, r = debits[count], reference[count]
        ratio = d['tps'] / r['tps'] if r['tps'] else 0
        rows.append({'clients': count, 'debit': d, 'pgbench': r,
                'ratio': ratio})
        print(f'{count:>5} {d["tps"]:>10.1f} {d["p50"] or 0:>8.1f} '
            f'{d["p99"] or 0:>8.1f} {d["errors"]:>6} {r["tps"]:>12.1f} '
            f'{ratio:>7.3f}')
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / 'bench.json').write_text(json.dumps({
                'members': args.members, 'ledger_lines': lines,
                'duration': args.duration, 'rows': rows,
                'workers': args.workers,
                'cpus': os.cpu_count()}, indent=2, default=str))
    print(f'\nwritten to {OUTPUT / "bench.json"}')


if __name__ == '__main__':
    main()
