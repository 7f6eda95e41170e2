"""A receipt as a small document, independent of paper width and printer.

Blocks are plain frozen dataclasses; `ReceiptBuilder` is the one way to make a
`Receipt`, and `Receipt.to_json()` / `Receipt.from_json()` store one exactly (the print
queue keeps every receipt's document so any past one can be printed again).
The layout for a paper width happens later (`printer.layout`).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Literal

Align = Literal["left", "center", "right"]
ALIGNS = ("left", "center", "right")
EC_LEVELS = ("L", "M", "Q", "H")
MAX_SIZE = 4  # GS ! goes to 8, but past 4 a line on 58 mm holds 8 ASCII characters


@dataclass(frozen=True)
class Text:
    """One paragraph, wrapped to the paper; `size` multiplies width and height (1-4)."""

    text: str
    align: Align = "left"
    bold: bool = False
    size: int = 1


@dataclass(frozen=True)
class Pair:
    """A label on the left and its value on the right (a long value wraps under itself)."""

    label: str
    value: str
    bold: bool = False
    size: int = 1


@dataclass(frozen=True)
class Column:
    """A table column: `width` in columns (a CJK character counts two), None = the rest."""

    title: str
    width: int | None = None
    align: Align = "left"


@dataclass(frozen=True)
class Table:
    """Rows of cells under column titles; a cell too long for its column wraps inside it."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    header: bool = True


@dataclass(frozen=True)
class Rule:
    """A separator line across the paper."""

    char: str = "-"


@dataclass(frozen=True)
class QR:
    """A QR code (model 2). `size` is the module size in dots; None lets the layout choose."""

    data: str
    size: int | None = None
    ec: str = "M"


@dataclass(frozen=True)
class Barcode:
    """A Code128 barcode of printable ASCII, with its text under it when `text` is true."""

    data: str
    text: bool = True


@dataclass(frozen=True)
class Image:
    """A picture (PNG bytes), printed 1-bit, centred, shrunk to the paper if wider."""

    png: bytes


@dataclass(frozen=True)
class Feed:
    """Blank lines."""

    lines: int = 1


@dataclass(frozen=True)
class Cut:
    """Feed past the cutter and cut (printers without a cutter only feed, to tear off)."""

    partial: bool = True


@dataclass(frozen=True)
class Drawer:
    """Kick the cash drawer on connector pin 2 (`pin=0`) or pin 5 (`pin=1`)."""

    pin: int = 0


Block = Text | Pair | Table | Rule | QR | Barcode | Image | Feed | Cut | Drawer
BLOCK_TYPES: dict[str, type] = {
    "text": Text, "pair": Pair, "table": Table, "rule": Rule, "qr": QR,
    "barcode": Barcode, "image": Image, "feed": Feed, "cut": Cut, "drawer": Drawer,
}
_NAMES = {cls: name for name, cls in BLOCK_TYPES.items()}


@dataclass(frozen=True)
class Receipt:
    """A finished receipt: `kind` names its template (pickup_slip, bill_paid, ...),
    `title` is a short line for a list of past receipts."""

    kind: str
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def to_json(self) -> str:
        return json.dumps({"v": 1, "kind": self.kind, "title": self.title,
                           "blocks": [_block_to_dict(b) for b in self.blocks]},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Receipt:
        """The receipt `to_json` stored. Raises ValueError for anything else."""
        try:
            data = json.loads(text)
            blocks = tuple(_block_from_dict(d) for d in data["blocks"])
            return cls(kind=str(data["kind"]), title=str(data["title"]), blocks=blocks)
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not a stored receipt: {exc}") from exc

    def with_blocks_before(self, *blocks: Block) -> Receipt:
        return Receipt(self.kind, self.title, (*blocks, *self.blocks))


def _block_to_dict(block: Block) -> dict[str, Any]:
    d: dict[str, Any] = {"t": _NAMES[type(block)]}
    for f in fields(block):
        value = getattr(block, f.name)
        if isinstance(value, bytes):
            value = base64.b64encode(value).decode("ascii")
        elif f.name == "columns":
            value = [[c.title, c.width, c.align] for c in value]
        elif f.name == "rows":
            value = [list(r) for r in value]
        d[f.name] = value
    return d


def _block_from_dict(d: dict[str, Any]) -> Block:
    cls = BLOCK_TYPES[d["t"]]
    kwargs = {k: v for k, v in d.items() if k != "t"}
    if cls is Image:
        kwargs["png"] = base64.b64decode(kwargs["png"])
    if cls is Table:
        kwargs["columns"] = tuple(Column(t, w, a) for t, w, a in kwargs["columns"])
        kwargs["rows"] = tuple(tuple(r) for r in kwargs["rows"])
    block: Block = cls(**kwargs)
    return block


def _check_style(align: str, size: int) -> None:
    if align not in ALIGNS:
        raise ValueError(f"align must be one of {ALIGNS}, not {align!r}")
    if not 1 <= size <= MAX_SIZE:
        raise ValueError(f"size must be 1..{MAX_SIZE}, not {size}")


class ReceiptBuilder:
    """The one receipt builder: add blocks in print order, then `build()`.

    Every method returns the builder, so a template reads top to bottom::

        doc = (ReceiptBuilder("pickup_slip", "取件 3-2-0417")
               .line("幸福村电商服务站", align="center", bold=True, size=2)
               .pair("运单号", "SF1234567890123")
               .qr("VS1:P:3-2-0417").cut().build())

    Wrong arguments (an unknown alignment, a size out of range, a barcode with
    non-ASCII data) raise ValueError at once, not at print time.
    """

    def __init__(self, kind: str, title: str) -> None:
        self.kind = kind
        self.title = title
        self._blocks: list[Block] = []

    def line(self, text: str, *, align: Align = "left", bold: bool = False, size: int = 1) -> ReceiptBuilder:
        _check_style(align, size)
        self._blocks.append(Text(str(text), align, bold, size))
        return self

    def center(self, text: str, *, bold: bool = False, size: int = 1) -> ReceiptBuilder:
        return self.line(text, align="center", bold=bold, size=size)

    def pair(self, label: str, value: str, *, bold: bool = False, size: int = 1) -> ReceiptBuilder:
        _check_style("left", size)
        self._blocks.append(Pair(str(label), str(value), bold, size))
        return self

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]],
              *, header: bool = True) -> ReceiptBuilder:
        cols = tuple(columns)
        if not cols or sum(1 for c in cols if c.width is None) > 1:
            raise ValueError("a table needs columns, and at most one without a width")
        for c in cols:
            _check_style(c.align, 1)
        cells = tuple(tuple(str(v) for v in r) for r in rows)
        if any(len(r) != len(cols) for r in cells):
            raise ValueError("every table row needs one cell per column")
        self._blocks.append(Table(cols, cells, header))
        return self

    def rule(self, char: str = "-") -> ReceiptBuilder:
        if len(char) != 1 or not " " < char <= "~":
            raise ValueError("a rule is drawn with one ASCII character")
        self._blocks.append(Rule(char))
        return self

    def qr(self, data: str, *, size: int | None = None, ec: str = "M") -> ReceiptBuilder:
        if not data or len(data.encode("utf-8")) > 1000:
            raise ValueError("QR data must be 1-1000 bytes")
        if ec not in EC_LEVELS or (size is not None and not 1 <= size <= 16):
            raise ValueError("QR ec must be L/M/Q/H and size 1-16")
        self._blocks.append(QR(data, size, ec))
        return self

    def barcode(self, data: str, *, text: bool = True) -> ReceiptBuilder:
        if not data or len(data) > 80 or not all(" " <= c <= "~" for c in data):
            raise ValueError(f"Code128 data must be 1-80 printable ASCII characters: {data!r}")
        self._blocks.append(Barcode(data, text))
        return self

    def image(self, png: bytes) -> ReceiptBuilder:
        if not png.startswith(b"\x89PNG"):
            raise ValueError("an image block takes PNG bytes")
        self._blocks.append(Image(png))
        return self

    def feed(self, lines: int = 1) -> ReceiptBuilder:
        if not 1 <= lines <= 20:
            raise ValueError("feed 1-20 lines")
        self._blocks.append(Feed(lines))
        return self

    def cut(self, *, partial: bool = True) -> ReceiptBuilder:
        self._blocks.append(Cut(partial))
        return self

    def drawer(self, *, pin: int = 0) -> ReceiptBuilder:
        if pin not in (0, 1):
            raise ValueError("drawer pin is 0 (pin 2) or 1 (pin 5)")
        self._blocks.append(Drawer(pin))
        return self

    def build(self) -> Receipt:
        return Receipt(self.kind, self.title, tuple(self._blocks))
