"""Lay a receipt out for one paper width and printer profile: a list of printed rows.

Rows are what a printer prints one after another: a text line that already fits, a QR
code, a barcode, a 1-bit picture, blank feed, a cut, a drawer kick. Both renderers use
them (ESC/POS bytes in `printer.escpos`, pictures in `printer.picture`), and the
emulator reads bytes back into the same rows, so `preview()` of either side is the
same text when nothing was lost on the way.
"""

from __future__ import annotations

import functools
import io
import logging
from typing import TYPE_CHECKING

from printer import code128, text
from printer.document import (
    QR,
    Align,
    Barcode,
    Cut,
    Drawer,
    Feed,
    Image,
    Pair,
    Receipt,
    Rule,
    Table,
    Text,
)
from printer.picture import barcode_image, qr_image
from printer.profiles import Paper, Profile
from printer.rows import (
    BARCODE_HEIGHT,
    BarcodeRow,
    CutRow,
    DrawerRow,
    FeedRow,
    ImageRow,
    QRRow,
    Row,
    TextRow,
)

if TYPE_CHECKING:
    from PIL import Image as PILImage

log = logging.getLogger(__name__)
QR_MAX_MODULE = 6  # dots per QR module: 0.75 mm reads well with phones and scan guns
TEAR_OFF_LINES = 4  # feed past the tear bar on printers without a cutter


def layout(doc: Receipt, paper: Paper, profile: Profile) -> list[Row]:
    """The rows that print `doc` on `paper` with what `profile` can do natively.

    QR codes and barcodes the printer cannot draw become pictures; a cut becomes a
    tear-off feed on a printer without a cutter. Never raises for long or odd text.
    """
    rows: list[Row] = []
    for block in doc.blocks:
        if isinstance(block, Text):
            cols = paper.columns // block.size
            rows += [TextRow(line, block.align, block.bold, block.size)
                     for line in text.wrap(text.printable(block.text), cols)]
        elif isinstance(block, Pair):
            lines = pair_lines(block.label, block.value, paper.columns // block.size)
            if block.size > 1 and len(lines) > 1:  # a big total that does not fit: label small, value big
                rows += [TextRow(line, "left", block.bold) for line in text.wrap(text.printable(block.label),
                                                                                paper.columns)]
                rows += [TextRow(line, "right", block.bold, block.size)
                         for line in text.wrap(text.printable(block.value), paper.columns // block.size)]
            else:
                rows += [TextRow(line, "left", block.bold, block.size) for line in lines]
        elif isinstance(block, Table):
            rows += [TextRow(line) for line in table_lines(block, paper.columns)]
        elif isinstance(block, Rule):
            rows.append(TextRow(block.char * paper.columns))
        elif isinstance(block, QR):
            rows.append(_qr_row(block, paper, profile))
        elif isinstance(block, Barcode):
            rows += _barcode_rows(block, paper, profile)
        elif isinstance(block, Image):
            try:
                rows.append(image_row(block.png, paper.dots))
            except (OSError, ValueError, SyntaxError):  # a damaged picture is left out, the text still prints
                log.warning("receipt %s: picture left out, it cannot be read", doc.kind)
        elif isinstance(block, Feed):
            rows.append(FeedRow(block.lines))
        elif isinstance(block, Cut):
            rows.append(CutRow(block.partial) if profile.cut else FeedRow(TEAR_OFF_LINES))
        elif isinstance(block, Drawer):
            rows.append(DrawerRow(block.pin))
    return rows


def pair_lines(label: str, value: str, columns: int) -> list[str]:
    """Label left, value right on one line; a long value wraps under itself (hanging indent)."""
    label, value = text.printable(label), text.printable(value)
    lw, vw = text.width(label), text.width(value)
    if "\n" not in value and lw + 1 + vw <= columns:
        return [label + " " * (columns - lw - vw) + value]
    if lw + 1 <= columns // 3:
        body = text.wrap(value, columns - lw - 1)
        return [label + " " + body[0]] + [" " * (lw + 1) + line for line in body[1:]]
    return text.wrap(label, columns) + text.wrap(value, columns)


def table_lines(table: Table, columns: int) -> list[str]:
    """A table as text lines; the flexible column takes what the fixed ones leave."""
    gaps = len(table.columns) - 1
    fixed = sum(c.width or 0 for c in table.columns)
    rest = max(columns - fixed - gaps, 4)
    widths = [c.width if c.width is not None else rest for c in table.columns]
    if sum(widths) + gaps > columns:  # fixed columns too wide for this paper: shrink evenly
        scale = (columns - gaps) / sum(widths)
        widths = [max(2, int(w * scale)) for w in widths]
    lines: list[str] = []
    rows = list(table.rows)
    if table.header:
        rows.insert(0, tuple(c.title for c in table.columns))
    for n, row in enumerate(rows):
        cells = [text.wrap(text.printable(v), w) for v, w in zip(row, widths, strict=True)]
        for i in range(max(len(c) for c in cells)):
            parts = []
            for cell, w, col in zip(cells, widths, table.columns, strict=True):
                parts.append(_fit(cell[i] if i < len(cell) else "", w, col.align))
            lines.append(" ".join(parts).rstrip())
        if table.header and n == 0:
            lines.append("-" * columns)
    return lines


def _fit(s: str, columns: int, align: Align) -> str:
    pad = columns - text.width(s)
    if align == "right":
        return " " * pad + s
    if align == "center":
        return " " * (pad // 2) + s + " " * (pad - pad // 2)
    return s + " " * pad


def qr_modules(data: str, ec: str) -> int:
    """Modules across the QR symbol a printer makes for `data` (byte mode, at most)."""
    from qrcode import constants, util

    level = {"L": constants.ERROR_CORRECT_L, "M": constants.ERROR_CORRECT_M,
             "Q": constants.ERROR_CORRECT_Q, "H": constants.ERROR_CORRECT_H}[ec]
    n = len(data.encode("utf-8"))
    for version in range(1, 41):
        bits = 4 + (8 if version < 10 else 16) + 8 * n
        if bits <= util.BIT_LIMIT_TABLE[level][version]:
            return 17 + 4 * version
    return 177


def _qr_row(block: QR, paper: Paper, profile: Profile) -> Row:
    modules = qr_modules(block.data, block.ec)
    size = block.size or max(1, min(QR_MAX_MODULE, paper.dots // (modules + 8)))
    size = min(size, max(1, paper.dots // (modules + 8)))
    row = QRRow(block.data, size, block.ec)
    if profile.qr:
        return row
    return pack_image(qr_image(row), "center")


def _barcode_rows(block: Barcode, paper: Paper, profile: Profile) -> list[Row]:
    code = code128.encode(block.data)
    module = next((m for m in (3, 2, 1) if code.width() * m <= paper.dots), 0)
    if module == 0:  # too long to scan on this paper: print the characters instead
        return [TextRow(line, "center") for line in text.wrap(block.data, paper.columns)]
    row = BarcodeRow(code, module, BARCODE_HEIGHT, block.text)
    if profile.code128:
        return [row]
    return [pack_image(barcode_image(row), "center")]


@functools.lru_cache(maxsize=32)
def image_row(png: bytes, max_width: int) -> ImageRow:
    """A PNG as a 1-bit image no wider than `max_width` dots (dark pixels print)."""
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(png)) as opened:
        img: PILImage.Image = opened.convert("RGBA") if opened.mode in ("RGBA", "LA", "P") else opened.copy()
    if img.mode == "RGBA":  # transparent parts print as paper
        img = PILImage.alpha_composite(PILImage.new("RGBA", img.size, "white"), img)
    gray = img.convert("L")
    if gray.width > max_width:
        gray = gray.resize((max_width, max(1, gray.height * max_width // gray.width)))
    return pack_image(gray, "center")


def pack_image(gray: PILImage.Image, align: Align) -> ImageRow:
    """A greyscale picture as packed 1-bit rows (threshold at half grey)."""
    mono = gray.convert("L").point(lambda v: 0 if v < 128 else 255, mode="1")
    w, h = mono.size
    data = bytes(b ^ 0xFF for b in mono.tobytes())  # PIL "1": 1 = white; ESC/POS: 1 = black
    stride = (w + 7) // 8
    if w % 8:  # the padding bits past the right edge must stay white
        mask = (0xFF << (8 - w % 8)) & 0xFF
        data = bytes(b & mask if (i % stride) == stride - 1 else b for i, b in enumerate(data))
    return ImageRow(w, h, data, align)


def preview(rows: list[Row], paper: Paper) -> str:
    """The receipt as plain text: what it reads like, one printed line per line."""
    out: list[str] = []
    for row in rows:
        if isinstance(row, TextRow):
            cols = paper.columns // row.size
            pad = cols - text.width(row.text)
            lead = pad // 2 if row.align == "center" else pad if row.align == "right" else 0
            out.append((" " * max(lead, 0) + row.text).rstrip())
        elif isinstance(row, QRRow):
            out.append(f"[QR] {row.data}")
        elif isinstance(row, BarcodeRow):
            out.append(f"[CODE128] {row.code.text}")
        elif isinstance(row, ImageRow):
            out.append(f"[IMAGE {row.width}x{row.height}]")
        elif isinstance(row, FeedRow):
            out += [""] * row.lines
        elif isinstance(row, CutRow):
            out.append("[CUT]")
        elif isinstance(row, DrawerRow):
            out.append("[DRAWER]")
    return "\n".join(out) + "\n"
