"""Errors and request helpers of the box's HTTP API"""
import json

from starlette.responses import JSONResponse


class Problem(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code = status, code


def problem(status, code, message):
    return JSONResponse({'error': {'code': code, 'message': message}},
        status_code=status)


async def read_body(request):
    try:
        data = json.loads(await request.body() or b'{}')
    except ValueError:
        raise Problem(400, 'json', "the body is not JSON")
    if not isinstance(data, dict):
        raise Problem(400, 'json', "the body is not a JSON object")
    return data


def number(request, name, default):
    try:
        return float(request.query_params.get(name, default))
    except ValueError:
        raise Problem(400, 'query', f"{name} is not a number")
