"""ISO 7811 magnetic stripe tracks: characters to bits and back.

Track 1 has 6-bit characters (0x20-0x5F, value ord(c) - 0x20) between % and
?; tracks 2 and 3 have 4-bit characters (0x30-0x3F, value ord(c) - 0x30)
between ; and ?. Every character is followed by its odd parity bit, the
end sentinel by the LRC character (the XOR of the values from the start to
the end sentinel, with its own odd parity); bits are recorded LSB first.
The formats are data (FORMATS), the codec is one pair of functions."""
from dataclasses import dataclass


class TrackError(ValueError):
    "A track that cannot be encoded, or bits that are not a valid track"

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class TrackFormat:
    number: int
    bits: int          # data bits per character, without parity
    offset: int        # ord(character) - value
    start: str
    end: str
    separator: str
    capacity: int      # characters, sentinels included

    def value(self, char):
        value = ord(char) - self.offset
        if not 0 <= value < 1 << self.bits:
            raise TrackError('charset',
                f'track {self.number} cannot hold {char!r}')
        return value

    def char(self, value):
        return chr(value + self.offset)


FORMATS = {
    1: TrackFormat(1, 6, 0x20, '%', '?', '^', 79),
    2: TrackFormat(2, 4, 0x30, ';', '?', '=', 40),
    3: TrackFormat(3, 4, 0x30, ';', '?', '=', 107),
    }


def _with_parity(value, bits):
    "value's bits LSB first, then the odd parity bit"
    out = [(value >> i) & 1 for i in range(bits)]
    out.append(1 - sum(out) % 2)
    return out


def frame(number, data):
    "data between the track's sentinels"
    fmt = FORMATS[number]
    return f'{fmt.start}{data}{fmt.end}'


def lrc(number, framed):
    "The LRC value of a framed track (start to end sentinel)"
    fmt = FORMATS[number]
    result = 0
    for char in framed:
        result ^= fmt.value(char)
    return result


def encode(number, data):
    """The bits (a list of 0/1) of data on track number: start sentinel,
    data, end sentinel, LRC, each with its parity"""
    fmt = FORMATS[number]
    if fmt.start in data or fmt.end in data:
        raise TrackError('sentinel',
            f'track {number} data cannot contain a sentinel')
    framed = frame(number, data)
    if len(framed) + 1 > fmt.capacity:
        raise TrackError('length',
            f'track {number} holds {fmt.capacity - 3} characters')
    bits = []
    for char in framed:
        bits.extend(_with_parity(fmt.value(char), fmt.bits))
    bits.extend(_with_parity(lrc(number, framed), fmt.bits))
    return bits


def pack(bits):
    "Bits LSB first into bytes, the last one padded with zeros"
    out = bytearray((len(bits) + 7) // 8)
    for i, bit in enumerate(bits):
        if bit:
            out[i // 8] |= 1 << (i % 8)
    return bytes(out)


def unpack(raw):
    return [(byte >> i) & 1 for byte in raw for i in range(8)]


def decode(number, bits):
    """The data of track number from its bits (leading zeros allowed, the
    padding after the LRC ignored); TrackError when the start sentinel,
    a parity, the end sentinel or the LRC is wrong"""
    fmt = FORMATS[number]
    width = fmt.bits + 1
    try:
        first = bits.index(1)
    except ValueError:
        raise TrackError('blank', f'track {number} is blank') from None
    chars, position = [], first
    while True:
        chunk = bits[position:position + width]
        if len(chunk) < width:
            raise TrackError('end', f'track {number} has no end sentinel')
        if sum(chunk) % 2 != 1:
            raise TrackError('parity',
                f'track {number}: parity error at character {len(chars)}')
        value = sum(bit << i for i, bit in enumerate(chunk[:fmt.bits]))
        position += width
        char = fmt.char(value)
        if not chars and char != fmt.start:
            raise TrackError('start', f'track {number}: no start sentinel')
        chars.append(char)
        if char == fmt.end and len(chars) > 1:
            break
        if len(chars) >= fmt.capacity:
            raise TrackError('end', f'track {number} has no end sentinel')
    chunk = bits[position:position + width]
    if len(chunk) < width or sum(chunk) % 2 != 1:
        raise TrackError('lrc', f'track {number}: LRC missing or bad parity')
    check = sum(bit << i for i, bit in enumerate(chunk[:fmt.bits]))
    framed = ''.join(chars)
    if check != lrc(number, framed):
        raise TrackError('lrc', f'track {number}: LRC does not match')
    return framed[1:-1]
