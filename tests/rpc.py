"""A tiny JSON-RPC client for Tryton 8.0, standard library only.

    session = Session.login(server.url, server.database, 'admin', 'admin-demo')
    users = session.call('model.res.user.search_read',
        [('login', '=', 'admin')], 0, None, None, ['login'])

The protocol, as sao 8.0 speaks it (src/session.js, src/rpc.js) and trytond
8.0 answers it (trytond/protocols/dispatcher.py, wrappers.py, jsonrpc.py):

- requests are ``POST /<database>/rpc/`` with ``{"id", "method", "params"}``;
- login is ``common.db.login`` with ``[login, {"password": ...}, language]``
  and returns ``[user_id, session_key, bus_url_host]``;
- later requests carry ``Authorization: Session base64(login:user_id:key)``;
- a ``model.*`` method takes the context as its last positional parameter;
- errors come back as ``{"error": [...]}``: ``["UserError", [message,
  description, domain]]``, ``["UserWarning", [name, message, description]]``,
  ``["LoginException", [name, message, type]]``, or for anything else
  (a refused login included) ``["401 Unauthorized: ...", traceback]``.
"""
import base64
import datetime
import json
import urllib.error
import urllib.request
from decimal import Decimal

__all__ = ['RPCError', 'Session', 'WizardRun', 'call']


class RPCError(Exception):
    "A fault answered by the server: .type, .message, .description"

    def __init__(self, error, status=None):
        self.error = error
        self.status = status
        self.type = self.message = self.description = None
        if (isinstance(error, (list, tuple)) and len(error) == 2
                and isinstance(error[1], (list, tuple))):
            self.type = error[0]
            args = list(error[1])
            if self.type == 'UserWarning':
                args = args[1:]  # drop the warning name
            self.message = args[0] if args else None
            self.description = args[1] if len(args) > 1 else None
        elif isinstance(error, (list, tuple)) and error:
            self.type = str(error[0]).split(':')[0]  # e.g. '401 Unauthorized'
            self.message = str(error[0])
            self.description = error[1] if len(error) > 1 else None
        else:
            self.message = str(error)
        super().__init__(self.message)


def _default(obj):
    if isinstance(obj, Decimal):
        return {'__class__': 'Decimal', 'decimal': str(obj)}
    if isinstance(obj, datetime.datetime):
        return {'__class__': 'datetime', 'year': obj.year,
            'month': obj.month, 'day': obj.day, 'hour': obj.hour,
            'minute': obj.minute, 'second': obj.second,
            'microsecond': obj.microsecond}
    if isinstance(obj, datetime.date):
        return {'__class__': 'date',
            'year': obj.year, 'month': obj.month, 'day': obj.day}
    if isinstance(obj, datetime.time):
        return {'__class__': 'time', 'hour': obj.hour, 'minute': obj.minute,
            'second': obj.second, 'microsecond': obj.microsecond}
    if isinstance(obj, datetime.timedelta):
        return {'__class__': 'timedelta', 'seconds': obj.total_seconds()}
    if isinstance(obj, (bytes, bytearray)):
        return {'__class__': 'bytes',
            'base64': base64.encodebytes(obj).decode('ascii')}
    if isinstance(obj, (set, frozenset)):
        return list(obj)
    raise TypeError(f'{type(obj).__name__} is not JSON serializable')


def _object_hook(dct):
    kind = dct.get('__class__')
    if kind == 'Decimal':
        return Decimal(dct['decimal'])
    if kind == 'datetime':
        return datetime.datetime(dct['year'], dct['month'], dct['day'],
            dct['hour'], dct['minute'], dct['second'], dct['microsecond'])
    if kind == 'date':
        return datetime.date(dct['year'], dct['month'], dct['day'])
    if kind == 'time':
        return datetime.time(dct['hour'], dct['minute'], dct['second'],
            dct['microsecond'])
    if kind == 'timedelta':
        return datetime.timedelta(seconds=dct['seconds'])
    if kind == 'bytes':
        return base64.decodebytes(dct['base64'].encode('ascii'))
    return dct


def call(rpc_url, method, params, headers=None, timeout=60):
    "One JSON-RPC request; returns the result or raises RPCError"
    data = json.dumps(
        {'id': 0, 'method': method, 'params': params},
        default=_default).encode('utf-8')
    request = urllib.request.Request(rpc_url, data=data, method='POST',
        headers={'Content-Type': 'application/json', **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    try:
        answer = json.loads(body.decode('utf-8'), object_hook=_object_hook)
    except ValueError:
        raise RPCError([f'{status}: {body[:500]!r}'], status=status)
    if not isinstance(answer, dict):
        raise RPCError([f'{status}: unexpected answer {answer!r}'],
            status=status)
    if answer.get('error'):
        raise RPCError(answer['error'], status=status)
    if status >= 400:
        raise RPCError([f'{status}: {answer!r}'], status=status)
    return answer.get('result')


class Session:
    "A logged-in user; call() sends the model methods with its context"

    def __init__(self, url, database, login, user_id, key, timeout=60):
        self.url = url.rstrip('/') + '/'
        self.database = database
        self.rpc_url = f'{self.url}{database}/rpc/'
        self.login_name = login
        self.user_id = user_id
        self.key = key
        self.timeout = timeout
        token = base64.b64encode(
            f'{login}:{user_id}:{key}'.encode('utf-8')).decode('ascii')
        self.headers = {'Authorization': f'Session {token}'}
        self.context = {}

    @classmethod
    def login(cls, url, database, login, password, language='en',
            timeout=60):
        rpc_url = f"{url.rstrip('/')}/{database}/rpc/"
        result = call(rpc_url, 'common.db.login',
            [login, {'password': password}, language], timeout=timeout)
        user_id, key = result[0], result[1]
        session = cls(url, database, login, user_id, key, timeout=timeout)
        session.context = session.call(
            'model.res.user.get_preferences', True, context={})
        return session

    def call(self, method, *args, context=None):
        """Call method with args; the context (the user's preferences
        updated with context) is appended as the last parameter."""
        params = list(args)
        if method.startswith('model.') or method.startswith('wizard.') \
                or method.startswith('report.'):
            params.append({**self.context, **(context or {})})
        elif context is not None:
            params.append(context)
        return call(self.rpc_url, method, params, headers=self.headers,
            timeout=self.timeout)

    def wizard(self, name, record=None, context=None):
        """Start wizard name on record (model, id), as the web client does
        from a form's button; context adds to (or forges) the rest"""
        base = {}
        if record:
            base = {'active_model': record[0], 'active_id': record[1],
                'active_ids': [record[1]]}
        context = {**base, **(context or {})}
        session, start, _ = self.call(f'wizard.{name}.create',
            context=context)
        run = WizardRun(self, name, session, context)
        run.start_state = start
        return run

    def logout(self):
        return call(self.rpc_url, 'common.db.logout', [],
            headers=self.headers, timeout=self.timeout)


class WizardRun:
    "A wizard session of a user: execute its steps as the web client does"

    def __init__(self, session, name, session_id, context):
        self.session, self.name = session, name
        self.session_id, self.context = session_id, context

    def execute(self, state, data=None):
        "(the state of the view shown, its default values)"
        answer = self.session.call(f'wizard.{self.name}.execute',
            self.session_id, data or {}, state, context=self.context)
        view = answer.get('view') or {}
        values = {k: v for k, v in (view.get('defaults') or {}).items()
            if '.' not in k}
        return view.get('state'), values
