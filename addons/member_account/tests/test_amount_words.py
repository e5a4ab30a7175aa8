# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Chinese capital amounts, checked by hand and against cn2an.

cn2an (0.5.24) is the reference: every amount below is also given to
``cn2an.an2cn(str(cents), 'rmb')`` with ``cents`` the amount rounded to cents.
Where it writes something else, the third column of REFERENCE says what and
the reason is one of these:

- GROUP_ZERO: a whole zero 万 group between 亿 and a unit group of 1000 or
  more. cn2an drops the 零 (壹亿壹仟元整: its rule for 壹拾万壹仟 also fires
  after 亿); we write it (壹亿零壹仟元整). The PBOC rules for filling in
  payment documents allow either when 万位 is 0 and 千位 is not, but the
  usual reading rule (only the zeros that end a group are silent) wants the
  零, and without it 壹亿壹仟 reads at a glance like 壹亿壹仟万.
- NEGATIVE_ZERO: an amount that rounds to zero is 零元整 whatever its sign;
  cn2an keeps the sign of ``-0.00`` (负零元整).

The PBOC rules also allow 零 after a zero yuan digit before 角
(壹仟陆佰捌拾元零叁角贰分) and 整 after 角; like cn2an we write neither
(壹仟陆佰捌拾元叁角贰分, 壹佰贰拾元伍角).

Outside the table: cn2an takes the digits it is given, so an unrounded
``'1.005'`` gives 壹元整 (it truncates) where we round half up to 壹元零壹分;
cn2an accepts floats and amounts from 1 万亿 on, which we refuse.
"""
import random
import unittest
from decimal import ROUND_HALF_UP, Decimal

import cn2an  # the reference, a test dependency (pyproject [test])

from trytond.modules.member_account.amount_words import amount_words

CENT = Decimal('0.01')
SAME = None
GROUP_ZERO = 'GROUP_ZERO'
NEGATIVE_ZERO = 'NEGATIVE_ZERO'

# (amount, our words, (reason, cn2an's words) where cn2an differs)
REFERENCE = [
    # below one yuan: no 零元, no 整 after 角
    ('0', '零元整', SAME),
    ('0.00', '零元整', SAME),
    ('0.01', '壹分', SAME),
    ('0.05', '伍分', SAME),
    ('0.09', '玖分', SAME),
    ('0.10', '壹角', SAME),
    ('0.50', '伍角', SAME),
    ('0.55', '伍角伍分', SAME),
    # rounding to cents, half up
    ('1.005', '壹元零壹分', SAME),
    ('1.004', '壹元整', SAME),
    ('1.995', '贰元整', SAME),
    ('12.3456', '壹拾贰元叁角伍分', SAME),
    ('1E+3', '壹仟元整', SAME),
    # yuan, jiao, fen: 零 for a zero jiao only
    ('1', '壹元整', SAME),
    ('1.50', '壹元伍角', SAME),
    ('1.05', '壹元零伍分', SAME),
    ('10', '壹拾元整', SAME),
    ('10.05', '壹拾元零伍分', SAME),
    ('10.50', '壹拾元伍角', SAME),
    ('11', '壹拾壹元整', SAME),
    ('20.30', '贰拾元叁角', SAME),
    ('120.50', '壹佰贰拾元伍角', SAME),
    ('1680.32', '壹仟陆佰捌拾元叁角贰分', SAME),
    # zeros inside a group: one 零 for a run, none at the end
    ('100', '壹佰元整', SAME),
    ('101', '壹佰零壹元整', SAME),
    ('110', '壹佰壹拾元整', SAME),
    ('1001', '壹仟零壹元整', SAME),
    ('1010', '壹仟零壹拾元整', SAME),
    ('1100', '壹仟壹佰元整', SAME),
    # zeros across 万
    ('10000', '壹万元整', SAME),
    ('10001', '壹万零壹元整', SAME),
    ('100010', '壹拾万零壹拾元整', SAME),
    ('100000.01', '壹拾万元零壹分', SAME),
    ('101000', '壹拾万壹仟元整', SAME),
    ('107000.53', '壹拾万柒仟元伍角叁分', SAME),
    ('1000001', '壹佰万零壹元整', SAME),
    ('1001000', '壹佰万壹仟元整', SAME),
    ('10000000.10', '壹仟万元壹角', SAME),
    ('10101010', '壹仟零壹拾万壹仟零壹拾元整', SAME),
    # zeros across 亿
    ('100000000', '壹亿元整', SAME),
    ('100000001', '壹亿零壹元整', SAME),
    ('100000100', '壹亿零壹佰元整', SAME),
    ('100001000', '壹亿零壹仟元整', (GROUP_ZERO, '壹亿壹仟元整')),
    ('100010000', '壹亿零壹万元整', SAME),
    ('110000000', '壹亿壹仟万元整', SAME),
    ('1000000000', '壹拾亿元整', SAME),
    ('1000010000', '壹拾亿零壹万元整', SAME),
    ('1010000000', '壹拾亿壹仟万元整', SAME),
    ('100000000000.05', '壹仟亿元零伍分', SAME),
    ('100000001000', '壹仟亿零壹仟元整', (GROUP_ZERO, '壹仟亿壹仟元整')),
    ('1234567890.12', '壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分',
        SAME),
    ('999999999999.994',
        '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分', SAME),
    # negative amounts
    ('-0.05', '负伍分', SAME),
    ('-5.50', '负伍元伍角', SAME),
    ('-1010', '负壹仟零壹拾元整', SAME),
    ('-100001000', '负壹亿零壹仟元整', (GROUP_ZERO, '负壹亿壹仟元整')),
    ('-0', '零元整', (NEGATIVE_ZERO, '负零元整')),
    ('-0.004', '零元整', (NEGATIVE_ZERO, '负零元整')),
    ]

SWEEP_SIZE = 4000


def to_cents(amount):
    "amount rounded to cents as receipts round: half up"
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def skips_wan_group(cents):
    "Whether cents has a zero 万 group between 亿 and a unit group >= 1000"
    yuan = int(cents.copy_abs())
    return (yuan >= 10 ** 8
        and yuan // 10 ** 4 % 10 ** 4 == 0
        and yuan % 10 ** 4 >= 1000)


def cn2an_reference(cents):
    "cn2an's words for cents with the documented differences applied"
    words = cn2an.an2cn(str(cents), 'rmb')
    if skips_wan_group(cents):
        words = words.replace('亿', '亿零', 1)
    if not cents:
        words = words.removeprefix('负')
    return words


def random_amount(rng):
    "A random amount below 1 万亿, rich in zero digits, sometimes past cents"
    def digits(count):
        return ''.join(rng.choice('00000123456789') for _ in range(count))
    sign = rng.choice(['', '-'])
    fraction = digits(rng.choice([0, 1, 2, 2, 2, 3]))
    return Decimal('%s%s.%s' % (sign, digits(rng.randint(1, 12)), fraction))


class AmountWordsTestCase(unittest.TestCase):
    "Test the Chinese capital words of amounts"

    def test_reference(self):
        "Amounts of the reference table"
        for amount, words, _ in REFERENCE:
            with self.subTest(amount=amount):
                self.assertEqual(amount_words(Decimal(amount)), words)

    def test_reference_cn2an(self):
        "cn2an writes the reference table as documented"
        for amount, words, difference in REFERENCE:
            expected = difference[1] if difference else words
            cents = to_cents(Decimal(amount))
            with self.subTest(amount=amount):
                self.assertEqual(cn2an.an2cn(str(cents), 'rmb'), expected)

    def test_sweep_cn2an(self):
        "Random amounts are written as cn2an writes them"
        rng = random.Random(20240801)
        for _ in range(SWEEP_SIZE):
            amount = random_amount(rng)
            cents = to_cents(amount)
            with self.subTest(amount=amount):
                self.assertEqual(
                    amount_words(amount), cn2an_reference(cents))

    def test_cn2an_truncates(self):
        "cn2an truncates unrounded cents: the reason to round first"
        self.assertEqual(cn2an.an2cn('1.005', 'rmb'), '壹元整')
        self.assertEqual(amount_words(Decimal('1.005')), '壹元零壹分')

    def test_sweep_shape(self):
        "Random amounts give words made only of the capital characters"
        rng = random.Random(8)
        allowed = set('负零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整')
        for _ in range(SWEEP_SIZE):
            amount = random_amount(rng)
            words = amount_words(amount)
            with self.subTest(amount=amount):
                self.assertLessEqual(set(words), allowed)
                self.assertNotIn('零零', words)
                self.assertEqual(
                    words.startswith('负'), to_cents(amount) < 0)

    def test_refuse_not_decimal(self):
        "Anything but a Decimal is refused"
        for amount in [1.5, 0.1 + 0.2, 10, True, '10.00', None]:
            with self.subTest(amount=amount):
                with self.assertRaises(TypeError):
                    amount_words(amount)

    def test_refuse_out_of_range(self):
        "Amounts from 1 万亿 on, after rounding, and non-finite are refused"
        for amount in [
                '1000000000000', '-1000000000000', '999999999999.995',
                '1E+30', 'NaN', 'sNaN', 'Infinity', '-Infinity']:
            with self.subTest(amount=amount):
                with self.assertRaises(ValueError):
                    amount_words(Decimal(amount))


if __name__ == '__main__':
    unittest.main()
