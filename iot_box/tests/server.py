"""A box with simulated devices served by uvicorn in a thread, for the
HTTP tests; and a token maker standing in for Tryton's side."""
import json
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid

import uvicorn

from iot_box import token as tokens
from iot_box.app import create_app
from iot_box.box import Box
from iot_box.config import Config
from iot_box.simulation import Simulation

ORIGIN = 'http://tryton.test:8000'


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class BoxServer:
    "The box in simulation mode on a free port (a context manager)"

    def __init__(self, state=None):
        self.state = state or tempfile.mkdtemp(prefix='iot-box-')
        self.codes = []

    def __enter__(self):
        self.simulation = Simulation()
        config = Config(port=free_port(), origins=[ORIGIN], state=self.state,
            devices=self.simulation.devices())
        self.box = Box(config, announce=self.codes.append)
        self.url = f'http://127.0.0.1:{config.port}'
        self.server = uvicorn.Server(uvicorn.Config(
                create_app(self.box, self.simulation), host='127.0.0.1',
                port=config.port, log_config=None, lifespan='on'))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError('the box did not start')
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.simulation.stop()

    @property
    def code(self):
        "The pairing code the box showed last"
        return self.codes[-1].split('code ')[1].split(' ')[0]

    def call(self, method, path, body=None, token=None, headers=None):
        "(status, JSON answer, headers)"
        request = urllib.request.Request(self.url + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={**({'Authorization': f'Bearer {token}'} if token
                    else {}), **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=40) as response:
                return (response.status, json.loads(response.read()),
                    response.headers)
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read()), error.headers

    def pair(self):
        status, answer, _ = self.call('POST', '/v1/pair', {'code': self.code})
        assert status == 200, answer
        self.box_id, self.secret = answer['box'], bytes.fromhex(
            answer['secret'])
        return answer

    def token(self, actions, devices=('*',), lifetime=60, **claims):
        return tokens.sign(self.secret, {'box': self.box_id, 'sub': 'test',
                'act': list(actions), 'dev': list(devices),
                'exp': time.time() + lifetime, **claims})

    def job(self, action, device, payload, token=None, action_id=None):
        token = token or self.token([action], [device])
        return self.call('POST', '/v1/jobs', {
                'action_id': action_id or uuid.uuid4().hex, 'action': action,
                'device': device, 'payload': payload}, token)

    def finished(self, job, token=None):
        token = token or self.token([job['kind']], [job['device']])
        status, answer, _ = self.call('GET',
            f"/v1/jobs/{job['id']}?wait=20", token=token)
        assert status == 200, answer
        return answer
