"""A receipt's copies drawn as a PNG (the simulated printer's paper): a
monospaced CJK font, headings bold and double height (stretched, as GS !
does, not wider), a dashed cut line after each copy. Needs Pillow (python-escpos depends on it) and a Noto CJK
font (Debian fonts-noto-cjk)."""
import io

# (path, face index): Noto Sans Mono CJK SC in Debian's collection
FONTS = [
    ('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 7),
    ('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 1),
    ]
SIZE = 20
MARGIN = 16


def _font(size):
    from PIL import ImageFont
    for path, index in FONTS:
        try:
            return ImageFont.truetype(path, size, index=index)
        except OSError:
            continue
    return ImageFont.load_default(size)


def render_png(copies, columns=32):
    """PNG bytes of copies (receipt.Copy) on a paper at least columns wide
    (wider when a line is)"""
    from PIL import Image, ImageDraw
    font = _font(SIZE)
    longest = max([font.getlength(line.text) for copy in copies
            for line in copy.lines] + [columns * SIZE / 2])
    width = MARGIN * 2 + int(longest) + SIZE
    step = SIZE + 6
    rows = []
    for copy in copies:
        for line in copy.lines:
            rows.append((line, step * (2 if line.tall else 1)))
        rows.append((None, step))
    height = MARGIN * 2 + sum(r[1] for r in rows)
    image = Image.new('L', (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for line, row in rows:
        if line is None:
            for x in range(0, width, 12):
                draw.line([(x, y + row // 2), (x + 6, y + row // 2)], 0)
        else:
            strip = Image.new('L', (width - MARGIN, step), 255)
            ImageDraw.Draw(strip).text((0, 2), line.text, fill=0, font=font,
                stroke_width=1 if line.bold else 0, stroke_fill=0)
            if line.tall:
                strip = strip.resize((strip.width, row))
            image.paste(strip, (MARGIN, y))
        y += row
    out = io.BytesIO()
    image.save(out, 'PNG')
    return out.getvalue()
