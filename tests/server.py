"""Start a real trytond on PostgreSQL for the cross-module tests.

    from .server import running_server

    def setUpModule():
        global server
        server = start_module_server(demo=True)

    # or: with running_server(modules=('party',), demo=False) as server: ...

The server gets a fresh database ``suite_<pid>_<n>`` (``<pid>`` is
$SUITE_DB_PREFIX when run_tests.py sets it) on the PostgreSQL of
TRYTOND_DATABASE_URI (set by scripts/run_tests.py; default
postgresql://postgres@127.0.0.1:5432/), activated with trytond-admin (admin
password 'admin-demo', zh_CN loaded), filled by scripts/demo_data.py when
demo is true, and served with sao (.sao/package) on a free 127.0.0.1 port.
On exit the server is stopped and the database dropped. Everything the
commands print goes to test-output/server-<database>.log.
"""
import configparser
import contextlib
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / 'test-output'
DEFAULT_URI = 'postgresql://postgres@127.0.0.1:5432/'
ADMIN_PASSWORD = 'admin-demo'
DEMO_PASSWORD = 'member-demo'  # every demo user but admin
ADMIN_TIMEOUT = int(os.environ.get('SUITE_ADMIN_TIMEOUT', 1200))
DEMO_TIMEOUT = int(os.environ.get('SUITE_DEMO_TIMEOUT', 1200))
START_TIMEOUT = int(os.environ.get('SUITE_START_TIMEOUT', 120))

_counter = itertools.count(1)
# every module of addons/: the suite tests the whole product
MODULES = tuple(sorted(p.parent.name
        for p in (REPO / 'addons').glob('*/tryton.cfg')))


class ServerError(RuntimeError):
    pass


class Server:
    def __init__(self, database, port, uri, config, log):
        self.database = database
        self.port = port
        self.uri = uri
        self.config = config
        self.log = log
        self.url = f'http://127.0.0.1:{port}/'
        self.rpc_url = f'{self.url}{database}/rpc/'
        self.process = None
        self.command = None
        self.env = None

    def start(self):
        "Start trytond (again) and wait until it answers"
        with open(self.log, 'a', encoding='utf-8') as log:
            log.write(f'\n== trytond on {self.url}\n')
            log.flush()
            self.process = subprocess.Popen(self.command, env=self.env,
                cwd=REPO, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)
        _wait_ready(self, START_TIMEOUT)

    def kill(self):
        "Kill trytond at once (SIGKILL): open transactions die unfinished"
        with open(self.log, 'a', encoding='utf-8') as log:
            log.write('\n== killed with SIGKILL\n')
        _signal_group(self.process, signal.SIGKILL)
        self.process.wait(timeout=30)

    def log_tail(self, lines=60):
        try:
            text = self.log.read_text(errors='replace')
        except OSError:
            return ''
        return '\n'.join(text.splitlines()[-lines:])


def _bin(name):
    path = Path(sys.executable).parent / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if not found:
        raise ServerError(f'{name} not found next to {sys.executable} '
            'nor on PATH (run `make venv`)')
    return found


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _admin_connection(uri):
    return psycopg.connect(uri, dbname='postgres', autocommit=True,
        connect_timeout=10)


def create_database(uri, name):
    with _admin_connection(uri) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 '
            "ENCODING 'unicode'")


def database_exists(uri, name):
    with _admin_connection(uri) as conn:
        return bool(conn.execute('SELECT 1 FROM pg_database '
                'WHERE datname = %s', (name,)).fetchone())


def drop_database(uri, name):
    with _admin_connection(uri) as conn:
        conn.execute('SELECT pg_terminate_backend(pid) '
            'FROM pg_stat_activity WHERE datname = %s', (name,))
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def write_config(path, uri, port):
    "The root trytond.conf with the database and web settings replaced"
    config = configparser.ConfigParser(interpolation=None)
    config.read(REPO / 'trytond.conf', encoding='utf-8')
    for section in ('database', 'web'):
        if not config.has_section(section):
            config.add_section(section)
    config.set('database', 'uri', uri)
    # sao types the database name: listing every database of a shared
    # server (other runs creating and dropping theirs) can stall
    config.set('database', 'list', 'False')
    config.remove_option('database', 'path')
    config.set('web', 'listen', f'127.0.0.1:{port}')
    config.set('web', 'root', str(REPO / '.sao' / 'package'))
    with open(path, 'w', encoding='utf-8') as f:
        config.write(f)


def _run(server, step, cmd, env, timeout):
    with open(server.log, 'a', encoding='utf-8') as log:
        log.write(f'\n== {step}: {" ".join(cmd)}\n')
        log.flush()
        try:
            process = subprocess.run(cmd, env=env, cwd=REPO, timeout=timeout,
                stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT)
        except subprocess.TimeoutExpired:
            raise ServerError(f'{step} timed out after {timeout} s; '
                f'last lines of {server.log}:\n{server.log_tail()}')
    if process.returncode:
        raise ServerError(f'{step} failed (exit {process.returncode}); '
            f'last lines of {server.log}:\n{server.log_tail()}')


def _wait_ready(server, timeout):
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(server.rpc_url, method='POST',
        data=b'{"id": 0, "method": "system.listMethods", "params": []}',
        headers={'Content-Type': 'application/json'})
    while True:
        if server.process.poll() is not None:
            raise ServerError(
                f'trytond exited with {server.process.returncode} while '
                f'starting; last lines of {server.log}:\n{server.log_tail()}')
        try:
            with urllib.request.urlopen(request, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise ServerError(f'trytond did not answer on {server.rpc_url} '
                f'within {timeout} s; last lines of {server.log}:\n'
                f'{server.log_tail()}')
        time.sleep(0.3)


def _signal_group(process, signum):
    "Signal the server and its workers (its own process group)"
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass


def _stop(process):
    if process is None or process.poll() is not None:
        return
    _signal_group(process, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        _signal_group(process, signal.SIGKILL)
        process.wait(timeout=15)


def server_command(config, database, port, workers, verbose):
    """trytond's own server (one process, threads), or with workers that
    many trytond processes behind gunicorn, as production runs it"""
    if not workers:
        return [_bin('trytond'), '-c', str(config), '-d', database] + (
            ['-v'] if verbose else [])
    return [_bin('gunicorn'), '--workers', str(workers),
        '--bind', f'127.0.0.1:{port}', '--access-logfile',
        '-' if verbose else '/dev/null', 'trytond.application:app']


@contextlib.contextmanager
def running_server(modules=MODULES, demo=True, verbose=True, workers=None):
    """A trytond on a new database; with $SUITE_DATABASE (a developer's
    loop, never CI) on that database, built the first time and kept"""
    uri = os.environ.get('TRYTOND_DATABASE_URI') or DEFAULT_URI
    if not uri.startswith('postgresql'):
        raise ServerError(f'TRYTOND_DATABASE_URI={uri!r}: the cross-module '
            'tests need PostgreSQL')
    prefix = os.environ.get('SUITE_DB_PREFIX') or f'suite_{os.getpid()}'
    reuse = os.environ.get('SUITE_DATABASE') if demo else None
    database = reuse or f'{prefix}_{next(_counter)}'
    keep = bool(reuse)
    if reuse and not database_exists(uri, reuse):
        reuse = None
    OUTPUT.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f'{database}-'))
    server = Server(database, _free_port(), uri, tmp / 'trytond.conf',
        OUTPUT / f'server-{database}.log')
    server.log.write_text('')
    write_config(server.config, uri, server.port)
    passfile = tmp / 'password'
    passfile.write_text(ADMIN_PASSWORD + '\n')
    env = os.environ.copy()
    env['TRYTONPASSFILE'] = str(passfile)
    # the demo loader (proteus) reads the database from the environment
    env['TRYTOND_DATABASE_URI'] = env['TRYTOND_DATABASE__URI'] = uri
    env['PYTHONUNBUFFERED'] = '1'
    config = ['-c', str(server.config), '-d', database]
    created = False
    try:
        if reuse:
            _run(server, 'trytond-admin', [_bin('trytond-admin'), *config,
                    '-u', *modules], env, ADMIN_TIMEOUT)
        else:
            create_database(uri, database)
            created = not keep
            _run(server, 'trytond-admin', [_bin('trytond-admin'), *config,
                    '--all', '-u', *modules, '--activate-dependencies',
                    '-l', 'zh_CN', '--email', 'admin@example.com'],
                env, ADMIN_TIMEOUT)
        if demo and not reuse:
            _run(server, 'demo data', [sys.executable,
                    str(REPO / 'scripts' / 'demo_data.py'), *config],
                env, DEMO_TIMEOUT)
        server.command = server_command(server.config, database,
            server.port, workers, verbose)
        server.env = {**env, 'TRYTOND_CONFIG': str(server.config),
            'TRYTOND_DATABASE_NAMES': database}
        server.start()
        try:
            yield server
        except BaseException:
            sys.stderr.write(f'\n-- last lines of {server.log}:\n'
                f'{server.log_tail(30)}\n')
            raise
    finally:
        _stop(server.process)
        if created:
            try:
                drop_database(uri, database)
            except psycopg.Error as e:
                sys.stderr.write(f'could not drop {database}: {e}\n')
        shutil.rmtree(tmp, ignore_errors=True)


def start_module_server(**kwargs):
    "For setUpModule: start a server that is stopped after the module"
    manager = running_server(**kwargs)
    server = manager.__enter__()
    unittest.addModuleCleanup(manager.__exit__, None, None, None)
    return server


def card_stripe(server, card_id):
    """What the card's magnetic stripe holds, as a reader sends it (track 2).
    No desk may read the payload: the test plays the plastic card and reads
    what the encoder wrote from the database itself"""
    with psycopg.connect(server.uri, dbname=server.database,
            connect_timeout=10) as conn:
        payload, = conn.execute(
            'SELECT track_payload FROM member_card WHERE id = %s',
            (card_id,)).fetchone()
    return f';{payload}?'


_shared = {}


def shared_demo_server():
    """The demo center served once per test process: the cross-module tests
    that only read it, or add records of their own, share it"""
    if 'server' not in _shared:
        import atexit
        manager = running_server(modules=MODULES, demo=True)
        _shared['server'] = manager.__enter__()
        atexit.register(manager.__exit__, None, None, None)
    return _shared['server']


def demo_session(login):
    """A JSON-RPC session of the demo user login on the shared demo server,
    opened once per test process"""
    from .rpc import Session
    key = ('session', login)
    if key not in _shared:
        server = shared_demo_server()
        password = ADMIN_PASSWORD if login == 'admin' else DEMO_PASSWORD
        _shared[key] = Session.login(
            server.url, server.database, login, password)
    return _shared[key]
