"""Devices at the wire: the keyboard-wedge reader's kernel events, and a
device unplugged and plugged back"""
import os
import tempfile
import threading
import time
import unittest

from iot_box import receipt
from iot_box.box import Box
from iot_box.config import Config
from iot_box.printer_sim import NetworkPrinterSimulator
from iot_box.reader import encode_keys
from iot_box.simulation import ReaderSimulator
from iot_box.wedge import EV_KEY, WedgeReader, event_bytes

SWIPE = ';889900012345=123456789012345678?'


class WedgeTestCase(unittest.TestCase):
    "struct input_event through a FIFO, as the kernel sends them"

    def setUp(self):
        folder = tempfile.mkdtemp()
        self.path = os.path.join(folder, 'event-kbd')
        os.mkfifo(self.path)
        self.swipes, self.refusals = [], []
        self.lost = threading.Event()

    def reader(self, grab=False):
        return WedgeReader(self.path, self.swipes.append,
            self.refusals.append, self.lost.set, grab=grab)

    def wait(self, what, count=1):
        deadline = time.monotonic() + 5
        while len(what) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return what

    def test_swipe(self):
        "A swipe typed by the reader, with shift and sync events between"
        reader = self.reader().start()
        self.addCleanup(reader.stop)
        writer = os.open(self.path, os.O_WRONLY)
        events = encode_keys(SWIPE)
        data = b''
        for code, value in events:  # each key followed by a SYN_REPORT
            data += event_bytes([(code, value)]) + event_bytes([(0, 0)], 0)
        os.write(writer, data[:100])  # split mid-struct, as reads may be
        time.sleep(0.1)
        os.write(writer, data[100:])
        self.assertEqual(self.wait(self.swipes),
            [{2: '889900012345=123456789012345678'}])
        os.write(writer, event_bytes(encode_keys(';12AB?')))
        self.assertEqual(self.wait(self.refusals), ['charset'])
        os.close(writer)
        self.assertTrue(self.lost.wait(5), "an unplugged device is lost")

    def test_grab_refused(self):
        "A device that cannot be grabbed is not read: keys would leak"
        with self.assertRaises(OSError):  # ENOTTY: a FIFO is no input device
            self.reader(grab=True).start()

    def test_ev_key_only(self):
        "Other event types (EV_MSC scancodes) are not keys"
        self.assertEqual(EV_KEY, 1)
        reader = self.reader().start()
        self.addCleanup(reader.stop)
        writer = os.open(self.path, os.O_WRONLY)
        self.addCleanup(os.close, writer)
        os.write(writer, event_bytes(encode_keys(SWIPE), type_=4)
            + event_bytes(encode_keys(SWIPE)))
        self.assertEqual(len(self.wait(self.swipes)), 1)
        time.sleep(0.2)
        self.assertEqual(len(self.swipes), 1)


class PlugTestCase(unittest.TestCase):
    "A reader at a stable path (a symlink, as /dev/serial/by-id/ has)"

    def test_unplug_and_back(self):
        simulator = ReaderSimulator()
        self.addCleanup(simulator.stop)
        folder = tempfile.mkdtemp()
        link = os.path.join(folder, 'usb-reader-if00')
        os.symlink(simulator.path, link)
        box = Box(Config(state=folder, devices=[
                    {'name': 'reader', 'kind': 'reader', 'url': link}]),
            announce=lambda text: None).start()
        self.addCleanup(box.stop)

        def kinds(kind, after=0, wait=5):
            deadline = time.monotonic() + wait
            while True:
                events, _ = box.events.since(after, kinds={kind})
                if events or time.monotonic() > deadline:
                    return events
                time.sleep(0.05)

        simulator.swipe(SWIPE)
        self.assertEqual(len(kinds('card_swiped')), 1)
        os.unlink(link)
        lost, = kinds('device')
        self.assertEqual((lost['device'], lost['state']), ('reader', 'lost'))
        self.assertEqual(box.status()['devices'][0]['state'], 'lost')
        os.symlink(simulator.path, link)
        back, = kinds('device', lost['id'])
        self.assertEqual(back['state'], 'connected')
        cursor = box.events.cursor
        simulator.swipe(SWIPE)
        self.assertEqual(len(kinds('card_swiped', cursor)), 1)


class NetworkPrinterTestCase(unittest.TestCase):
    "A printer on the network (tcp://host:9100), through python-escpos"

    def test_print(self):
        printer = NetworkPrinterSimulator().start()
        self.addCleanup(printer.stop)
        folder = tempfile.mkdtemp()
        box = Box(Config(state=folder, devices=[
                    {'name': 'printer', 'kind': 'printer',
                        'url': printer.url}]),
            announce=lambda text: None).start()
        self.addCleanup(box.stop)

        def printed(action_id, copies):
            job, _ = box.submit(action_id, 'print', 'printer',
                {'copies': copies})
            self.assertTrue(job.finished.wait(10))
            return job

        job = printed('network-0001', ['收银小票\n第一联\n合计：￥80.00'])
        self.assertEqual((job.state, job.result['paper']), ('done', 'ok'))
        copy, = receipt.decode(printer.wait_jobs(1)[0])
        self.assertEqual([line.text for line in copy.lines],
            ['收银小票', '第一联', '合计：￥80.00'])
        self.assertTrue(copy.cut)
        printer.paper = 'out'
        job = printed('network-0002', ['收银小票'])
        self.assertEqual((job.state, job.error['code']),
            ('failed', 'paper_out'))

