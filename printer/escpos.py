"""Receipts to ESC/POS bytes for 58 mm (32 columns, 384 dots) and 80 mm (48 columns, 576 dots).

Chinese goes in the printer's Chinese mode: `FS &`, the GB18030 (= GBK) bytes, `FS .`;
ASCII goes outside it. Sizes with `GS !` (which sizes Chinese and ASCII alike), QR with
the printer's own `GS ( k`, Code128 with `GS k 73` (code set C for digit runs), cut
with `GS V`, drawer kick with `ESC p`. A printer without a Chinese font gets the whole
receipt as a 1-bit picture (`GS v 0`), blank stretches sent as paper feed.
"""

from __future__ import annotations

from printer import profiles
from printer.document import Receipt
from printer.layout import layout, pack_image
from printer.profiles import Paper, Profile
from printer.rows import (
    BarcodeRow,
    CutRow,
    DrawerRow,
    FeedRow,
    ImageRow,
    QRRow,
    Row,
    TextRow,
)

ESC, GS, FS, DLE, LF = b"\x1b", b"\x1d", b"\x1c", b"\x10", b"\n"
INIT = ESC + b"@"
CHINESE_ON, CHINESE_OFF = FS + b"&", FS + b"."
ALIGN = {"left": 0, "center": 1, "right": 2}
EC = {"L": 48, "M": 49, "Q": 50, "H": 51}
RASTER_BAND = 240  # rows per GS v 0 command: small enough for the buffer of a cheap printer
DRAWER_ON, DRAWER_OFF = 25, 250  # x 2 ms: the pulse most drawers want


def resolve(paper: int | Paper | None = None, profile: str | Profile | None = None) -> tuple[Paper, Profile]:
    """The paper and profile to render for: the paper given wins, else the profile's,
    else 58 mm; no profile means the generic one for that paper."""
    if isinstance(profile, Profile):
        prof = profile
    else:
        prof = profiles.profile(profile, profiles.paper(paper).mm if paper else 58)
    return profiles.paper(paper or prof.paper_mm), prof


def render(doc: Receipt, paper: int | Paper | None = None, profile: str | Profile | None = None) -> bytes:
    """The bytes that print `doc` (natively, or as a picture when the printer has no Chinese font)."""
    pap, prof = resolve(paper, profile)
    rows = layout(doc, pap, prof)
    return encode_raster(rows, pap) if not prof.chinese_font else encode(rows)


def render_raster(doc: Receipt, paper: int | Paper | None = None, profile: str | Profile | None = None) -> bytes:
    """The whole receipt as a picture, whatever the printer can do (cut and drawer stay commands)."""
    pap, prof = resolve(paper, profile)
    return encode_raster(layout(doc, pap, prof), pap)


class _Encoder:
    """Rows to bytes, sending a style command only when the style changes."""

    def __init__(self) -> None:
        self.out = bytearray(INIT)
        self.align, self.bold, self.size = "left", False, 1

    def style(self, align: str = "left", bold: bool = False, size: int = 1) -> None:
        if align != self.align:
            self.out += ESC + b"a" + bytes([ALIGN[align]])
            self.align = align
        if bold != self.bold:
            self.out += ESC + b"E" + bytes([bold])
            self.bold = bold
        if size != self.size:
            self.out += GS + b"!" + bytes([(size - 1) << 4 | (size - 1)])
            self.size = size

    def text(self, row: TextRow) -> None:
        self.style(row.align, row.bold, row.size)
        self.out += encode_text(row.text) + LF

    def qr(self, row: QRRow) -> None:
        self.style("center")
        data = row.data.encode("utf-8")
        store = len(data) + 3
        self.out += (GS + b"(k\x04\x00\x31\x41\x32\x00"  # model 2
                     + GS + b"(k\x03\x00\x31\x43" + bytes([row.size])
                     + GS + b"(k\x03\x00\x31\x45" + bytes([EC[row.ec]])
                     + GS + b"(k" + bytes([store & 0xFF, store >> 8]) + b"\x31\x50\x30" + data
                     + GS + b"(k\x03\x00\x31\x51\x30")

    def barcode(self, row: BarcodeRow) -> None:
        self.style("center")
        data = row.code.escpos_data()
        self.out += (GS + b"h" + bytes([row.height]) + GS + b"w" + bytes([row.module])
                     + GS + b"H" + bytes([2 if row.hri else 0]) + GS + b"f\x00"
                     + GS + b"k\x49" + bytes([len(data)]) + data)

    def image(self, row: ImageRow) -> None:
        self.style(row.align)
        self.out += raster(row)

    def row(self, row: Row) -> None:
        if isinstance(row, TextRow):
            self.text(row)
        elif isinstance(row, QRRow):
            self.qr(row)
        elif isinstance(row, BarcodeRow):
            self.barcode(row)
        elif isinstance(row, ImageRow):
            self.image(row)
        elif isinstance(row, FeedRow):
            self.out += ESC + b"d" + bytes([row.lines])
        elif isinstance(row, CutRow):
            self.out += GS + b"V" + (b"B" if row.partial else b"A") + b"\x00"
        elif isinstance(row, DrawerRow):
            self.out += ESC + b"p" + bytes([row.pin, DRAWER_ON, DRAWER_OFF])


def encode(rows: list[Row]) -> bytes:
    """Native ESC/POS for laid-out rows (starting with ESC @)."""
    enc = _Encoder()
    for row in rows:
        enc.row(row)
    return bytes(enc.out)


def encode_text(line: str) -> bytes:
    """A printable line: ASCII as is, every run of Chinese inside FS & ... FS . as GB18030."""
    out = bytearray()
    run: list[str] = []
    for ch in line:
        if ch < "\x80":
            if run:
                out += CHINESE_ON + "".join(run).encode("gb18030") + CHINESE_OFF
                run = []
            out += ch.encode("ascii")
        else:
            run.append(ch)
    if run:
        out += CHINESE_ON + "".join(run).encode("gb18030") + CHINESE_OFF
    return bytes(out)


def raster(row: ImageRow) -> bytes:
    """GS v 0 commands for a 1-bit image, in bands a small printer buffer can take."""
    stride = (row.width + 7) // 8
    out = bytearray()
    for top in range(0, row.height, RASTER_BAND):
        rows = min(RASTER_BAND, row.height - top)
        out += (GS + b"v0\x00" + bytes([stride & 0xFF, stride >> 8, rows & 0xFF, rows >> 8])
                + row.bits[top * stride:(top + rows) * stride])
    return bytes(out)


def encode_raster(rows: list[Row], paper: Paper) -> bytes:
    """Rows as pictures; blank scan lines become `ESC J` paper feed and each band is cut
    to its last inked byte, so white paper costs almost nothing to send."""
    from printer.picture import draw

    out = bytearray(INIT)
    pending: list[Row] = []

    def flush() -> None:
        if pending:
            out.extend(_raster_page(pack_image(draw(pending, paper.dots, marks=False), "left")))
            pending.clear()

    for row in rows:
        if isinstance(row, CutRow | DrawerRow):
            flush()
            out.extend(encode([row])[len(INIT):])
        else:
            pending.append(row)
    flush()
    return bytes(out)


def _raster_page(img: ImageRow) -> bytes:
    stride = (img.width + 7) // 8
    lines = [img.bits[y * stride:(y + 1) * stride] for y in range(img.height)]
    out = bytearray()
    y = 0
    while y < len(lines):
        if not any(lines[y]):
            blank = y
            while y < len(lines) and not any(lines[y]) and y - blank < 255:
                y += 1
            out += ESC + b"J" + bytes([y - blank])
            continue
        band: list[bytes] = []
        while y < len(lines) and any(lines[y]) and len(band) < RASTER_BAND:
            band.append(lines[y])
            y += 1
        used = max(len(b.rstrip(b"\x00")) for b in band)
        out += (GS + b"v0\x00" + bytes([used & 0xFF, used >> 8, len(band) & 0xFF, len(band) >> 8])
                + b"".join(b[:used] for b in band))
    return bytes(out)


# Status (DLE EOT n): the printer answers one byte at once, even while printing.
STATUS_PRINTER, STATUS_OFFLINE_CAUSE, STATUS_ERROR, STATUS_PAPER = 1, 2, 3, 4


def status_request(n: int) -> bytes:
    return DLE + b"\x04" + bytes([n])


def is_status_byte(b: int) -> bool:
    """Every DLE EOT answer has bit 1 and 4 set and bit 0 and 7 clear."""
    return b & 0x93 == 0x12
