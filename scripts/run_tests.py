#!/usr/bin/env python3
"""The single test entry point of the membership suite (`make test`).

Phases, each in its own python process:
  devices     the device service iot_box/tests/test_* (simulated devices)
  sqlite      every trytond.modules.<m>.tests.test_* on SQLite in memory
  postgresql  the same on PostgreSQL
  suite       the cross-module tests tests/test_*.py (they start trytond)

PostgreSQL: $TRYTOND_DATABASE_URI if set, else postgresql://postgres@
127.0.0.1:5432/ if it answers, else a throwaway cluster in var/pgtest.
Without any, CI=true counts one failure; elsewhere the phases are skipped.

The last line printed is `N passed, N failed, N skipped`; the exit code is
non-zero when a test failed or errored, or when no test ran at all.

    scripts/run_tests.py [--phase sqlite|postgresql|suite]... [-k PATTERN]...
"""
import argparse
import fnmatch
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_PYTHON = REPO / '.venv' / 'bin' / 'python'
OUTPUT = REPO / 'test-output'
PHASES = ('devices', 'sqlite', 'postgresql', 'suite')
DEFAULT_PG = 'postgresql://postgres@127.0.0.1:5432/'
PHASE_TIMEOUT = int(os.environ.get('RUN_TESTS_PHASE_TIMEOUT', 40 * 60))
IN_CI = os.environ.get('CI', '').lower() in ('1', 'true', 'yes')
LOCK = threading.Lock()  # phases side by side print one at a time


def say(*args):
    print(*args, flush=True)


# ---------------------------------------------------------------- child --

class CountingResult(unittest.TextTestResult):
    "Records one outcome per test: failed beats skipped beats passed"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = {}

    def _set(self, test, outcome):
        if self.outcomes.get(test.id()) != 'failed':
            self.outcomes[test.id()] = outcome

    def addSuccess(self, test):
        super().addSuccess(test)
        self.outcomes.setdefault(test.id(), 'passed')

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._set(test, 'failed')

    def addError(self, test, err):
        super().addError(test, err)
        self._set(test, 'failed')

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._set(test, 'skipped')

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._set(test, 'passed')

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._set(test, 'failed')

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._set(test, 'failed')

    def counts(self):
        values = list(self.outcomes.values())
        return {k: values.count(k) for k in ('passed', 'failed', 'skipped')}


def _flatten(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from _flatten(test)
        else:
            yield test


def _selected(test, patterns):
    if not patterns or 'unittest.loader._Failed' in test.id():
        return True
    return any(fnmatch.fnmatchcase(test.id(), p) for p in patterns)


def child(phase, names, patterns, verbosity):
    "Runs in the phase's process: load the tests by name and run them"
    if phase in ('suite', 'devices'):
        sys.path.insert(0, str(REPO))
    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    for name in names:
        try:
            loaded = loader.loadTestsFromName(name)
        except Exception as e:  # a module that does not even import
            loaded = unittest.TestSuite([
                    loader._make_failed_test(name, e, loader.suiteClass,
                        f'Failed to load {name}: {e!r}')])
        suite.addTests(loaded)
    patterns = [p if '*' in p else f'*{p}*' for p in patterns]
    suite = unittest.TestSuite(
        t for t in _flatten(suite) if _selected(t, patterns))
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=verbosity,
        resultclass=CountingResult)
    result = runner.run(suite)
    with open(os.environ['RUN_TESTS_RESULT'], 'w') as f:
        json.dump(result.counts(), f)
    return 0


# --------------------------------------------------------------- parent --

def modules():
    with open(REPO / 'pyproject.toml', 'rb') as f:
        project = tomllib.load(f)
    entry_points = project.get('project', {}).get('entry-points', {})
    return sorted(entry_points.get('trytond.modules', {}))


def addons():
    return sorted(p.name for p in (REPO / 'addons').iterdir()
        if p.is_dir() and not p.name.startswith(('.', '_')))


def module_test_names():
    names = []
    for module in modules():
        for path in sorted((REPO / 'addons' / module / 'tests').glob(
                    'test_*.py')):
            names.append(f'trytond.modules.{module}.tests.{path.stem}')
    return names


def device_test_names():
    return [f'iot_box.tests.{p.stem}' for p in sorted(
            (REPO / 'iot_box' / 'tests').glob('test_*.py'))]


def suite_test_names():
    return [f'tests.{p.stem}' for p in sorted((REPO / 'tests').glob(
                'test_*.py'))]


def sqlite_cache():
    """A cache folder per state of addons/ and of the installed trytond
    packages, so that a cached database is never older than the code"""
    from importlib.metadata import distributions
    digest = hashlib.sha1()
    for dist in sorted(distributions(), key=lambda d: d.metadata['Name']):
        name = dist.metadata['Name'] or ''
        if name.lower().startswith(('trytond', 'membership')):
            digest.update(f'{name}={dist.version}\n'.encode())
    for path in sorted((REPO / 'addons').rglob('*')):
        if path.is_file() and '__pycache__' not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    root = REPO / 'var' / 'test-cache' / 'sqlite'
    cache = root / digest.hexdigest()[:16]
    if root.is_dir():
        for old in root.iterdir():
            if old != cache:
                shutil.rmtree(old, ignore_errors=True)
    return cache


def run_phase(phase, names, env, patterns, verbosity, log=None):
    """Run the tests of a phase in a child process; returns the counts.
    With log (a path), what the child prints goes there and is printed
    whole once the phase ended, so that phases run side by side do not
    mix their lines"""
    header = f'\n== {phase}: {len(names)} test module(s)'
    if log is None:
        say(header)
    if not names:
        say(f'{header}\n   no test module for {phase}')
        return {'passed': 0, 'failed': 0, 'skipped': 0}
    fd, result_file = tempfile.mkstemp(prefix=f'run_tests-{phase}-')
    os.close(fd)
    cmd = [sys.executable, str(Path(__file__).resolve()), '--child', phase,
        '-v' * (verbosity - 1)] + [f'-k{p}' for p in patterns] + names
    cmd = [c for c in cmd if c]
    env = {**os.environ, **env, 'RUN_TESTS_RESULT': result_file,
        'PYTHONUNBUFFERED': '1'}
    output = open(log, 'w', encoding='utf-8') if log else None
    started = time.monotonic()
    process = subprocess.Popen(cmd, env=env, cwd=REPO,
        stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT
        if output else None, start_new_session=True)
    try:
        code = process.wait(timeout=PHASE_TIMEOUT)
    except subprocess.TimeoutExpired:
        say(f'!! {phase}: timed out after {PHASE_TIMEOUT} s, stopping it')
        code = None
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if output:
            output.close()
            with LOCK:
                say(header)
                say(Path(log).read_text(encoding='utf-8', errors='replace'))
                say(f'   {phase}: {time.monotonic() - started:.0f} s')
    try:
        with open(result_file) as f:
            counts = json.load(f)
    except ValueError:  # the child died before writing its result
        say(f'!! {phase}: the test process ended with {code} '
            'without a result')
        counts = {'passed': 0, 'failed': 1, 'skipped': 0}
    finally:
        os.unlink(result_file)
    return counts


class PostgreSQL:
    "The PostgreSQL server of the postgresql and suite phases"

    def __init__(self):
        self.uri = None
        self.cluster = None
        self.problem = None
        self.owned = []  # names and name prefixes of this run's databases

    @staticmethod
    def answers(uri):
        import psycopg
        try:
            with psycopg.connect(uri, dbname='postgres', connect_timeout=3):
                return True
        except psycopg.Error:
            return False

    def databases(self):
        import psycopg
        with psycopg.connect(self.uri, dbname='postgres',
                autocommit=True, connect_timeout=10) as conn:
            return {r[0] for r in conn.execute(
                    'SELECT datname FROM pg_database')}

    def drop(self, names, quiet=False):
        "Drop the databases named (and only those); returns the dropped"
        import psycopg
        dropped = []
        with psycopg.connect(self.uri, dbname='postgres',
                autocommit=True, connect_timeout=10) as conn:
            for name in sorted(names):
                try:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                    dropped.append(name)
                except psycopg.Error as e:  # in use by another run
                    if not quiet:
                        say(f'!! could not drop {name}: {e}')
        return dropped

    def start(self):
        uri = (os.environ.get('TRYTOND_DATABASE_URI')
            or os.environ.get('TRYTOND_DATABASE__URI') or '')
        if uri.startswith('postgresql'):
            if not self.answers(uri):
                self.problem = f'{uri} does not answer'
                return False
            self.uri = uri
        elif self.answers(DEFAULT_PG):
            self.uri = DEFAULT_PG
        else:
            try:
                self.uri = self.start_cluster()
            except Exception as e:
                self.problem = (f'{DEFAULT_PG} does not answer and no '
                    f'throwaway cluster could be started: {e}')
                return False
        say(f'   PostgreSQL: {self.uri}')
        # trytond's template caches (test-<40 hex>) of an earlier run may
        # be older than the code: never reuse them (one in use by another
        # run at this very moment is left alone)
        self.drop(self.caches(), quiet=True)
        return True

    def caches(self):
        return {d for d in self.databases()
            if d.startswith('test-') and len(d) == 45}

    def start_cluster(self):
        initdb = shutil.which('initdb') or next(iter(sorted(
                    Path('/usr/lib/postgresql').glob('*/bin/initdb'))), None)
        if not initdb:
            raise RuntimeError('initdb not found')
        bindir = Path(initdb).parent
        data = REPO / 'var' / 'pgtest'
        self.cluster = (bindir, data)
        self.stop_cluster()
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir(parents=True)
        prefix = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            shutil.chown(data, 'postgres', 'postgres')
            prefix = ['runuser', '-u', 'postgres', '--']
        with socket.socket() as sock:
            sock.bind(('127.0.0.1', 0))
            port = sock.getsockname()[1]
        say(f'   starting a throwaway PostgreSQL in {data} on port {port}')
        subprocess.run(prefix + [str(bindir / 'initdb'), '-D', str(data),
                '-U', 'postgres', '--auth=trust'],
            check=True, stdout=subprocess.DEVNULL, timeout=300)
        subprocess.run(prefix + [str(bindir / 'pg_ctl'), '-D', str(data),
                '-l', str(data / 'server.log'), '-w', '-o',
                f'-p {port} -k /tmp -c listen_addresses=127.0.0.1',
                'start'], check=True, stdout=subprocess.DEVNULL, timeout=120)
        return f'postgresql://postgres@127.0.0.1:{port}/'

    def stop_cluster(self):
        if not self.cluster:
            return
        bindir, data = self.cluster
        if (data / 'postmaster.pid').exists():
            prefix = (['runuser', '-u', 'postgres', '--']
                if os.geteuid() == 0 else [])
            subprocess.run(prefix + [str(bindir / 'pg_ctl'), '-D', str(data),
                    '-m', 'fast', '-w', 'stop'],
                stdout=subprocess.DEVNULL, timeout=120)

    def stop(self):
        if self.uri and not self.cluster:
            try:
                ours = {d for d in self.databases() if any(
                        d == o or d.startswith(o + '_') for o in self.owned)}
                dropped = self.drop(ours | self.caches(), quiet=True)
                if dropped:
                    say(f'   dropped test databases: {", ".join(dropped)}')
            except Exception as e:
                say(f'!! could not drop the test databases: {e}')
        if self.cluster:
            self.stop_cluster()
            shutil.rmtree(self.cluster[1], ignore_errors=True)


def phase_runs(phases, postgresql):
    "(phase, test names, environment) of each phase to run, in order"
    runs = []
    pg_env = {
        'TRYTOND_DATABASE_URI': postgresql.uri or '',
        'TRYTOND_DATABASE__URI': postgresql.uri or '',
        }
    for phase in PHASES:
        if phase not in phases:
            continue
        if phase == 'devices':
            runs.append((phase, device_test_names(), {}))
        elif phase == 'sqlite':
            runs.append((phase, module_test_names(), {
                        'TRYTOND_DATABASE_URI': 'sqlite://',
                        'TRYTOND_DATABASE__URI': 'sqlite://',
                        'DB_NAME': ':memory:',
                        'DB_CACHE': str(sqlite_cache()),
                        }))
        elif phase == 'postgresql':
            db_name = f'test_{int(time.time())}_{os.getpid()}'
            postgresql.owned.append(db_name)
            runs.append((phase, module_test_names(), {**pg_env,
                        'DB_NAME': db_name,
                        'DB_CACHE': 'postgresql://',
                        }))
        elif phase == 'suite':
            prefix = f'suite_{os.getpid()}'  # see tests/server.py
            postgresql.owned.append(prefix)
            runs.append((phase, suite_test_names(),
                    {**pg_env, 'SUITE_DB_PREFIX': prefix}))
    return runs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--phase', action='append', choices=PHASES,
        help='run only this phase (repeatable)')
    parser.add_argument('-k', action='append', default=[], dest='patterns',
        metavar='PATTERN', help='only tests whose id matches (repeatable)')
    parser.add_argument('-v', action='count', default=0, dest='verbose',
        help='list every test (verbosity 2)')
    parser.add_argument('--child', choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument('names', nargs='*', help=argparse.SUPPRESS)
    args = parser.parse_args()
    verbosity = 1 + min(args.verbose, 1)

    if args.child:
        return child(args.child, args.names, args.patterns, verbosity)

    phases = [p for p in PHASES if p in (args.phase or PHASES)]
    results = {}  # name -> counts

    mods, folders = modules(), addons()
    if mods != folders:
        say('!! layout: the trytond.modules entry points '
            f'{mods} differ from the addons/* folders {folders}')
        results['layout'] = {'passed': 0, 'failed': 1, 'skipped': 0}

    postgresql = PostgreSQL()
    pg_phases = [p for p in phases if p in ('postgresql', 'suite')]
    try:
        if pg_phases and not postgresql.start():
            say('')
            say('!' * 72)
            say(f'!! PostgreSQL unavailable: {postgresql.problem}')
            say(f'!! phases not run: {", ".join(pg_phases)}')
            say('!' * 72)
            if IN_CI:
                results['postgresql: unavailable'] = {
                    'passed': 0, 'failed': 1, 'skipped': 0}
            else:
                for phase in pg_phases:
                    results[phase] = {'passed': 0, 'failed': 0, 'skipped': 1}
            phases = [p for p in phases if p not in pg_phases]
        runs = phase_runs(phases, postgresql)
        # two lanes side by side on the two cores: the module tests on
        # PostgreSQL beside the rest (devices, SQLite, then the suite)
        lanes = [[r for r in runs if r[0] != 'postgresql'],
            [r for r in runs if r[0] == 'postgresql']]
        lanes = [lane for lane in lanes if lane]
        side_by_side = len(lanes) > 1
        OUTPUT.mkdir(exist_ok=True)

        def run_lane(lane):
            for phase, names, env in lane:
                log = OUTPUT / f'phase-{phase}.log' if side_by_side else None
                results[phase] = run_phase(phase, names, env, args.patterns,
                    verbosity, log=log)
        threads = [threading.Thread(target=run_lane, args=(lane,))
            for lane in lanes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        postgresql.stop()

    total = {'passed': 0, 'failed': 0, 'skipped': 0}
    say('\n== summary')
    for name, counts in results.items():
        say(f'   {name:<24} {counts["passed"]} passed, '
            f'{counts["failed"]} failed, {counts["skipped"]} skipped')
        for key in total:
            total[key] += counts[key]
    if not total['passed'] and not total['failed']:
        say('!! ran no test')
        total['failed'] += 1
    say(f'{total["passed"]} passed, {total["failed"]} failed, '
        f'{total["skipped"]} skipped')
    return 1 if total['failed'] else 0


if __name__ == '__main__':
    # the project's venv has trytond; `python scripts/run_tests.py` from
    # any python uses it
    if (VENV_PYTHON.exists() and Path(sys.prefix).resolve()
            != VENV_PYTHON.parent.parent.resolve()):
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])
    sys.exit(main())
