# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Amounts in Chinese capital words (大写金额) as printed on receipts.

The amount is first rounded to cents (ROUND_HALF_UP), then written in yuan
(元), jiao (角) and fen (分) with the digits 零壹贰叁肆伍陆柒捌玖, the places
拾佰仟 and the groups 万 and 亿:

- ``整`` closes an amount without jiao and fen (壹拾元整); an amount that
  ends in jiao has no ``整`` (壹佰贰拾元伍角);
- one ``零`` stands for any run of zero digits between two written digits
  (壹仟零壹拾元整, 壹拾万零壹拾元整), including a whole zero 万 group
  (壹亿零壹仟元整); zeros that end a group are not read before the next
  group's thousands (壹拾亿壹仟万元整, 壹拾万柒仟元整);
- ``零`` between yuan and fen when jiao is zero (壹拾元零伍分), none when
  only the yuan digit is zero (贰拾元叁角) and none before an amount below
  one yuan (伍分, 伍角);
- ``负`` before a negative amount; nothing is ever written for ``-0``.

Money is never a float: anything but a ``Decimal`` is refused.
"""
from decimal import ROUND_HALF_UP, Decimal

DIGITS = '零壹贰叁肆伍陆柒捌玖'
PLACES = ('', '拾', '佰', '仟')
GROUPS = ('', '万', '亿')
ZERO = '零'
CENT = Decimal('0.01')
LIMIT = Decimal(10) ** 12
# The smallest magnitude that rounds to LIMIT under ROUND_HALF_UP
ROUNDS_TO_LIMIT = LIMIT - CENT / 2


def amount_words(amount):
    "Return the Chinese capital words of the Decimal amount, rounded to cents"
    cents = _to_cents(amount)
    yuan, jiao, fen = _split_cents(cents)
    if not (yuan or jiao or fen):
        return ZERO + '元整'
    sign = '负' if cents < 0 else ''
    words = _yuan_words(yuan) + '元' if yuan else ''
    return sign + words + _fraction_words(yuan, jiao, fen)


def _to_cents(amount):
    "Check amount and round it to cents"
    if not isinstance(amount, Decimal):
        raise TypeError(
            "amount must be a Decimal, not %s" % type(amount).__name__)
    if not amount.is_finite():
        raise ValueError("amount must be finite: %s" % amount)
    # copy_abs does not round to the context precision as abs() does
    if amount.copy_abs() >= ROUNDS_TO_LIMIT:
        raise ValueError(
            "amount must be less than 1 万亿 after rounding: %s" % amount)
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _split_cents(cents):
    "Return the whole yuan, jiao and fen of the absolute cents amount"
    yuan, rest = divmod(int(cents.copy_abs() * 100), 100)
    jiao, fen = divmod(rest, 10)
    return yuan, jiao, fen


def _yuan_words(yuan):
    "Return the words of 0 < yuan < 10 ** 12, group by group, without 元"
    words = []
    zeros_skipped = False
    for unit, group in _groups(yuan):
        if not group:
            zeros_skipped = bool(words)
            continue
        if words and (zeros_skipped or group < 1000):
            words.append(ZERO)
        words.append(_group_words(group) + unit)
        zeros_skipped = False
    return ''.join(words)


def _groups(number):
    "Yield (group unit, four-digit group) of number, highest group first"
    for index in reversed(range(len(GROUPS))):
        yield GROUPS[index], number // 10000 ** index % 10000


def _group_words(group):
    "Return the words of 0 < group < 10000 without its leading zeros"
    words = []
    zeros_skipped = False
    for place in reversed(range(len(PLACES))):
        digit = group // 10 ** place % 10
        if not digit:
            zeros_skipped = bool(words)
            continue
        if zeros_skipped:
            words.append(ZERO)
            zeros_skipped = False
        words.append(DIGITS[digit] + PLACES[place])
    return ''.join(words)


def _fraction_words(yuan, jiao, fen):
    "Return what follows 元: 整, or the jiao and fen"
    if not (jiao or fen):
        return '整'
    words = []
    if jiao:
        words.append(DIGITS[jiao] + '角')
    elif yuan:
        words.append(ZERO)
    if fen:
        words.append(DIGITS[fen] + '分')
    return ''.join(words)
