"""The rows a printer prints one after another: a text line that already fits, a QR code, a
barcode, a 1-bit picture, blank feed, a cut, a drawer kick. `printer.layout` makes them from a
receipt; `printer.escpos` turns them into bytes, `printer.picture` into an image, and the emulator
reads bytes back into them.
"""

from __future__ import annotations

from dataclasses import dataclass

from printer.code128 import Code128
from printer.document import Align

LINE_DOTS = 30  # 24-dot glyphs plus the default 6-dot line gap (ESC 2)
BARCODE_HEIGHT = 80  # dots: 10 mm, comfortable for a scanner gun


@dataclass(frozen=True)
class TextRow:
    text: str  # printable text that fits the line at its size
    align: Align = "left"
    bold: bool = False
    size: int = 1


@dataclass(frozen=True)
class QRRow:
    data: str
    size: int  # module size in dots
    ec: str = "M"


@dataclass(frozen=True)
class BarcodeRow:
    code: Code128
    module: int  # bar module width in dots
    height: int = BARCODE_HEIGHT
    hri: bool = True  # human-readable text under the bars


@dataclass(frozen=True)
class ImageRow:
    width: int
    height: int
    bits: bytes  # rows of ceil(width/8) bytes, most significant bit left, 1 = black
    align: Align = "center"


@dataclass(frozen=True)
class FeedRow:
    lines: int


@dataclass(frozen=True)
class CutRow:
    partial: bool = True


@dataclass(frozen=True)
class DrawerRow:
    pin: int = 0


Row = TextRow | QRRow | BarcodeRow | ImageRow | FeedRow | CutRow | DrawerRow
