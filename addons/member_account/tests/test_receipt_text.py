# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Receipt lines laid out by display width, at 32 and 48 columns."""
import random
import unittest

from trytond.modules.member_account.receipt_text import (
    WIDTHS, center, display_width, pair, render, rule, truncate, wrap)

PAPERS = sorted(WIDTHS.items())
# ASCII, CJK, full-width punctuation, GBK two-byte symbols and characters
# GBK cannot encode (¥ narrow, € ambiguous, an emoji wide)
ALPHABET = ('abcXYZ019.,:- ' '会员卡储值充值赠送余额体检中心张三' '（）：，。'
    '￥·°' '¥€\U0001F600')
RECEIPT = [
    ('center', '健康体检中心'),
    ('center', '会员储值收据 第一联 客户联 Member Stored-Value Receipt'),
    ('rule', '='),
    ('pair', '会员', '张三 (M000123)'),
    ('pair', '本次充值金额（含赠送部分）及说明', '￥1,000.00'),
    ('pair', 'Top-up amount including the bonus', '1000.00'),
    ('pair', '余额', '￥12,345.67'),
    ('text', '大写：壹仟元整。储值余额可用于本中心所有体检套餐，'
        'not refundable in cash; keep this receipt safe.'),
    ('rule', '─'),
    ('blank',),
    ('center', '谢谢惠顾'),
    ]


def random_text(rng, length):
    return ''.join(rng.choice(ALPHABET) for _ in range(length))


class DisplayWidthTestCase(unittest.TestCase):
    "Test the display width of texts"

    def test_widths(self):
        "Paper widths in columns"
        self.assertEqual(WIDTHS, {'58mm': 32, '80mm': 48})

    def test_display_width(self):
        "Chinese counts two columns, ASCII one, GBK symbols as encoded"
        for text, width in [
                ('', 0), ('abc', 3), ('会员', 4), ('会员A', 5),
                ('余额：', 6), ('￥12.00', 7), ('·', 2)]:
            with self.subTest(text=text):
                self.assertEqual(display_width(text), width)

    def test_display_width_not_gbk(self):
        "Characters GBK cannot encode count by East Asian width"
        for text, width in [
                ('¥', 1), ('€', 2), ('\U0001F600', 2), ('ก', 1),
                ('会员\U0001F600ok', 8)]:
            with self.subTest(text=text):
                self.assertEqual(display_width(text), width)


class TruncateTestCase(unittest.TestCase):
    "Test cutting texts to a display width"

    def test_no_half_character(self):
        "A wide character that does not fit is left out whole"
        for text, width, result in [
                ('会员卡abc', 5, '会员'),
                ('会员卡abc', 6, '会员卡'),
                ('a会员', 2, 'a'),
                ('a会员', 3, 'a会'),
                ('会', 1, ''),
                ('\U0001F600x', 1, ''),
                ('abc', 10, 'abc')]:
            with self.subTest(text=text, width=width):
                self.assertEqual(truncate(text, width), result)

    def test_longest_prefix(self):
        "Random texts are cut to their longest start that fits"
        rng = random.Random(1)
        for _ in range(500):
            text = random_text(rng, rng.randint(0, 40))
            width = rng.randint(0, 50)
            cut = truncate(text, width)
            with self.subTest(text=text, width=width):
                self.assertTrue(text.startswith(cut))
                self.assertLessEqual(display_width(cut), width)
                if cut != text:
                    self.assertGreater(
                        display_width(text[:len(cut) + 1]), width)


class LineTestCase(unittest.TestCase):
    "Test centred, paired and rule lines"

    def test_center(self):
        "Text is centred, the odd column going to the right"
        for width, text, indent in [
                (32, '谢谢惠顾', 12), (48, '谢谢惠顾', 20),
                (32, 'abc', 14), (48, '会员 A', 21)]:
            with self.subTest(width=width, text=text):
                self.assertEqual(
                    center(text, width), ' ' * indent + text)

    def test_center_too_long(self):
        "Centred text wider than the line is cut"
        line = center('健康体检中心' * 5, 32)
        self.assertEqual(line, '健康体检中心' * 2 + '健康体检')

    def test_pair(self):
        "Value ends exactly at the width, label at the start"
        for _, width in PAPERS:
            for label, value in [
                    ('余额', '￥12,345.67'), ('Total', '1,000.00'),
                    ('会员 Zhang', '张三'), ('', '0.00')]:
                line = pair(label, value, width)
                with self.subTest(width=width, label=label):
                    self.assertEqual(display_width(line), width)
                    self.assertTrue(line.startswith(label))
                    self.assertTrue(line.endswith(value))

    def test_pair_truncate(self):
        "A long label is cut whole characters short, one space kept"
        value = '￥1,000.00'
        label = '本次充值金额（含赠送部分）及说明文字，仅限本人使用'
        for _, width in PAPERS:
            line = pair(label, value, width)
            kept = line[:-len(value)].rstrip()
            with self.subTest(width=width):
                self.assertEqual(display_width(line), width)
                self.assertTrue(line.endswith(' ' + value))
                self.assertTrue(label.startswith(kept))
                self.assertLess(len(kept), len(label))
                self.assertEqual(
                    kept, truncate(label, width - display_width(value) - 1))
        self.assertEqual(
            pair(label, value, 32), '本次充值金额（含赠送  ￥1,000.00')

    def test_pair_random(self):
        "Random pairs are always exactly the width"
        rng = random.Random(2)
        for _ in range(500):
            _, width = rng.choice(PAPERS)
            label = random_text(rng, rng.randint(0, 40))
            value = random_text(rng, rng.randint(1, 12))
            line = pair(label, value, width)
            with self.subTest(label=label, value=value, width=width):
                self.assertEqual(display_width(line), width)
                self.assertTrue(line.endswith(value))

    def test_pair_value_too_wide(self):
        "A value is never cut"
        self.assertEqual(pair('余额', '会' * 16, 32), '会' * 16)
        with self.assertRaises(ValueError):
            pair('余额', '会' * 17, 32)

    def test_rule(self):
        "Rules fill the width with narrow or wide characters"
        for _, width in PAPERS:
            with self.subTest(width=width):
                self.assertEqual(rule(width), '-' * width)
                self.assertEqual(rule(width, '─'), '─' * (width // 2))
                self.assertEqual(display_width(rule(width, '─')), width)
        self.assertEqual(rule(5, '═'), '══')
        with self.assertRaises(ValueError):
            rule(32, '')


class WrapTestCase(unittest.TestCase):
    "Test wrapping texts by display width"

    def test_wrap_mixed(self):
        "Chinese breaks anywhere, ASCII between words"
        text = '储值余额可用于本中心所有体检套餐，not refundable in cash.'
        self.assertEqual(wrap(text, 32), [
            '储值余额可用于本中心所有体检套餐',
            '，not refundable in cash.'])
        self.assertEqual(wrap(text, 48), [
            '储值余额可用于本中心所有体检套餐，not refundable',
            'in cash.'])

    def test_wrap_long_word(self):
        "A word wider than the line is cut between characters"
        self.assertEqual(
            wrap('卡号 ' + '1234567890' * 4, 32),
            ['卡号', '1234567890' * 3 + '12', '34567890'])

    def test_wrap_paragraphs(self):
        "New lines are kept, empty lines too"
        self.assertEqual(wrap('第一行\n\nsecond', 32), ['第一行', '', 'second'])
        self.assertEqual(wrap('', 32), [''])

    def test_wrap_random(self):
        "Random texts wrap into lines that fit and keep every character"
        rng = random.Random(3)
        for _ in range(500):
            text = random_text(rng, rng.randint(0, 200))
            _, width = rng.choice(PAPERS)
            lines = wrap(text, width)
            with self.subTest(text=text, width=width):
                for line in lines:
                    self.assertLessEqual(display_width(line), width)
                    self.assertEqual(line, line.rstrip())
                self.assertEqual(
                    ''.join(lines).replace(' ', ''), text.replace(' ', ''))

    def test_width_too_small(self):
        "A line must hold a wide character"
        with self.assertRaises(ValueError):
            wrap('会员', 1)


class RenderTestCase(unittest.TestCase):
    "Test rendering blocks into receipt lines"

    def test_receipt(self):
        "A receipt fits both papers, pairs right-aligned at the width"
        for paper, width in PAPERS:
            lines = render(RECEIPT, width)
            with self.subTest(paper=paper):
                for line in lines:
                    self.assertLessEqual(display_width(line), width)
                for line in lines:
                    if '1,000.00' in line or '12,345.67' in line:
                        self.assertEqual(display_width(line), width)
                self.assertEqual(lines[0].strip(), '健康体检中心')
                self.assertIn('', lines)
                self.assertEqual(lines[-1].strip(), '谢谢惠顾')

    def test_receipt_32(self):
        "The receipt on 58 mm paper, line by line"
        self.assertEqual(render(RECEIPT, 32), [
            '          健康体检中心',
            '   会员储值收据 第一联 客户联',
            '  Member Stored-Value Receipt',
            '=' * 32,
            '会员              张三 (M000123)',
            '本次充值金额（含赠送  ￥1,000.00',
            'Top-up amount including  1000.00',
            '余额                 ￥12,345.67',
            '大写：壹仟元整。储值余额可用于本',
            '中心所有体检套餐，not refundable',
            'in cash; keep this receipt safe.',
            '─' * 16,
            '',
            '            谢谢惠顾',
            ])

    def test_render_random(self):
        "Random blocks never give a line wider than the width"
        rng = random.Random(4)
        kinds = ['center', 'pair', 'text', 'rule', 'blank']
        for _ in range(200):
            _, width = rng.choice(PAPERS)
            blocks = [self.random_block(rng, rng.choice(kinds))
                for _ in range(10)]
            with self.subTest(blocks=blocks, width=width):
                for line in render(blocks, width):
                    self.assertLessEqual(display_width(line), width)

    @staticmethod
    def random_block(rng, kind):
        if kind == 'pair':
            return (kind, random_text(rng, rng.randint(0, 30)),
                random_text(rng, rng.randint(1, 12)))
        if kind in {'center', 'text'}:
            return (kind, random_text(rng, rng.randint(0, 120)))
        if kind == 'rule':
            return (kind, rng.choice('-=─═*'))
        return (kind,)

    def test_unknown_kind(self):
        "An unknown block is refused"
        with self.assertRaises(ValueError):
            render([('barcode', '123')], 32)


if __name__ == '__main__':
    unittest.main()
