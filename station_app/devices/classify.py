"""What a scanned or typed code is (DESIGN §7): a waybill (and whose), a product barcode,
one of the station's own labels, a pickup code, a phone number, an ID-card number, or a
bill account number.

The couriers and their number patterns are domain data (`core.carriers`): lettered prefixes
are reliable, pure-digit numbers fit several couriers at once, so the carrier comes as a
ranked guess the operator confirms. A pure-digit number that fits nothing else is taken as
a bill account number, which is only a fallback guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from station_app.core import labels
from station_app.core.carriers import RULES, S10, CarrierGuess, carrier_guesses, s10_check_ok
from station_app.core.identity import check_id_number, clean_phone
from station_app.devices.wedge import strip_control_chars
from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP

WAYBILL, EAN13, EAN8, LABEL = "waybill", "ean13", "ean8", "label"
PICKUP, PHONE, ID_CARD, BILL = "pickup_code", "phone", "id_card", "bill_account"

#: what each kind is called on screen (context "codes")
KIND_NAMES = {
    WAYBILL: QT_TRANSLATE_NOOP("codes", "Courier waybill"),
    EAN13: QT_TRANSLATE_NOOP("codes", "Product barcode (EAN-13)"),
    EAN8: QT_TRANSLATE_NOOP("codes", "Product barcode (EAN-8)"),
    LABEL: QT_TRANSLATE_NOOP("codes", "Station label"),
    PICKUP: QT_TRANSLATE_NOOP("codes", "Pickup code"),
    PHONE: QT_TRANSLATE_NOOP("codes", "Mobile phone number"),
    ID_CARD: QT_TRANSLATE_NOOP("codes", "ID card number"),
    BILL: QT_TRANSLATE_NOOP("codes", "Bill account number"),
}

# reasons (context "codes")
R_PREFIX = QT_TRANSLATE_NOOP("codes", "The letters at the start name the courier")
R_DIGITS = QT_TRANSLATE_NOOP("codes", "A number without letters: the courier is a guess, please confirm it")
R_JD_PACKAGE = QT_TRANSLATE_NOOP("codes", "JD package barcode: the package number after the waybill was removed")
R_S10 = QT_TRANSLATE_NOOP("codes", "International postal item number with a correct check digit")
R_EAN = QT_TRANSLATE_NOOP("codes", "Product barcode with a correct check digit")
R_LABEL = QT_TRANSLATE_NOOP("codes", "The station's own label")
R_PICKUP = QT_TRANSLATE_NOOP("codes", "Pickup code from a pickup slip or text message")
R_PHONE = QT_TRANSLATE_NOOP("codes", "11 digits starting with 13–19: a mobile phone number")
R_ID = QT_TRANSLATE_NOOP("codes", "Resident ID card number with a correct check digit")
R_BILL = QT_TRANSLATE_NOOP("codes", "A long number that fits nothing else: taken as a bill account number (a guess)")

_JD_PACKAGE = re.compile(r"^(JD[A-Z0-9]{2}\d{11}|JD[XK]\d{12})(?:-(\d{1,4})-(\d{1,4})-?|N(\d{1,4})S(\d{1,4}))$")
_PICKUP = re.compile(r"^[A-Z]?\d{1,2}(-\d{1,2})?-\d{2,5}$")
_PHONE = re.compile(r"^(\+?86)?1[3-9]\d{9}$")
_ID = re.compile(r"^\d{17}[\dX]$")
_DIGITS = re.compile(r"^\d+$")
_WAYBILLISH = re.compile(r"^[A-Z0-9]{8,30}$")
MAX_LENGTH = 512


@dataclass(frozen=True)
class Classified:
    kind: str  # WAYBILL, EAN13, EAN8, LABEL, PICKUP, PHONE, ID_CARD or BILL
    value: str  # normalised: upper case, no spaces, JD package suffix removed, ...
    carriers: tuple[CarrierGuess, ...] = ()  # best first; for a waybill, or a code that could be one
    reason: str = ""  # English source; translate in context "codes"
    also: tuple[str, ...] = ()  # other kinds it could be
    label: labels.Label | None = field(default=None, compare=False)

    @property
    def carrier(self) -> str | None:
        """The best carrier guess, if any."""
        return self.carriers[0].carrier if self.carriers else None


def ean_check_ok(digits: str) -> bool:
    """GS1 check digit of an EAN-8/EAN-13 (or any GTIN) is right."""
    if not _DIGITS.match(digits) or len(digits) < 8:
        return False
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def _reject(code: str) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP("errors", "'{code}' is not a code the station knows: not a waybill, product barcode, "
                                    "pickup code, phone number, ID number or station label"),
        code=code[:40])


def classify(text: str, symbology: str | None = None) -> Classified:
    """What `text` (scanned or typed) is. `symbology` is the decoder's format when known
    ("EAN-13", "Code128", ...; see devices.decoders): it settles product-code doubts.

    Raises ValidationError for anything the station does not read, with the reason."""
    raw, _ = strip_control_chars(text or "")
    raw = raw.strip()
    if not raw:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Nothing was scanned"))
    if len(raw) > MAX_LENGTH:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The code is too long ({length} characters)"),
                              length=len(raw))
    if labels.looks_like_label(raw):
        label = labels.parse_label(raw)  # its own clear error for a newer version or a bad value
        return Classified(LABEL, label.payload, reason=R_LABEL, label=label)
    code = re.sub(r"\s+", "", raw).upper()

    if symbology in ("EAN-13", "EAN-8"):
        if not ean_check_ok(code):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Product barcode {code} has a wrong check digit"),
                                  code=code)
        return Classified(EAN13 if len(code) == 13 else EAN8, code, reason=R_EAN)
    if _PICKUP.match(code):
        return Classified(PICKUP, code, reason=R_PICKUP)
    if _ID.match(code):
        try:
            number, _card = check_id_number(code)
            return Classified(ID_CARD, number, reason=R_ID)
        except ValidationError:
            if code.endswith("X"):
                raise  # only an ID number ends in X: say what is wrong with it
    if _PHONE.match(code):
        return Classified(PHONE, clean_phone(code), reason=R_PHONE)

    jd = _JD_PACKAGE.match(code)
    if jd:
        return Classified(WAYBILL, jd.group(1), carrier_guesses(jd.group(1)), R_JD_PACKAGE)
    digits = bool(_DIGITS.match(code))
    guesses = carrier_guesses(code) if _WAYBILLISH.match(code) else ()
    if digits and symbology != "Code128":
        if len(code) == 8 and ean_check_ok(code):
            return Classified(EAN8, code, reason=R_EAN)
        if len(code) == 13 and ean_check_ok(code):
            return _ean13_or_waybill(code, guesses)
    if guesses:
        if not digits:
            reason = R_S10 if S10.match(code) and s10_check_ok(code) else R_PREFIX
            return Classified(WAYBILL, code, guesses, reason)
        weak = max(r.strength for r in RULES if r.pattern.match(code)) <= 0.3
        return Classified(WAYBILL, code, guesses, R_DIGITS, also=(BILL,) if weak else ())
    if digits and 10 <= len(code) <= 20:
        return Classified(BILL, code, reason=R_BILL)
    raise _reject(raw)


def _ean13_or_waybill(code: str, guesses: tuple[CarrierGuess, ...]) -> Classified:
    # 69x is China's GS1 prefix and no courier's digit pattern; other prefixes collide with
    # China Post (1/8/9…) and Yunda (5…) numbers, which pass the check digit one time in ten
    specific = any(r.pattern.match(code) and r.strength > 0.2 for r in RULES)
    if code.startswith("69") or not specific:
        return Classified(EAN13, code, reason=R_EAN)
    return Classified(EAN13, code, guesses, R_EAN, also=(WAYBILL,))
