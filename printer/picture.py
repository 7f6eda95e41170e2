"""Printed rows as a picture, the way a 203 dpi thermal printer would put them on paper.

Two users: the raster fallback (a printer without a Chinese font gets the whole receipt
as a 1-bit image) and the emulator's PNG preview. Text is drawn cell by cell (12x24
dots per ASCII character, 24x24 per Chinese one, times the size) so columns line up as
they do on paper. The CJK font is found once (`receipt_font()`); without one, Chinese
characters are drawn as boxes and nothing fails.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from printer import text
from printer.rows import (
    LINE_DOTS,
    BarcodeRow,
    CutRow,
    DrawerRow,
    FeedRow,
    ImageRow,
    QRRow,
    Row,
    TextRow,
)

FONT_ENV = "VILLAGE_STATION_RECEIPT_FONT"  # a .ttf/.ttc/.otf path, optionally "path:index"
CELL = 12  # dots per half-width column
GLYPH = 24  # glyph height in dots at size 1
QUIET_QR = 4  # modules of white around a QR code


def _font_candidates() -> list[Path]:
    windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [
        Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
        Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
        Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"),
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        windows / "msyh.ttc", windows / "simsun.ttc", windows / "simhei.ttf",
        Path("/System/Library/Fonts/PingFang.ttc"),
    ]


def _simplified_index(path: str) -> int:
    """In a font collection, the face for Simplified Chinese; the monospaced one (ASCII
    exactly half as wide, as on a printer) when there is one. Noto puts Japanese first."""
    names: list[str] = []
    for index in range(12):
        try:
            names.append(ImageFont.truetype(path, 12, index=index).getname()[0] or "")
        except OSError:
            break
    for want in ("Mono", ""):
        for index, name in enumerate(names):
            if name.endswith(" SC") and want in name:
                return index
    return 0


@functools.cache
def receipt_font() -> tuple[str, int] | None:
    """(file, face index) of a CJK font, or None: $VILLAGE_STATION_RECEIPT_FONT, the usual
    places on Linux, Windows and macOS, then fontconfig's list of Chinese fonts."""
    env = os.environ.get(FONT_ENV)
    if env:
        head, _, tail = env.rpartition(":")
        path, index = (head, int(tail)) if head and tail.isdigit() else (env, 0)
        if Path(path).exists():
            return path, index
    for candidate in _font_candidates():
        if candidate.exists():
            return str(candidate), _simplified_index(str(candidate))
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=zh-cn", "file"], capture_output=True,
                                 text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        files = sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})
        if files:
            return files[0], _simplified_index(files[0])
    return None


@functools.lru_cache(maxsize=16)
def _font(px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    found = receipt_font()
    if found:
        try:
            return ImageFont.truetype(found[0], px, index=found[1])
        except OSError:
            pass
    return ImageFont.load_default(size=px)


@functools.lru_cache(maxsize=4096)
def _glyph(ch: str, size: int, bold: bool) -> Image.Image:
    """One character as a mask filling its printer cell."""
    w, h = CELL * text.char_width(ch) * size, GLYPH * size
    cell = Image.new("L", (w, h), 0)
    px = int(GLYPH * size * (0.92 if ch >= "\x80" else 0.95))
    ImageDraw.Draw(cell).text((w / 2, h / 2), ch, font=_font(px), fill=255, anchor="mm",
                              stroke_width=1 if bold else 0, stroke_fill=255)
    return cell


def text_strip(row: TextRow, dots: int) -> Image.Image:
    strip = Image.new("L", (dots, GLYPH * row.size + LINE_DOTS - GLYPH), 255)
    line_dots = CELL * row.size * text.width(row.text)
    x = {"left": 0, "center": (dots - line_dots) // 2, "right": dots - line_dots}[row.align]
    x = max(0, x)
    for ch in row.text:
        glyph = _glyph(ch, row.size, row.bold)
        if ch != " ":
            strip.paste(0, (x, 0, x + glyph.width, glyph.height), glyph)
        x += glyph.width
    return strip


def qr_image(row: QRRow) -> Image.Image:
    """The QR symbol with its quiet zone, black on white, `row.size` dots per module."""
    import qrcode
    from qrcode import constants

    level = {"L": constants.ERROR_CORRECT_L, "M": constants.ERROR_CORRECT_M,
             "Q": constants.ERROR_CORRECT_Q, "H": constants.ERROR_CORRECT_H}[row.ec]
    qr = qrcode.QRCode(error_correction=level, box_size=row.size, border=QUIET_QR)
    qr.add_data(row.data.encode("utf-8"))
    qr.make(fit=True)
    matrix = qr.get_matrix()  # includes the border
    n = len(matrix)
    img = Image.new("L", (n, n), 255)
    img.putdata([0 if dark else 255 for line in matrix for dark in line])
    return img.resize((n * row.size, n * row.size), Image.Resampling.NEAREST)


def barcode_image(row: BarcodeRow) -> Image.Image:
    """Code128 bars with quiet zones, and the human-readable text under them."""
    from printer.code128 import QUIET

    modules = row.code.modules()
    wide = (len(modules) + 2 * QUIET) * row.module
    hri = row.hri and row.code.text
    img = Image.new("L", (wide, row.height + (LINE_DOTS if hri else 0)), 255)
    draw = ImageDraw.Draw(img)
    x = QUIET * row.module
    for bit in modules:
        if bit == "1":
            draw.rectangle((x, 0, x + row.module - 1, row.height - 1), fill=0)
        x += row.module
    if hri:
        label = text_strip(TextRow(row.code.text, "center"), wide)
        img.paste(label.crop((0, 0, wide, LINE_DOTS)), (0, row.height))
    return img


def image_strip(row: ImageRow) -> Image.Image:
    data = bytes(b ^ 0xFF for b in row.bits)
    return Image.frombytes("1", (row.width, row.height), data).convert("L")


def _centered(img: Image.Image, dots: int, align: str = "center", pad: int = 0) -> Image.Image:
    strip = Image.new("L", (dots, img.height + 2 * pad), 255)
    x = {"left": 0, "center": (dots - img.width) // 2, "right": dots - img.width}.get(align, 0)
    strip.paste(img.crop((0, 0, min(img.width, dots), img.height)), (max(0, x), pad))
    return strip


def draw(rows: list[Row], dots: int, *, marks: bool = True) -> Image.Image:
    """The rows as a greyscale picture `dots` wide. With `marks`, cuts show as a dashed
    line and drawer kicks as a note (a preview); without, they take no room (raster)."""
    strips: list[Image.Image] = []
    for row in rows:
        if isinstance(row, TextRow):
            strips.append(text_strip(row, dots))
        elif isinstance(row, QRRow):
            strips.append(_centered(qr_image(row), dots))
        elif isinstance(row, BarcodeRow):
            strips.append(_centered(barcode_image(row), dots, pad=6))
        elif isinstance(row, ImageRow):
            strips.append(_centered(image_strip(row), dots, row.align))
        elif isinstance(row, FeedRow):
            strips.append(Image.new("L", (dots, LINE_DOTS * row.lines), 255))
        elif isinstance(row, CutRow) and marks:
            cut = Image.new("L", (dots, 24), 255)
            ImageDraw.Draw(cut).line([(0, 12), (dots, 12)], fill=96, width=2)
            for x in range(0, dots, 16):
                ImageDraw.Draw(cut).line([(x + 8, 12), (x + 15, 12)], fill=255, width=2)
            strips.append(cut)
        elif isinstance(row, DrawerRow) and marks:
            strips.append(text_strip(TextRow(f"[cash drawer pin {2 if row.pin == 0 else 5}]", "center"), dots))
    height = sum(s.height for s in strips) or 1
    page = Image.new("L", (dots, height), 255)
    y = 0
    for s in strips:
        page.paste(s, (0, y))
        y += s.height
    return page
