# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""What a member card carries on its stripe, and how the server checks it.

Track 2 holds ``<card number>=<nonce><code>``: the card number (digits), a
random six-digit nonce and a twelve-digit code, an HMAC-SHA256 of number and
nonce under the server secret reduced to decimal digits. No name, no balance:
a card whose code does not verify was not written by this server.
"""
import hmac
import re
import secrets
from hashlib import sha256

NONCE_DIGITS = 6
CODE_DIGITS = 12
NUMBER_RE = re.compile(r'^\d{8,19}$')
PAYLOAD_RE = re.compile(
    r'^(?P<number>\d{8,19})=(?P<nonce>\d{%d})(?P<code>\d{%d})$'
    % (NONCE_DIGITS, CODE_DIGITS))
TRACK2_RE = re.compile(r';(?P<data>[0-9:<=>]*)\?')


def luhn_digit(digits):
    "The Luhn check digit to append to digits"
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char)
        if i % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def with_check_digit(digits):
    return digits + luhn_digit(digits)


def _code(secret, number, nonce):
    mac = hmac.new(secret, f'{number}={nonce}'.encode('ascii'), sha256)
    return str(int.from_bytes(mac.digest(), 'big') % 10 ** CODE_DIGITS).zfill(
        CODE_DIGITS)


def make_payload(secret, number, nonce=None):
    "The track-2 content for card number, signed with secret"
    if nonce is None:
        nonce = str(secrets.randbelow(10 ** NONCE_DIGITS)).zfill(NONCE_DIGITS)
    return f'{number}={nonce}{_code(secret, number, nonce)}'


def verify_payload(secret, payload):
    "The card number if payload was signed with secret, else None"
    match = PAYLOAD_RE.match(payload or '')
    if not match:
        return None
    number, nonce, code = match.group('number', 'nonce', 'code')
    if hmac.compare_digest(_code(secret, number, nonce), code):
        return number
    return None


def parse_input(text):
    """Split what a desk received into ('payload', data) for a swiped
    track, ('number', digits) for a typed card number, or (None, None)"""
    text = (text or '').strip()
    match = TRACK2_RE.search(text)
    if match:
        return 'payload', match.group('data')
    if '=' in text:
        return 'payload', text
    compact = re.sub(r'[\s-]', '', text)
    if NUMBER_RE.match(compact):
        return 'number', compact
    return None, None
