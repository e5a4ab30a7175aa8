# This file is part of the membership suite. The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Plain-text receipt lines laid out by display width.

Receipt printers in Chinese mode print a character encoded on two GBK bytes
over two columns and an ASCII character over one, so the width of a text is
the length of its GBK encoding. A character GBK cannot encode (an emoji,
``¥``, ``€``) is counted from its Unicode East Asian width, wide and
ambiguous ones as two columns: overcounting leaves a blank, undercounting
wraps the paper line.

Lines are returned without trailing spaces except a pair, which always
fills the width exactly; none is ever wider than the width and no
character is ever cut in half.
"""
import re
import unicodedata

WIDTHS = {'58mm': 32, '80mm': 48}
MIN_WIDTH = 2  # the widest character must fit on a line
WIDE = {'W', 'F', 'A'}
# Pieces wrap() may break between: runs of white space, ASCII words, any
# other single character.
TOKEN_RE = re.compile(r'\s+|[!-~]+|.')


def char_width(char):
    "Return the number of columns the printer uses for char"
    try:
        return len(char.encode('gbk'))
    except UnicodeEncodeError:
        return 2 if unicodedata.east_asian_width(char) in WIDE else 1


def display_width(text):
    "Return the number of columns text takes on the receipt"
    try:
        return len(text.encode('gbk'))
    except UnicodeEncodeError:
        return sum(map(char_width, text))


def truncate(text, width):
    "Return the longest start of text that fits in width columns"
    used = 0
    for index, char in enumerate(text):
        used += char_width(char)
        if used > width:
            return text[:index]
    return text


def center(text, width):
    "Return text centred on a line of width columns, cut if too long"
    text = truncate(text, width)
    return ' ' * ((width - display_width(text)) // 2) + text


def pair(label, value, width):
    """Return label on the left and value ending exactly at width

    The label is cut to leave at least one space before value; value is
    never cut: a value wider than the line is an error.
    """
    value_width = display_width(value)
    if value_width > width:
        raise ValueError(
            "%r is wider than %d columns" % (value, width))
    label = truncate(label, max(width - value_width - 1, 0))
    padding = width - display_width(label) - value_width
    return label + ' ' * padding + value


def wrap(text, width):
    """Return the lines of text filled to width columns

    Lines break at new lines, then between words or wide characters; a word
    longer than a line is cut between characters. Spaces at a break vanish.
    """
    _check_width(width)
    lines = []
    for paragraph in text.splitlines() or ['']:
        lines.extend(_wrap_paragraph(paragraph, width))
    return lines


def _wrap_paragraph(paragraph, width):
    "Return the lines of paragraph, a text without new lines"
    lines, line = [], ''
    for token in TOKEN_RE.findall(paragraph):
        if token.isspace() and lines and not line:
            continue  # no space at the start of a continued line
        if display_width(line + token) <= width:
            line += token
            continue
        if line.strip():
            lines.append(line)
        line = '' if token.isspace() else _cut_long(token, width, lines)
    lines.append(line)
    return [text.rstrip() for text in lines]


def _cut_long(token, width, lines):
    "Append to lines the full-width pieces of token and return the rest"
    while display_width(token) > width:
        head = truncate(token, width)
        lines.append(head)
        token = token[len(head):]
    return token


def rule(width, char='-'):
    "Return a line of char repeated as often as width allows"
    _check_width(width)
    char_columns = display_width(char)
    if not 0 < char_columns <= width:
        raise ValueError("%r cannot make a rule of %d columns" % (char, width))
    return char * (width // char_columns)


def _check_width(width):
    if width < MIN_WIDTH:
        raise ValueError("width must be at least %d" % MIN_WIDTH)


def _render_center(width, text):
    return [center(line, width) for line in wrap(text, width)]


def _render_pair(width, label, value):
    return [pair(label, value, width)]


def _render_text(width, text):
    return wrap(text, width)


def _render_rule(width, char='-'):
    return [rule(width, char)]


def _render_blank(width):
    return ['']


RENDERERS = {
    'center': _render_center,
    'pair': _render_pair,
    'text': _render_text,
    'rule': _render_rule,
    'blank': _render_blank,
    }


def render(blocks, width):
    """Return the lines of blocks laid out on width columns

    Each block is a tuple of its kind and its arguments:
    ``('center', text)`` centred, long text wrapped; ``('pair', label,
    value)`` value right-aligned, label cut; ``('text', text)`` wrapped;
    ``('rule',)`` or ``('rule', char)``; ``('blank',)`` an empty line.
    """
    _check_width(width)
    lines = []
    for kind, *args in blocks:
        try:
            renderer = RENDERERS[kind]
        except KeyError:
            raise ValueError("unknown block kind %r" % kind) from None
        lines.extend(renderer(width, *args))
    return lines
