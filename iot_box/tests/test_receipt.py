"""Receipts printed on an ESC/POS printer, captured by python-escpos's
Dummy and decoded back: copies, cuts, the Chinese mode, the GB18030
bytes, the widths"""
import unittest

from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st

from iot_box.receipt import (
    CHINESE_ON, CUT, INIT, ReceiptError, decode, paper_status,
    print_receipt)

LABELS = ["第一联 客户联", "第二联 财务联", "第三联 存根联"]
WIDTH = 48  # 80 mm paper, font A


def width(text):
    "Display width: a Chinese character takes two columns"
    return len(text.encode('gbk'))


def center(text):
    return ' ' * ((WIDTH - width(text)) // 2) + text


def pair(label, value):
    "value right-aligned after label, by display width"
    return label + ' ' * (WIDTH - width(label) - width(value)) + value


def slip(label):
    "A consumption slip as member_account lays it out on 48 columns"
    lines = [center("体检中心"), center("消费单"), center(label),
        '-' * WIDTH,
        pair("单号", "XF000123"),
        pair("[BLOOD] 血常规 x1", "114.48"),
        pair("合计：", "￥114.48"),
        "大写：壹佰壹拾肆元肆角捌分",
        pair("余额", "885.52"),
        "签名：________________"]
    return '\n'.join(lines)


class ReceiptTestCase(unittest.TestCase):
    "Three labelled copies of a consumption slip"

    def setUp(self):
        self.printer = Dummy()
        self.copies = [slip(label) for label in LABELS]
        print_receipt(self.printer, self.copies)
        self.raw = self.printer.output

    def test_copies_and_cuts(self):
        "One block per copy, each initialised, in Chinese mode, cut"
        printed = decode(self.raw)
        self.assertEqual(len(printed), 3)
        self.assertEqual(self.raw.count(INIT + CHINESE_ON), 3)
        self.assertEqual(self.raw.count(CUT), 3)
        self.assertTrue(all(c.chinese and c.cut for c in printed))
        self.assertEqual([c.lines[2].text.strip() for c in printed],
            LABELS)

    def test_text_as_laid_out(self):
        "Every line comes back as sent, headings bold and tall"
        for text, printed in zip(self.copies, decode(self.raw)):
            self.assertEqual([line.text for line in printed.lines],
                text.split('\n'))
            self.assertEqual([line.bold for line in printed.lines[:4]],
                [True, True, True, False])
            self.assertEqual({width(line.text) for line in printed.lines
                    if line.text.startswith(('-', '单号', '合计', '余额'))},
                {WIDTH})

    def test_chinese_bytes(self):
        "GB18030, full-width punctuation and the yuan sign included"
        for text in ["壹佰壹拾肆元肆角捌分", "合计：", "￥114.48"]:
            self.assertIn(text.encode('gb18030'), self.raw)
        self.assertNotIn('壹'.encode('utf-8'), self.raw)

    def test_refuses_foreign_bytes(self):
        "Bytes that are not ours are refused, not guessed"
        for raw in [b'text', b'\x1b@\x1bZ', b'\x1b@\x1dV']:
            with self.assertRaises(ReceiptError):
                decode(raw)

    @settings(max_examples=200, deadline=None)
    @given(st.binary(max_size=64))
    def test_fuzz_decode(self, raw):
        "Arbitrary bytes: copies or ReceiptError (or a codec error)"
        try:
            decode(raw)
        except (ReceiptError, UnicodeDecodeError):
            pass

    def test_paper_status(self):
        "The roll paper sensors as DLE EOT 4 answers them"
        self.assertEqual(paper_status(0x12), 'ok')
        self.assertEqual(paper_status(0x1e), 'near_end')
        self.assertEqual(paper_status(0x72), 'out')
        with self.assertRaises(ReceiptError):
            paper_status(0xff)


if __name__ == '__main__':
    unittest.main()
