"""Paper widths and what common cheap receipt printers can do, as data (not branches in code).

A profile decides how a receipt is rendered: Chinese text natively or the whole receipt
as a picture (`chinese_font`), QR and Code128 natively or as pictures, cut or tear-off.
Rows marked "escpos-printer-db" follow python-escpos's bundled capabilities; the
others are from vendor manuals and the usual Chinese (GB18030 font) firmware of these
models: check a new model with `station-app print-test` and pick the closest row.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paper:
    """Printable width: 12-dot half-width columns at 203 dpi (Font A, 12x24)."""

    mm: int
    columns: int
    dots: int


PAPER_58 = Paper(58, 32, 384)
PAPER_80 = Paper(80, 48, 576)
PAPERS = {58: PAPER_58, 80: PAPER_80}


def paper(width: int | Paper) -> Paper:
    """58 or 80 (mm) -> its Paper. Raises ValueError for other widths."""
    if isinstance(width, Paper):
        return width
    try:
        return PAPERS[int(width)]
    except (KeyError, ValueError):
        raise ValueError(f"paper width must be 58 or 80 mm, not {width!r}") from None


@dataclass(frozen=True)
class Profile:
    """What one printer model can do."""

    name: str
    paper_mm: int
    dots: int
    chinese_font: bool  # has a GB18030/GBK font and a Chinese (FS &) mode
    qr: bool  # native QR, GS ( k
    code128: bool  # native Code128, GS k 73
    cut: bool  # has an auto-cutter, GS V
    status: bool  # answers DLE EOT status requests on a two-way link
    note: str = ""

    @property
    def paper(self) -> Paper:
        return paper(self.paper_mm)


# name, paper mm, dots, chinese font, qr, code128, cut, status, note
_TABLE = [
    ("generic-58", 58, 384, True, True, True, False, True, "most 58 mm printers sold in China"),
    ("generic-80", 80, 576, True, True, True, True, True, "most 80 mm printers sold in China"),
    ("no-chinese-58", 58, 384, False, True, True, False, True, "export firmware: receipt sent as a picture"),
    ("no-chinese-80", 80, 576, False, True, True, True, True, "export firmware: receipt sent as a picture"),
    ("bare-58", 58, 384, False, False, False, False, False, "unknown printer: everything as a picture"),
    ("POS-5890", 58, 384, True, False, False, False, True, "Zjiang/Milestone POS-5890 (escpos-printer-db)"),
    ("ZJ-5870", 58, 384, True, False, False, False, True, "Zjiang ZJ-5870 (escpos-printer-db)"),
    ("NT-5890K", 58, 384, True, False, False, False, True, "Netum NT-5890K (escpos-printer-db)"),
    ("NT-80-V-UL", 80, 576, True, True, True, True, True, "Netum NT-80 (escpos-printer-db)"),
    ("RP326", 80, 576, True, True, True, True, True, "Rongta RP326 (escpos-printer-db)"),
    ("XP-58IIH", 58, 384, True, True, True, False, True, "Xprinter XP-58IIH"),
    ("XP-80C", 80, 576, True, True, True, True, True, "Xprinter XP-80C / XP-N160II"),
    ("GP-5890XIII", 58, 384, True, True, True, False, True, "Gprinter 佳博 GP-5890XIII"),
    ("GP-80250IVN", 80, 576, True, True, True, True, True, "Gprinter 佳博 GP-80250IVN"),
    ("HPRT-TP805", 80, 576, True, True, True, True, True, "HPRT 汉印 TP805"),
]
PROFILES: dict[str, Profile] = {row[0]: Profile(*row) for row in _TABLE}


def profile(name: str | Profile | None = None, paper_mm: int = 58) -> Profile:
    """A profile by name; None gives the generic one for the paper width.

    Raises ValueError naming the known profiles for an unknown name.
    """
    if isinstance(name, Profile):
        return name
    if not name:
        return PROFILES["generic-80" if int(paper_mm) == 80 else "generic-58"]
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown printer profile {name!r}; known: {', '.join(PROFILES)}") from None
