"""Carriers and waybill numbers: normalising and checking what was scanned or typed into
the waybill, carrier, phone and phone-tail fields.
"""

from __future__ import annotations

import re
import unicodedata

from station_app.core import shelves
from station_app.core.carriers import CARRIERS, carrier_guesses
from station_app.core.identity import clean_phone
from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate

_WAYBILL = re.compile(r"^[A-Z0-9]{8,24}(-\d{1,3}-\d{1,3}-?)?$")
_PHONE_LIKE = re.compile(r"^1[3-9]\d{9}$")
_TAIL = re.compile(r"^\d{4}$")


def carrier_name(code: str, lang: str | None = None) -> str:
    return translate("carriers", CARRIERS[code], lang) if code in CARRIERS else code


def guess_carriers(waybill: str) -> list[str]:
    """Carrier codes that could have issued this waybill, most likely first (may be empty).
    The patterns are `core.carriers`'; the operator confirms the guess."""
    return [g.carrier for g in carrier_guesses(_plain(waybill))]


def _plain(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split()).upper()


def check_waybill(text: str) -> str:
    """A scanned or typed waybill number, normalised. Raises ValidationError, with a clear
    word when a phone number or a pickup code went into the waybill field."""
    t = _plain(text)
    if shelves.parse_pickup_code(text):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{text}' is a pickup code, not a waybill number"), text=text)
    if _PHONE_LIKE.match(t):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{text}' looks like a phone number: scan the waybill barcode into the waybill field"), text=text)
    if not _WAYBILL.match(t):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Waybill number '{text}' is not valid: 8 to 24 letters and digits"), text=text)
    return t


def check_carrier(code: str | None) -> str:
    c = _plain(code)
    if c and c not in CARRIERS:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown carrier {carrier}"), carrier=code)
    return c


def check_phone_field(text: str | None) -> str | None:
    """The phone typed for a recipient; a waybill scanned into this field is called out."""
    if not text or not text.strip():
        return None
    t = _plain(text)
    if not _PHONE_LIKE.match(t.removeprefix("+86")) and (guess_carriers(t) or re.match(r"^[A-Z0-9]{12,}$", t)):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{text}' looks like a waybill number, not a phone number: scan it into the waybill field"), text=text)
    return clean_phone(text)


def _tail_field(text: str | None) -> str | None:
    if not text or not text.strip():
        return None
    t = _plain(text)
    if not _TAIL.match(t):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The phone tail is the last 4 digits of the phone number"))
    return t
