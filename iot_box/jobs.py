"""Jobs (write a card, print a receipt) with the client's action id.

The client names each action with an id of its own; a request sent again
with the same id (a retry after a lost answer, a double click) gets the job
already made and never runs it twice, even across a restart of the box: the
ids are journaled in the state folder. The same id with another request is
refused. A device runs one job at a time; each change of a job's state is
an event."""
import asyncio
import hashlib
import json
import threading
import time
import uuid
from pathlib import Path

FINISHED = {'done', 'failed', 'interrupted'}
JOURNAL_KEEP = 10000


class JobConflict(Exception):
    "The action id was used for another request"


class JobFailed(Exception):
    "Raised by a runner: code and message go into the job"

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def fingerprint(kind, device, payload):
    data = json.dumps([kind, device, payload], sort_keys=True)
    return hashlib.sha256(data.encode('utf-8')).hexdigest()


class Job:
    def __init__(self, action_id, kind, device, digest, job_id=None,
            state='queued', error=None, result=None):
        self.id = job_id or uuid.uuid4().hex
        self.action_id = action_id
        self.kind = kind
        self.device = device
        self.digest = digest
        self.state = state
        self.error = error
        self.result = result
        self.finished = threading.Event()
        if state in FINISHED:
            self.finished.set()

    def as_dict(self):
        return {'id': self.id, 'action_id': self.action_id,
            'kind': self.kind, 'device': self.device, 'state': self.state,
            'error': self.error, 'result': self.result}

    def journal(self):
        return {**self.as_dict(), 'digest': self.digest, 'result': None}


class JobBook:
    "The jobs of the box, by id and by action id"

    def __init__(self, events, state_dir=None):
        self.events = events
        self._jobs, self._actions = {}, {}
        self._device_locks = {}
        self._lock = threading.Lock()
        self.path = Path(state_dir) / 'jobs.jsonl' if state_dir else None
        self._load()

    def _load(self):
        if not self.path or not self.path.exists():
            return
        records = {}
        for line in self.path.read_text().splitlines()[-JOURNAL_KEEP:]:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line cut by a crash
            records[record['action_id']] = record
        for record in records.values():
            state = record['state']
            if state not in FINISHED:
                # it may have printed or written: never run it again
                state = 'interrupted'
            job = Job(record['action_id'], record['kind'], record['device'],
                record['digest'], job_id=record['id'], state=state,
                error=record.get('error') or (
                    {'code': 'interrupted',
                        'message': "the box stopped during this job"}
                    if state == 'interrupted' else None))
            self._jobs[job.id] = job
            self._actions[job.action_id] = job

    def _journal(self, job):
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open('a') as out:
                out.write(json.dumps(job.journal()) + '\n')

    def get(self, job_id):
        return self._jobs.get(job_id)

    def submit(self, action_id, kind, device, payload, runner):
        """(job, created): runner(payload) runs in a thread of its own,
        one at a time per device, unless action_id was seen before"""
        digest = fingerprint(kind, device, payload)
        with self._lock:
            job = self._actions.get(action_id)
            if job is not None:
                if job.digest != digest:
                    raise JobConflict(action_id)
                return job, False
            job = Job(action_id, kind, device, digest)
            self._jobs[job.id] = job
            self._actions[action_id] = job
            lock = self._device_locks.setdefault(device, threading.Lock())
            self._journal(job)
        self._event(job)
        threading.Thread(target=self._run, args=(job, lock, runner, payload),
            daemon=True).start()
        return job, True

    def _event(self, job):
        self.events.emit('job', device=job.device, job=job.id,
            action_id=job.action_id, state=job.state, error=job.error)

    def _set(self, job, state, error=None, result=None):
        with self._lock:
            job.state, job.error, job.result = state, error, result
            self._journal(job)
        self._event(job)
        if state in FINISHED:
            job.finished.set()

    def _run(self, job, lock, runner, payload):
        with lock:
            self._set(job, 'running')
            try:
                result = runner(payload)
            except JobFailed as failure:
                self._set(job, 'failed',
                    error={'code': failure.code, 'message': str(failure)})
            except Exception as error:  # a device gone, a driver bug
                self._set(job, 'failed', error={'code': 'device',
                        'message': type(error).__name__})
            else:
                self._set(job, 'done', result=result)

    async def wait(self, job, timeout):
        "Wait up to timeout seconds for job to finish"
        deadline = time.monotonic() + min(max(timeout, 0), 30.0)
        while not job.finished.is_set() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return job
