"""The box's HTTP API, version 1: JSON over HTTP (Starlette on uvicorn).

    GET  /v1/status                      no token: version, pairing, devices
    POST /v1/pair        {code, server}  the one-time code -> box id, secret
    GET  /v1/devices                     token: status
    POST /v1/jobs        {action_id, action, device, payload}
                                         token: the action on the device;
                                         201 new job, 200 the job already made
                                         for action_id, 409 id reused
    GET  /v1/jobs/{id}?wait=S            token: the job's action; waits up to
                                         S seconds for it to finish
    POST /v1/jobs/{id}/cancel
    GET  /v1/events?cursor=N&timeout=S[&recent=S][&kind=K]
                                         token: swipe or status; the events
                                         after cursor, long-polled

Errors are {"error": {"code", "message"}} with a fitting status. CORS lets
the configured Tryton origins only. In simulation mode /v1/simulator/...
and the page /simulator drive the simulated devices."""
import contextlib

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route

from . import token as tokens
from .box import DeviceError
from .events import KINDS
from .httputil import Problem, number, problem, read_body
from .jobs import JobConflict
from .pairing import PairingError

EXPIRED = {'expired'}


class API:
    def __init__(self, box):
        self.box = box

    def authorize(self, request, action, device=None):
        "The token's claims if it allows action on device"
        pairing = self.box.pairing
        if not pairing.paired:
            raise Problem(409, 'unpaired', "the box is not paired yet")
        scheme, _, token = request.headers.get(
            'authorization', '').partition(' ')
        if scheme.lower() != 'bearer' or not token:
            raise Problem(401, 'token_missing', "a token is needed")
        try:
            return tokens.verify(pairing.secret, token.strip(), pairing.box,
                action, device)
        except tokens.TokenError as error:
            raise Problem(401 if error.code in EXPIRED else 403,
                'token_' + error.code, str(error))

    async def status(self, request):
        return JSONResponse(self.box.status())

    async def pair(self, request):
        data = await read_body(request)
        try:
            box, secret = self.box.pairing.pair(str(data.get('code', '')),
                data.get('server'))
        except PairingError as error:
            raise Problem(409 if error.code == 'paired' else 403,
                'pairing_' + error.code, str(error))
        return JSONResponse({'box': box, 'secret': secret})

    async def devices(self, request):
        self.authorize(request, 'status')
        return JSONResponse({'devices': [d.as_dict()
                    for d in self.box.devices.values()]})

    async def submit(self, request):
        data = await read_body(request)
        action_id, action = data.get('action_id'), data.get('action')
        device, payload = data.get('device'), data.get('payload') or {}
        if not (isinstance(action_id, str) and 8 <= len(action_id) <= 100):
            raise Problem(422, 'action_id',
                "action_id: a string of 8 to 100 characters")
        if not isinstance(payload, dict):
            raise Problem(422, 'payload', "payload: a JSON object")
        self.authorize(request, action, device)
        try:
            job, created = self.box.submit(action_id, action, device,
                payload)
        except DeviceError as error:
            raise Problem(404 if error.code == 'unknown_device' else 422,
                error.code, str(error))
        except JobConflict:
            raise Problem(409, 'action_reused',
                "this action id was used for another request")
        return JSONResponse(job.as_dict(), status_code=201 if created else 200)

    def _job(self, request):
        job = self.box.jobs.get(request.path_params['job'])
        if job is None:
            raise Problem(404, 'unknown_job', "no such job")
        self.authorize(request, job.kind, job.device)
        return job

    async def job(self, request):
        job = self._job(request)
        wait = number(request, 'wait', 0)
        if wait:
            await self.box.jobs.wait(job, wait)
        return JSONResponse(job.as_dict())

    async def cancel(self, request):
        job = self._job(request)
        if job.state in ('queued', 'running'):
            self.box.devices[job.device].cancel()
        return JSONResponse(job.as_dict())

    async def events(self, request):
        try:
            claims = self.authorize(request, 'swipe')
        except Problem:
            claims = self.authorize(request, 'status')
        cursor = int(number(request, 'cursor', 0))
        timeout = number(request, 'timeout', 0)
        recent = request.query_params.get('recent')
        kinds = set(request.query_params.getlist('kind')) or None
        allowed = claims.get('dev') or []
        if '*' in allowed:
            devices = None
        else:
            devices = set(allowed)
        if 'swipe' not in claims.get('act', []):
            kinds = (kinds or KINDS) - {'card_swiped'}
        events, lost = await self.box.events.wait(cursor, timeout,
            kinds=kinds, devices=devices,
            recent=float(recent) if recent else None)
        last = max([cursor] + [e['id'] for e in events])
        if lost:
            last = self.box.events.cursor
        return JSONResponse({'boot': self.box.events.boot, 'cursor': last,
                'lost': lost, 'events': events})

    def routes(self):
        return [
            Route('/v1/status', self.status),
            Route('/v1/pair', self.pair, methods=['POST']),
            Route('/v1/devices', self.devices),
            Route('/v1/jobs', self.submit, methods=['POST']),
            Route('/v1/jobs/{job}', self.job),
            Route('/v1/jobs/{job}/cancel', self.cancel, methods=['POST']),
            Route('/v1/events', self.events),
            ]


def create_app(box, simulation=None):
    routes = API(box).routes()
    if simulation is not None:
        from .simulator_api import SimulatorAPI
        routes += SimulatorAPI(simulation).routes()

    async def on_problem(request, error):
        return problem(error.status, error.code, str(error))

    @contextlib.asynccontextmanager
    async def lifespan(app):
        box.start()
        try:
            yield
        finally:
            box.stop()

    return Starlette(routes=routes,
        exception_handlers={Problem: on_problem},
        middleware=[Middleware(CORSMiddleware,
                allow_origins=list(box.config.origins),
                allow_methods=['GET', 'POST'],
                allow_headers=['Authorization', 'Content-Type'],
                max_age=600)],
        lifespan=lifespan)
