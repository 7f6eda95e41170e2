"""What every station receipt shares: money, times and phones as printed, the heading, the
signature lines and the goods table.

Text is in the station language through `translate("receipt", ...)`; money is shown with the
full-width ￥ (U+FFE5), which every GBK printer has; phones are always masked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from printer.document import Column, ReceiptBuilder
from printer.text import printable, width
from station_app.clock import show
from station_app.core.identity import mask_phone
from station_app.core.money import format_fen
from station_app.i18n import translate
from station_app.resources import asset

LOGO = ("receipt-logo.png",)


def yuan(fen: int) -> str:
    """Money for a receipt: 1250 -> '￥12.50' (full-width sign)."""
    return format_fen(fen, symbol="\uffe5")


def when(value: datetime | date | str) -> str:
    """A time as people read it (Asia/Shanghai); a stored ISO text or a date works too."""
    if isinstance(value, datetime):
        return show(value)
    if isinstance(value, date):
        return value.isoformat()
    return show(value) if "T" in value else value


def masked(phone: str | None) -> str:
    """A phone as receipts show it (138****5678); an already masked one stays as it is."""
    if not phone or "*" in phone:
        return phone or ""
    return mask_phone("".join(c for c in phone if c.isdigit()))


def station_logo() -> bytes | None:
    """The receipt logo (assets/receipt-logo.png), None when it is missing."""
    path = asset(*LOGO)
    return path.read_bytes() if path.exists() else None


def start(kind: str, title: str, station: str, heading: str, *, logo: bool = False) -> ReceiptBuilder:
    """A receipt begun with the station's name large, the heading, and a double rule."""
    b = ReceiptBuilder(kind, title)
    png = station_logo() if logo else None
    if png:
        b.image(png)
    b.center(station, bold=True, size=2).center(heading, bold=True).rule("=")
    return b


def signature(b: ReceiptBuilder, label: str) -> ReceiptBuilder:
    """A signature line and a date line, with room to write."""
    return b.feed(1).line(label + "________________").feed(1).line(translate("receipt", "Date:") + "________________")


def goods_columns(rows: Sequence[tuple[str, ...]], *, amounts: bool = True) -> list[Column]:
    """The goods table's columns for these rows: the quantity column widens for texts like '2.5斤'."""
    qty = min(max([4, *(width(printable(row[1])) for row in rows)]), 8)
    columns = [Column(translate("receipt", "Goods")), Column(translate("receipt", "Qty"), qty, "right")]
    if amounts:
        columns.append(Column(translate("receipt", "Amount"), 11, "right"))
    return columns


def goods_table(b: ReceiptBuilder, rows: list[tuple[str, ...]], *, amounts: bool = True) -> None:
    """Goods, quantity and (with `amounts`) amount."""
    b.table(goods_columns(rows, amounts=amounts), rows)
