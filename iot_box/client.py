"""A client of the box's HTTP API (standard library only): what the
Tryton server uses. Every failure is a BoxError with a code: the box's
own error code, or `unreachable` when it does not answer."""
import json
import urllib.error
import urllib.parse
import urllib.request


class BoxError(Exception):
    def __init__(self, code, message, status=None):
        super().__init__(message)
        self.code, self.status = code, status


class BoxClient:
    def __init__(self, url, timeout=10.0):
        self.url = url.rstrip('/')
        self.timeout = timeout

    def call(self, method, path, body=None, token=None, wait=0.0):
        headers = {'Content-Type': 'application/json'}
        if token:
            headers['Authorization'] = f'Bearer {token}'
        request = urllib.request.Request(self.url + path, method=method,
            headers=headers,
            data=None if body is None else json.dumps(body).encode('utf-8'))
        try:
            with urllib.request.urlopen(request,
                    timeout=self.timeout + wait) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            try:
                detail = json.loads(error.read())['error']
                code, message = detail['code'], detail['message']
            except (ValueError, KeyError, TypeError):
                code, message = 'http', f'HTTP {error.code}'
            raise BoxError(code, message, error.code)
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise BoxError('unreachable', str(getattr(error, 'reason', error)))

    def status(self):
        return self.call('GET', '/v1/status')

    def pair(self, code, server=None):
        return self.call('POST', '/v1/pair', {'code': code, 'server': server})

    def devices(self, token):
        return self.call('GET', '/v1/devices', token=token)['devices']

    def submit(self, token, action_id, action, device, payload):
        return self.call('POST', '/v1/jobs', {'action_id': action_id,
                'action': action, 'device': device, 'payload': payload},
            token=token)

    def job(self, token, job_id, wait=0):
        return self.call('GET', f'/v1/jobs/{job_id}?wait={wait:g}',
            token=token, wait=wait)

    def cancel(self, token, job_id):
        return self.call('POST', f'/v1/jobs/{job_id}/cancel', token=token)

    def events(self, token, cursor=0, timeout=0, recent=None, kinds=()):
        query = [('cursor', cursor), ('timeout', f'{timeout:g}')]
        if recent is not None:
            query.append(('recent', f'{recent:g}'))
        query += [('kind', kind) for kind in kinds]
        return self.call('GET',
            '/v1/events?' + urllib.parse.urlencode(query), token=token,
            wait=timeout)
