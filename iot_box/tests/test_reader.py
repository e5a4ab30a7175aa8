"""Swipe readers: a serial reader's text and a wedge reader's key presses
turned into tracks; misreads refused, never a crash"""
import unittest

from hypothesis import given, settings
from hypothesis import strategies as st

from iot_box.reader import decode_keys, encode_keys, mask, parse_swipe
from iot_box.track import TrackError

SWIPE = '%M000001?;889900012345=40217733?'


class SwipeTestCase(unittest.TestCase):
    "What a reader sends"

    def test_tracks(self):
        "Tracks 1 and 2, track 2 alone, with the reader's line end"
        self.assertEqual(parse_swipe(SWIPE + '\r\n'),
            {1: 'M000001', 2: '889900012345=40217733'})
        self.assertEqual(parse_swipe(';889900012345=40217733?'),
            {2: '889900012345=40217733'})

    def test_refusals(self):
        "A misread, typing, lower case on track 1, letters on track 2"
        for text in ['', 'hello', '%abc?', ';12A?', ';123', '%?;?',
                ';' + '1' * 40 + '?']:
            with self.subTest(text=text):
                with self.assertRaises(TrackError):
                    parse_swipe(text)

    def test_mask(self):
        "Logs see a length, not a card number"
        self.assertNotIn('8899', mask(SWIPE))

    @settings(max_examples=500, deadline=None)
    @given(st.text(max_size=80))
    def test_fuzz(self, text):
        "Any text: tracks or TrackError"
        try:
            tracks = parse_swipe(text)
        except TrackError:
            return
        self.assertTrue(tracks)


class WedgeTestCase(unittest.TestCase):
    "A keyboard-wedge reader typing into the box's grabbed input device"

    def test_swipe_typed(self):
        "% is Shift+5, ? is Shift+/, then Enter ends the swipe"
        lines, rest = decode_keys(encode_keys(SWIPE))
        self.assertEqual((lines, rest), ([SWIPE], ''))
        self.assertEqual(parse_swipe(lines[0])[2], '889900012345=40217733')

    def test_right_shift_and_repeats(self):
        "Either shift key; auto-repeat and key releases type nothing"
        events = [(54, 1), (6, 1), (6, 2), (6, 0), (54, 0), (2, 1), (2, 0),
            (54, 1), (53, 1), (53, 0), (54, 0), (28, 1), (28, 0)]
        self.assertEqual(decode_keys(events), (['%1?'], ''))

    def test_unfinished(self):
        "Without Enter the swipe is not over"
        lines, rest = decode_keys(encode_keys(';123?')[:-2])
        self.assertEqual((lines, rest), ([], ';123?'))


if __name__ == '__main__':
    unittest.main()


class SerialReaderTestCase(unittest.TestCase):
    "A serial swipe reader on a pty"

    def test_swipes_and_misreads(self):
        "Each line is a swipe; a misread is refused with its code"
        import os
        import pty
        import queue
        import tty

        from iot_box.reader import open_serial_reader

        master, slave = pty.openpty()
        tty.setraw(slave)
        self.addCleanup(os.close, master)
        self.addCleanup(os.close, slave)
        events = queue.Queue()
        thread = open_serial_reader(os.ttyname(slave),
            lambda tracks: events.put(('swipe', tracks)),
            lambda code: events.put(('refused', code)))
        self.addCleanup(thread.close)
        os.write(master, SWIPE.encode('ascii') + b'\r')
        os.write(master, b';12A?\r')
        self.assertEqual(events.get(timeout=5),
            ('swipe', {1: 'M000001', 2: '889900012345=40217733'}))
        self.assertEqual(events.get(timeout=5), ('refused', 'charset'))
