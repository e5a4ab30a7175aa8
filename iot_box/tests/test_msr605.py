"""The encoder driver against an MSR605 simulated on a pty: the bytes on
the wire are the manual's; writing, reading back, mismatch, status errors,
timeout and cancel"""
import threading
import time
import unittest

from hypothesis import given, settings
from hypothesis import strategies as st

from iot_box.msr605 import (
    MSR605, Cancelled, EncoderError, data_block, parse_data_block)
from iot_box.simulator import EncoderSimulator

CARD = {1: 'M000001', 2: '889900012345=40217733'}


class DataBlockTestCase(unittest.TestCase):
    "The data block, as the manual writes it"

    def test_manual_example(self):
        "ESC w ESC s ESC 01 ABC123 ESC 02 12345 ESC 03 12345 ? FS"
        self.assertEqual(data_block({1: 'ABC123', 2: '12345', 3: '12345'}),
            b'\x1bs\x1b\x01ABC123\x1b\x0212345\x1b\x0312345?\x1c')
        self.assertEqual(parse_data_block(
                b'\x1bs\x1b\x01%ABC123?\x1b\x02;12345?\x1b\x03?\x1c'),
            {1: '%ABC123?', 2: ';12345?', 3: ''})

    @settings(max_examples=300, deadline=None)
    @given(st.binary(max_size=80))
    def test_fuzz_parse(self, raw):
        "Arbitrary bytes: tracks or EncoderError, never a crash"
        try:
            tracks = parse_data_block(raw)
        except EncoderError:
            return
        self.assertTrue(set(tracks) <= {1, 2, 3})


class EncoderTestCase(unittest.TestCase):
    "Writing and verifying a card on the simulated encoder"

    def setUp(self):
        self.simulator = EncoderSimulator().start()
        self.addCleanup(self.simulator.stop)
        self.encoder = MSR605.open(self.simulator.path, timeout=1.5)
        self.addCleanup(self.encoder.close)

    def test_communication(self):
        "The communication test and the coercivity, in either case"
        self.assertTrue(self.encoder.test())
        self.assertEqual(self.encoder.coercivity(), 'hi')
        self.simulator.fault = 'lower_case'
        self.assertEqual(self.encoder.coercivity(), 'hi')

    def test_write_verified(self):
        "Written, read back on a second swipe, equal: verified"
        self.assertEqual(self.encoder.write_verified(CARD), CARD)
        self.assertEqual(self.simulator.received, ['write', 'r'])

    def test_mismatch(self):
        "Another card read back is no verification"
        self.encoder.write(CARD)
        self.simulator.fault = 'other_card'
        with self.assertRaises(EncoderError) as cm:
            self.encoder.write_verified(CARD)
        self.assertEqual(cm.exception.code, 'mismatch')

    def test_status_errors(self):
        "A read/write error and an invalid swipe come back with their code"
        for fault in ['rw_error', 'invalid_swipe']:
            with self.subTest(fault=fault):
                self.simulator.fault = fault
                with self.assertRaises(EncoderError) as cm:
                    self.encoder.write(CARD)
                self.assertEqual(cm.exception.code, fault)

    def test_refuses_what_a_track_cannot_hold(self):
        "Lower case on track 1 is refused before anything is sent"
        with self.assertRaises(ValueError):
            self.encoder.write({1: 'member'})
        self.assertEqual(self.simulator.received, [])

    def test_timeout(self):
        "No swipe within the timeout: an error, not a hang"
        self.simulator.fault = 'silent'
        started = time.monotonic()
        with self.assertRaises(EncoderError) as cm:
            self.encoder.read()
        self.assertEqual(cm.exception.code, 'timeout')
        self.assertLess(time.monotonic() - started, 5)

    def test_cancel(self):
        "The desk cancels the swipe awaited: the encoder is reset"
        self.simulator.fault = 'silent'
        threading.Timer(0.3, self.encoder.cancel).start()
        with self.assertRaises(Cancelled):
            self.encoder.read()
        time.sleep(0.2)
        self.assertEqual(self.simulator.received[-1], 'a')


if __name__ == '__main__':
    unittest.main()
