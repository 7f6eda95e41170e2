"""What a scanned or typed code is (DESIGN §7): a waybill (and whose), a product barcode,
one of the station's own labels, a pickup code, a phone number, an ID-card number, or a
bill account number.

Courier numbers have no public specification. The rules below are the de-facto patterns
collected in reference/devices.md §5 from two public sources: "CV" (Courier-Validation,
2024) and "HV" (hive-third-functions, 2022). Lettered prefixes (SF, YT, JT, JD) are
reliable; pure-digit numbers of 12–15 digits fit several couriers at once, so the carrier
comes as a ranked guess the operator confirms. A pure-digit number that fits nothing else
is taken as a bill account number, which is only a fallback guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from station_app.core import labels
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

#: carriers: code -> name on screen (context "carriers"), largest volume first (breaks ties)
CARRIERS = {
    "ZTO": QT_TRANSLATE_NOOP("carriers", "ZTO Express"),
    "YTO": QT_TRANSLATE_NOOP("carriers", "YTO Express"),
    "YUNDA": QT_TRANSLATE_NOOP("carriers", "Yunda Express"),
    "JT": QT_TRANSLATE_NOOP("carriers", "J&T Express"),
    "STO": QT_TRANSLATE_NOOP("carriers", "STO Express"),
    "SF": QT_TRANSLATE_NOOP("carriers", "SF Express"),
    "POST": QT_TRANSLATE_NOOP("carriers", "China Post / EMS"),
    "JD": QT_TRANSLATE_NOOP("carriers", "JD Logistics"),
    "BEST": QT_TRANSLATE_NOOP("carriers", "Best Express"),
    "YUNEXPRESS": QT_TRANSLATE_NOOP("carriers", "YunExpress"),
    "DHL": QT_TRANSLATE_NOOP("carriers", "DHL eCommerce"),
}
_ORDER = {code: i for i, code in enumerate(CARRIERS)}

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


@dataclass(frozen=True)
class Rule:
    carrier: str
    pattern: re.Pattern[str]
    strength: float  # how sure a match makes us, before weighing against the other matches
    source: str  # where the pattern comes from (reference/devices.md §5)


def _rule(carrier: str, pattern: str, strength: float, source: str) -> Rule:
    return Rule(carrier, re.compile(pattern), strength, source)


RULES: tuple[Rule, ...] = (
    # lettered prefixes: reliable
    _rule("SF", r"^SF[A-Z0-9]\d{12}$", 0.97, "CV"),
    _rule("YTO", r"^YT\d{13}$", 0.95, "CV"),
    _rule("YUNEXPRESS", r"^YT\d{16}$", 0.90, "found in code; collides with the YT prefix"),
    _rule("JT", r"^JT\d{13}$", 0.95, "CV"),
    _rule("BEST", r"^JT\d{12,13}$", 0.10, "HV; Best's China express went to J&T"),
    _rule("JD", r"^JD[A-Z0-9]{2}\d{11}$", 0.95, "CV"),
    _rule("JD", r"^JD[XK]\d{12}$", 0.95, "HV"),
    _rule("JD", r"^JD(?![A-Z0-9]{2}\d{11}$)[A-Z0-9]{8,20}$", 0.40, "JD prefix, another length"),
    _rule("DHL", r"^JD(?![A-Z0-9]{2}\d{11}$)[A-Z0-9]{8,20}$", 0.30, "the JD prefix is also DHL eCommerce's"),
    _rule("POST", r"^P[A-Z]\d{11}$", 0.80, "CV"),
    _rule("BEST", r"^[ABDE]\d{12}$|^BXA\d{10}$|^K8\d{11}$", 0.40, "HV, legacy"),
    # pure digits: ambiguous (the collision table in devices.md §5)
    _rule("ZTO", r"^7[3-68]\d{12}$", 0.60, "CV"),
    _rule("ZTO", r"^\d{14}$", 0.20, "HV"),
    _rule("STO", r"^(77|43)\d{12,15}$", 0.60, "CV"),
    _rule("STO", r"^773\d{9,13}$|^(77|88|99)\d{13}$", 0.40, "HV"),
    _rule("YUNDA", r"^[34]\d{14}$|^5\d{12}$", 0.60, "CV"),
    _rule("YUNDA", r"^\d{13}$|^\d{15}$", 0.20, "HV"),
    _rule("POST", r"^[981]\d{12}$", 0.60, "CV"),
    _rule("POST", r"^(10|11|12|50|51|52|95|97|98|99)\d{11}$", 0.40, "HV"),
    _rule("SF", r"^\d{12}$", 0.30, "older SF numbers had 12 digits"),
)
_S10 = re.compile(r"^[A-Z]{2}\d{9}[A-Z]{2}$")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_JD_PACKAGE = re.compile(r"^(JD[A-Z0-9]{2}\d{11}|JD[XK]\d{12})(?:-(\d{1,4})-(\d{1,4})-?|N(\d{1,4})S(\d{1,4}))$")
_PICKUP = re.compile(r"^[A-Z]?\d{1,2}(-\d{1,2})?-\d{2,5}$")
_PHONE = re.compile(r"^(\+?86)?1[3-9]\d{9}$")
_ID = re.compile(r"^\d{17}[\dX]$")
_DIGITS = re.compile(r"^\d+$")
_WAYBILLISH = re.compile(r"^[A-Z0-9]{8,30}$")
MAX_LENGTH = 512


@dataclass(frozen=True)
class CarrierGuess:
    carrier: str  # a key of CARRIERS
    confidence: float  # 0..1; the guesses for one code sum to at most 1

    @property
    def name(self) -> str:
        """English source; translate in context "carriers"."""
        return CARRIERS[self.carrier]


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


def s10_check_ok(number: str) -> bool:
    """UPU S10 item number (e.g. EA123456785CN): the 9th digit checks the first eight."""
    if not _S10.match(number):
        return False
    total = sum(int(d) * w for d, w in zip(number[2:10], _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    check = 0 if check == 10 else 5 if check == 11 else check
    return check == int(number[10])


def carrier_guesses(number: str) -> tuple[CarrierGuess, ...]:
    """The couriers whose numbers look like `number` (normalised), most likely first."""
    best: dict[str, float] = {}
    for rule in RULES:
        if rule.pattern.match(number):
            best[rule.carrier] = max(best.get(rule.carrier, 0.0), rule.strength)
    if _S10.match(number):
        best["POST"] = max(best.get("POST", 0.0), 0.95 if s10_check_ok(number) else 0.30)
    if not best:
        return ()
    # a rule's strength, shared out when several carriers' rules match: confidences sum to <= 1
    total = max(1.0, sum(best.values()))
    guesses = [CarrierGuess(c, round(s / total, 2)) for c, s in best.items()]
    return tuple(sorted(guesses, key=lambda g: (-g.confidence, _ORDER[g.carrier])))


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
            reason = R_S10 if _S10.match(code) and s10_check_ok(code) else R_PREFIX
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
