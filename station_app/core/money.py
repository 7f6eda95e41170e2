"""Money is integer fen (分). No floats anywhere near it."""

from __future__ import annotations

import re
from typing import NewType

from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP

Fen = NewType("Fen", int)

_YUAN = re.compile(r"^\s*[¥￥]?\s*(\d{1,9})(?:\.(\d{1,2}))?\s*(?:元)?\s*$")
MAX_FEN = Fen(100_000_000)  # one million yuan: nothing at a village counter is larger


def parse_yuan(text: str, *, allow_zero: bool = True) -> Fen:
    """'12.5' / '¥12.50' / '12元' -> 1250 fen. Raises ValidationError for anything else."""
    m = _YUAN.match(text or "")
    if not m:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Amount '{text}' is not valid: write yuan like 12.50"),
            text=text,
        )
    fen = int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))
    if fen > MAX_FEN:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Amount is too large"))
    if not allow_zero and fen == 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Amount must be more than zero"))
    return Fen(fen)


def format_fen(fen: int, symbol: str = "¥") -> str:
    """1250 -> '¥12.50'; -300 -> '-¥3.00'."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{symbol}{yuan:,}.{cents:02d}"


def check_fen(value: int, *, allow_zero: bool = True) -> Fen:
    """Validate an amount given in fen by code (not typed by a person)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Amount must be whole fen"))
    if value < 0 or value > MAX_FEN or (value == 0 and not allow_zero):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Amount {amount} is out of range"), amount=format_fen(value)
        )
    return Fen(value)
