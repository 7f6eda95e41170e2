"""Phone numbers and ID-card numbers: checked, masked on screens and receipts.

ID-card numbers (GB 11643-1999) are never stored whole. What is kept is what the counter
needs to recognise a person, and no more: the last four characters (`**************4514`,
what a villager is asked for: 身份证后四位), the sex the rosters need, and a keyed hash
(HMAC-SHA256) to find the same number registered twice. The key is this station's own
random key, sealed in this PC's keystore (`station_app.keystore`): never in the station
file, a backup or an event. Without it neither the station file nor the events it syncs
let anyone test guesses at a number. The county can hold the same key in the hub's own
secret store (never in its database) to match its poverty register against a station's
people without full ID numbers leaving the hub.

Versions before this one stored the first six and last four digits, the birth year and a
SHA-256 salted with `station.id_salt`, which travels in `station.created`: enough to
recover the number in a few dozen tries. `recover_legacy_number` does exactly that, once,
on this station, so that `people.rekey_id_numbers` can re-key those rows.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta

from station_app import keystore
from station_app.db import Store
from station_app.errors import StorageError, ValidationError
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


def mask_id(number: str) -> str:
    """110101199003074514 -> **************4514: the last four characters only."""
    return "*" * (len(number) - 4) + number[-4:]


def id_key(db: Store) -> bytes:
    """This station's key for ID-number hashes, made and sealed in the keystore the first time.
    Raises StorageError when the sealed key cannot be opened on this PC (another Windows user
    or PC, a lost key file): nothing is recorded with a key that is not the station's."""
    try:
        return bytes.fromhex(keystore.get_or_create(db.path, keystore.ID_KEY, lambda: os.urandom(32).hex()))
    except keystore.KeystoreError as exc:
        raise StorageError(QT_TRANSLATE_NOOP("errors", "The key this station records ID numbers with cannot be opened "
                                             "on this PC ({detail}). Enroll the station with the county hub again, "
                                             "then try again."), detail=str(exc)) from None


def key_id(key: bytes) -> str:
    """A short public name of a key (which key a hash was made with), revealing nothing of it."""
    return hashlib.sha256(b"village-station id key\x00" + key).hexdigest()[:8]


def id_hash(number: str, key: bytes) -> str:
    """`<key id>:<HMAC-SHA256 of the normalised number>`: equal numbers, equal hashes (under
    one key); without the key, no way to test a guess."""
    digest = hmac.new(key, b"village-station id v2\x00" + number.encode("ascii"), hashlib.sha256).hexdigest()
    return f"{key_id(key)}:{digest}"


def is_legacy(id_masked: str | None, id_hash_value: str | None) -> bool:
    """Was this masked form or hash written by a version that kept 6 + 4 digits and a salted SHA-256?"""
    return bool((id_masked and id_masked[:1].isdigit()) or (id_hash_value and ":" not in id_hash_value))


def _legacy_hash(number: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{number}".encode()).hexdigest()


def recover_legacy_number(id_masked: str, birth_year: int | None, legacy_hash: str, salt: str) -> str | None:
    """The whole number behind a legacy masked form (first six and last four digits kept), its
    birth year and its salted SHA-256: every birth date of the year (or of 1900 to today) whose
    check digit fits, hashed until one matches. None when nothing matches."""
    if len(id_masked) != 18 or not id_masked[:6].isdigit():
        return None
    head, tail = id_masked[:6], id_masked[-4:]
    first = date(birth_year, 1, 1) if birth_year else date(1900, 1, 1)
    last = date(birth_year, 12, 31) if birth_year else date.today()
    day = first
    while day <= last:
        number = head + day.strftime("%Y%m%d") + tail
        if id_check_digit(number[:17]) == number[17] and hmac.compare_digest(_legacy_hash(number, salt), legacy_hash):
            return number
        day += timedelta(days=1)
    return None
