"""A receipt's copies drawn as a PNG (the simulated printer's paper): a
monospaced CJK font, headings bold and double height, a dashed cut line
after each copy. Needs Pillow (python-escpos depends on it) and a Noto CJK
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
    "PNG bytes of copies (receipt.Copy) on a paper columns wide"
    from PIL import Image, ImageDraw
    font, tall = _font(SIZE), _font(SIZE * 2)
    width = MARGIN * 2 + columns * SIZE // 2 + SIZE
    rows = []
    for copy in copies:
        for line in copy.lines:
            rows.append((line, tall if line.tall else font,
                    SIZE * (2 if line.tall else 1) + 6))
        rows.append((None, None, SIZE + 6))
    height = MARGIN * 2 + sum(r[2] for r in rows)
    image = Image.new('L', (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for line, face, step in rows:
        if line is None:
            for x in range(0, width, 12):
                draw.line([(x, y + step // 2), (x + 6, y + step // 2)], 0)
        else:
            draw.text((MARGIN, y), line.text, fill=0, font=face,
                stroke_width=1 if line.bold else 0, stroke_fill=0)
        y += step
    out = io.BytesIO()
    image.save(out, 'PNG')
    return out.getvalue()
