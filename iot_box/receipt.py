"""Receipts on ESC/POS printers, in Chinese.

A job is the text of each copy (as member_account's slips render it,
laid out by display width); each copy is sent as one block: initialise,
enter the Chinese mode (FS &), its heading lines bold and double height,
every line encoded with the printer's codec (GB18030 by default: all the
text ourselves, python-escpos would send lone full-width punctuation in a
single-byte code page), leave the Chinese mode, feed and cut. The bytes go
through a python-escpos printer (Serial, Usb, Network, or Dummy in tests).
decode() reads such bytes back, for the tests and the simulated printer."""
from dataclasses import dataclass, field

INIT = b'\x1b@'
CHINESE_ON, CHINESE_OFF = b'\x1c&', b'\x1c.'
BOLD_ON, BOLD_OFF = b'\x1bE\x01', b'\x1bE\x00'
TALL, NORMAL = b'\x1d!\x01', b'\x1d!\x00'
FEED_LINES = 3
CUT = b'\x1dV\x01'  # partial cut
PAPER_STATUS = b'\x10\x04\x04'  # DLE EOT 4: the roll paper sensors
# what decode() knows: command -> its length in bytes
COMMANDS = {
    INIT: 2, CHINESE_ON: 2, CHINESE_OFF: 2,
    b'\x1bE': 3, b'\x1d!': 3, b'\x1dV': 3,
    }


class ReceiptError(ValueError):
    "Bytes that are not a receipt of ours"


def copy_bytes(text, headings=3, codec='gb18030'):
    "The bytes of one copy: its first headings lines bold and tall"
    out = bytearray(INIT + CHINESE_ON)
    for index, line in enumerate(text.split('\n')):
        encoded = line.encode(codec) + b'\n'
        if index < headings and line.strip():
            out += BOLD_ON + TALL + encoded + NORMAL + BOLD_OFF
        else:
            out += encoded
    out += CHINESE_OFF + b'\n' * FEED_LINES + CUT
    return bytes(out)


def print_receipt(printer, copies, headings=3, codec='gb18030'):
    """Send the copies to printer (a python-escpos printer) as one job,
    a cut after each"""
    printer._raw(b''.join(copy_bytes(text, headings, codec)
            for text in copies))


@dataclass
class Line:
    text: str
    bold: bool = False
    tall: bool = False


@dataclass
class Copy:
    lines: list = field(default_factory=list)
    chinese: bool = False
    cut: bool = False


def decode(raw, codec='gb18030'):
    """The copies printed by raw: their lines (with bold and tall), whether
    the Chinese mode was on, whether each ended with a cut"""
    copies, current = [], None
    bold = tall = False
    text = bytearray()
    index = 0
    while index < len(raw):
        two = raw[index:index + 2]
        if two in COMMANDS:
            length = COMMANDS[two]
            if index + length > len(raw):
                raise ReceiptError(f'command cut short at {index}')
            argument = raw[index + 2] if length == 3 else None
            if two == INIT:
                current = Copy()
                copies.append(current)
                bold = tall = False
            elif current is None:
                raise ReceiptError('command before ESC @')
            elif two == CHINESE_ON:
                current.chinese = True
            elif two == b'\x1bE':
                bold = bool(argument & 1)
            elif two == b'\x1d!':
                tall = bool(argument & 0x0F)
            elif two == b'\x1dV':
                current.cut = True
            index += length
            continue
        byte = raw[index]
        if byte in (0x1b, 0x1c, 0x1d, 0x10):
            raise ReceiptError(f'unknown command {raw[index:index + 2]!r}')
        if current is None:
            raise ReceiptError('text before ESC @')
        if byte == 0x0a:
            current.lines.append(Line(text.decode(codec), bold, tall))
            text.clear()
        else:
            text.append(byte)
        index += 1
    for copy in copies:  # the feed before the cut prints no text
        while copy.lines and not copy.lines[-1].text:
            copy.lines.pop()
    return copies


def paper_status(byte):
    """'ok', 'near_end' or 'out' from the answer to DLE EOT 4 (the roll
    paper sensors: bits 2-3 near end, bits 5-6 out)"""
    if byte & 0x93 != 0x12:
        raise ReceiptError(f'not a paper status: {byte:#04x}')
    if byte & 0x60:
        return 'out'
    if byte & 0x0C:
        return 'near_end'
    return 'ok'
