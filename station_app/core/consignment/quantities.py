"""The counter's numbers: quantities in thousandths of a unit, prices in fen, commission in
basis points, and local days; how they are read from what a person typed, checked and shown.
Splitting money over lines or parts of a line is exact (no fen lost or made)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from station_app.clock import local_day
from station_app.core.money import format_fen
from station_app.db import Store
from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP

WEIGHED_UNITS = ("斤", "公斤", "kg", "克", "g", "两")
MAX_PRICE = 10_000_000  # ¥100,000 per unit: nothing at a village counter costs more
MAX_QUANTITY_M = 100_000_000  # 100,000 units, in thousandths
MAX_COMMISSION_BP = 5000


def is_weighed(unit: str) -> bool:
    return unit.strip().lower() in WEIGHED_UNITS


def to_milli(value: str | int, unit: str = "") -> int:
    """A quantity as integer thousandths of `unit`; whole numbers only for counted units."""
    if isinstance(value, (bool, float)):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Quantity '{text}' is not a number"), text=value)
    try:
        d = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Quantity '{text}' is not a number"), text=value) from None
    if not d.is_finite() or d <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Quantity must be more than zero"))
    m = d * 1000
    if m != m.to_integral_value():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Quantity has at most three decimals"))
    if unit and not is_weighed(unit) and d != d.to_integral_value():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Items sold by {unit} are counted in whole numbers"), unit=unit)
    if m > MAX_QUANTITY_M:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Quantity is too large"))
    return int(m)


def show_qty(milli: int) -> str:
    """2500 -> '2.5', 3000 -> '3'."""
    whole, frac = divmod(milli, 1000)
    return f"{whole}.{frac:03d}".rstrip("0").rstrip(".") if frac else str(whole)


def check_price(price: int) -> int:
    """A unit price in fen: more than zero and at most ¥100,000."""
    if isinstance(price, bool) or not isinstance(price, int):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A price must be whole fen"))
    if price <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A price must be more than zero"))
    if price > MAX_PRICE:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A price of {price} per unit is not believable (at most ¥100,000)"),
                              price=format_fen(price))
    return price


def percent_to_bp(value: str | int) -> int:
    """'12.5' (percent) -> 1250 basis points; 0 to 50 %, at most two decimals."""
    try:
        d = Decimal(str(value).strip().rstrip("%"))
    except InvalidOperation:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Commission '{text}' is not a percentage"), text=value) from None
    bp = d * 100
    if not d.is_finite() or bp != bp.to_integral_value() or not 0 <= bp <= MAX_COMMISSION_BP:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Commission must be between 0 and 50 percent"))
    return int(bp)


def show_bp(bp: int) -> str:
    return f"{show_qty(bp * 10)}%"


def share_of(amount: int, bp: int) -> int:
    """Commission on `amount` at `bp` basis points, rounded half up to the fen."""
    return (amount * bp + 5000) // 10000


def _portion(amount: int, part_m: int, whole_m: int) -> int:
    return (2 * amount * part_m + whole_m) // (2 * whole_m)


def _allocate(total: int, weights: list[int]) -> list[int]:
    """Split `total` over `weights` in proportion, exactly (largest remainder, ties to the first)."""
    base = sum(weights)
    if not base:
        return [0] * len(weights)
    shares = [total * w // base for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % base), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def local_today(db: Store) -> str:
    """Today in the station's time zone, as YYYY-MM-DD."""
    return local_day(db.clock.now()).isoformat()


def parse_day(value: date | str, what: str = "") -> str:
    """A date (or YYYY-MM-DD text) as YYYY-MM-DD; ValidationError otherwise."""
    try:
        return (value if isinstance(value, date) else date.fromisoformat(str(value).strip())).isoformat()
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Date '{text}' is not valid: write it like 2026-11-23"),
                              text=value) from None
