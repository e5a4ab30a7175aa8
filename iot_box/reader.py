"""Swipe readers: what a reader sends turned into tracks.

A serial swipe reader sends the tracks as text between their sentinels
(%...? for track 1, ;...? for tracks 2 and 3) and a line end; a
keyboard-wedge reader types the same text as key presses, which the box
reads from the input device (evdev, grabbed so nothing else receives them)
and turns back into text with decode_keys. parse_swipe checks the framing
and the character sets; card numbers never reach a log."""
import re

from .track import FORMATS, TrackError

SWIPE_RE = re.compile(
    r'^(?:%(?P<t1>[^%?]*)\?)?(?:;(?P<t2>[^;?]*)\?)?(?:;(?P<t3>[^;?]*)\?)?$')


def parse_swipe(text):
    """{track number: data} of a swipe as a reader sends it; TrackError
    when it is not one (a misread swipe, typing, garbage)"""
    text = (text or '').strip('\r\n')
    match = SWIPE_RE.match(text)
    if not text or not match or not any(match.groups()):
        raise TrackError('framing', 'not a card swipe')
    tracks = {}
    for number in (1, 2, 3):
        data = match.group(f't{number}')
        if data:
            fmt = FORMATS[number]
            for char in data:
                fmt.value(char)  # TrackError for a character off the set
            if len(data) + 3 > fmt.capacity:
                raise TrackError('length', f'track {number} too long')
            tracks[number] = data
    return tracks


def dispatch(line, on_swipe, on_refused):
    "Hand the tracks of a reader's line to on_swipe, or its refusal's code"
    try:
        tracks = parse_swipe(line)
    except TrackError as error:
        on_refused(error.code)
    else:
        on_swipe(tracks)


def mask(text):
    "What a log may show of a swipe: its length only"
    return f'<swipe of {len(text or "")} characters>'


# evdev key codes of a US layout (linux/input-event-codes.h) to characters,
# unshifted and shifted
KEY_ENTER, KEY_KPENTER = 28, 96
SHIFT_KEYS = {42, 54}
_ROWS = {
    2: '1!', 3: '2@', 4: '3#', 5: '4$', 6: '5%', 7: '6^', 8: '7&', 9: '8*',
    10: '9(', 11: '0)', 12: '-_', 13: '=+', 39: ';:', 40: "'\"", 51: ',<',
    52: '.>', 53: '/?', 57: '  ',
    }
_LETTERS = dict(zip(
        [16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 30, 31, 32, 33, 34, 35, 36,
            37, 38, 44, 45, 46, 47, 48, 49, 50],
        'qwertyuiopasdfghjklzxcvbnm'))
KEYMAP = {**_ROWS, **{code: letter + letter.upper()
        for code, letter in _LETTERS.items()}}


class KeyDecoder:
    """Key events ((code, value): value 1 down, 0 up, 2 repeat) of a US
    layout, shift tracked, back into the lines they type"""

    def __init__(self):
        self.shifted = set()
        self.line = []

    def feed(self, code, value):
        "The line ended by this event (Enter), else None"
        if code in SHIFT_KEYS:
            if value:
                self.shifted.add(code)
            else:
                self.shifted.discard(code)
            return None
        if value != 1:
            return None
        if code in (KEY_ENTER, KEY_KPENTER):
            line, self.line = ''.join(self.line), []
            return line
        if code in KEYMAP:
            self.line.append(KEYMAP[code][1 if self.shifted else 0])
        return None


def decode_keys(events):
    "(the lines typed by events, what was typed after the last Enter)"
    decoder = KeyDecoder()
    lines = [line for line in (decoder.feed(c, v) for c, v in events)
        if line is not None]
    return lines, ''.join(decoder.line)


def encode_keys(text):
    """The key events a wedge reader sends typing text and Enter (for the
    simulated reader and the tests)"""
    codes = {}
    for code, pair in KEYMAP.items():
        codes.setdefault(pair[0], (code, False))
        codes.setdefault(pair[1], (code, True))
    events = []
    for char in text:
        code, shift = codes[char]
        if shift:
            events.append((42, 1))
        events += [(code, 1), (code, 0)]
        if shift:
            events.append((42, 0))
    return events + [(KEY_ENTER, 1), (KEY_ENTER, 0)]


class SwipeLines:
    """A serial.threaded protocol of a serial swipe reader: each line it
    sends is a swipe, handed to on_swipe(tracks) or on_refused(code)"""

    def __init__(self, on_swipe, on_refused):
        self.on_swipe = on_swipe
        self.on_refused = on_refused

    def __call__(self):
        from serial.threaded import LineReader

        outer = self

        class Protocol(LineReader):
            TERMINATOR = b'\r'
            ENCODING = 'ascii'
            UNICODE_HANDLING = 'replace'

            def handle_line(self, line):
                line = line.strip('\n')
                if line:
                    dispatch(line, outer.on_swipe, outer.on_refused)
        return Protocol()


def open_serial_reader(url, on_swipe, on_refused, baudrate=9600):
    """Start reading swipes from the serial reader at url (a device, a pty,
    socket://...); returns the started serial.threaded.ReaderThread"""
    import serial
    from serial.threaded import ReaderThread
    port = serial.serial_for_url(url, baudrate=baudrate, timeout=0.1,
        dsrdtr=False)
    thread = ReaderThread(port, SwipeLines(on_swipe, on_refused))
    thread.start()
    thread.connect()
    return thread
