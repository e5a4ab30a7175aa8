"""Simulation mode (`iot-box --simulate`, used by `make demo`): the box
with an encoder, a serial swipe reader and a receipt printer that are
simulators on ptys, so the desk flows can be tried without hardware. The
box opens the ptys through its ordinary drivers; the simulators speak the
devices' protocols. A swipe is typed into the reader's pty as a reader
sends it; the card in the encoder's slot can be swiped there too."""
import os

from . import track
from .printer_sim import PrinterSimulator
from .simulated import Simulated
from .simulator import EncoderSimulator


class ReaderSimulator(Simulated):
    "A serial swipe reader on a pty: swipe(text) sends what a reader sends"

    def swipe(self, text):
        os.write(self.master, text.encode('ascii') + b'\r')


class Simulation:
    def __init__(self):
        self.encoder = EncoderSimulator().start()
        self.reader = ReaderSimulator().start()
        self.printer = PrinterSimulator().start()

    def devices(self):
        "The device specifications of the simulated desk"
        return [
            {'name': 'encoder', 'kind': 'encoder', 'url': self.encoder.path,
                'timeout': 5},
            {'name': 'reader', 'kind': 'reader', 'url': self.reader.path},
            {'name': 'printer', 'kind': 'printer', 'url': self.printer.url},
            ]

    def encoder_card(self):
        "The swipe text of the card in the encoder's slot (None if blank)"
        card = self.encoder.card
        if not card:
            return None
        return ''.join(track.frame(n, track.decode(n, card[n]))
            for n in sorted(card))

    def stop(self):
        for simulator in (self.encoder, self.reader, self.printer):
            simulator.stop()
