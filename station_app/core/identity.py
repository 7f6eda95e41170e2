"""Phone numbers and ID-card numbers: checked, masked on screens and receipts.

ID-card numbers (GB 11643-1999) are never stored whole: only the masked text and a salted
hash (to find duplicates), plus the sex and birth year the rosters need.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP

_PHONE = re.compile(r"^1[3-9]\d{9}$")
_ID = re.compile(r"^\d{17}[\dX]$")
_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"


def clean_phone(text: str) -> str:
    """Digits only, +86/spaces/dashes removed; raises ValidationError unless a mainland mobile number."""
    digits = re.sub(r"[\s\-()]", "", text or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not _PHONE.match(digits):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Phone number '{text}' is not valid: a mobile number has 11 digits and starts with 1"),
            text=text,
        )
    return digits


def mask_phone(phone: str | None) -> str:
    """13812345678 -> 138****5678."""
    if not phone:
        return ""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "****"


def id_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


@dataclass(frozen=True)
class IdCard:
    masked: str
    sex: str  # 'M' or 'F'
    birth: date


def check_id_number(text: str) -> tuple[str, IdCard]:
    """Normalise and check an 18-character resident ID number (region, birth date, check digit)."""
    number = (text or "").strip().upper().replace(" ", "")
    if not _ID.match(number):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "ID number must have 18 characters: 17 digits and a last digit or X"),
        )
    if id_check_digit(number[:17]) != number[17]:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "ID number check digit is wrong: please check the number again"),
        )
    birth: date | None
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1900 or number[:2] in ("00", "10"):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "ID number has an impossible birth date or region"))
    sex = "M" if int(number[16]) % 2 else "F"
    return number, IdCard(masked=mask_id(number), sex=sex, birth=birth)


def id_hash(number: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{number}".encode()).hexdigest()


def mask_id(number: str) -> str:
    """110101199003074514 -> 110101********4514."""
    return number[:6] + "*" * 8 + number[-4:]
