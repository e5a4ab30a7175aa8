"""Tokens: what Tryton gives a browser or uses itself to act on a box.

A token is `<claims>.<mac>`, both base64url: the claims in JSON (box,
sub: the user, act: the actions, dev: the devices or "*", exp: expiry in
seconds since the epoch) and an HMAC-SHA256 of them under the secret the
box and Tryton share since pairing. The box refuses a token whose
signature, box, expiry, lifetime, action or device does not fit; tokens
never appear in logs."""
import base64
import hashlib
import hmac
import json
import time

ACTIONS = {'status', 'swipe', 'write_card', 'read_card', 'print'}
MAX_LIFETIME = 600  # seconds; a longer-lived token is refused
SKEW = 30  # seconds of clock difference tolerated


class TokenError(Exception):
    "A refused token; code says why"

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode('ascii')


def _unb64(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def sign(secret, claims):
    "The token of claims (a dict) under secret (bytes)"
    body = _b64(json.dumps(claims, sort_keys=True,
            separators=(',', ':')).encode('utf-8'))
    mac = hmac.new(secret, body.encode('ascii'), hashlib.sha256).digest()
    return f'{body}.{_b64(mac)}'


def verify(secret, token, box, action, device=None, now=None):
    """The claims of token if it allows action (on device) on box;
    TokenError otherwise"""
    now = time.time() if now is None else now
    try:
        body, mac = (token or '').split('.')
        expected = hmac.new(secret, body.encode('ascii'),
            hashlib.sha256).digest()
        if not hmac.compare_digest(expected, _unb64(mac)):
            raise TokenError('signature', "the token is not signed by the "
                "server this box is paired with")
        claims = json.loads(_unb64(body))
        exp = float(claims['exp'])
    except TokenError:
        raise
    except (ValueError, KeyError, TypeError):
        raise TokenError('malformed', "not a token")
    if claims.get('box') != box:
        raise TokenError('box', "the token is for another box")
    if exp < now - SKEW:
        raise TokenError('expired', "the token has expired")
    if exp > now + MAX_LIFETIME + SKEW:
        raise TokenError('lifetime', "the token lives too long")
    if action not in (claims.get('act') or []):
        raise TokenError('action', f"the token does not allow {action}")
    devices = claims.get('dev') or []
    if device is not None and '*' not in devices and device not in devices:
        raise TokenError('device', "the token does not allow this device")
    return claims
