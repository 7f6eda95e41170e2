"""The couriers the station knows, and which of them could have issued a waybill number.

Courier numbers have no public specification. The rules below are the de-facto patterns
collected in reference/devices.md §5 from two public sources: "CV" (Courier-Validation,
2024) and "HV" (hive-third-functions, 2022). Lettered prefixes (SF, YT, JT, JD, DPK) are
reliable; pure-digit numbers of 12–15 digits fit several couriers at once, so the carrier
comes as a ranked guess the operator confirms.

Domain data: parcels, outbound, the scanner's code classifier (`devices.classify`) and the
hub's manifest import all read it from here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from station_app.i18n import QT_TRANSLATE_NOOP

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
    "DEPPON": QT_TRANSLATE_NOOP("carriers", "Deppon Express"),
}
_ORDER = {code: i for i, code in enumerate(CARRIERS)}
#: what waybills, dispatch lists and fee tables write for each carrier (trade names, short and
#: long): the hub reads a county's files with these, so a carrier added above needs its names here
TRADE_NAMES: dict[str, tuple[str, ...]] = {
    "ZTO": ("中通", "中通快递", "ZTO"),
    "YTO": ("圆通", "圆通速递", "YTO"),
    "YUNDA": ("韵达", "韵达快递", "YUNDA"),
    "JT": ("极兔", "极兔速递", "J&T"),
    "STO": ("申通", "申通快递", "STO"),
    "SF": ("顺丰", "顺丰速运", "SF"),
    "POST": ("邮政", "中国邮政", "EMS"),
    "JD": ("京东", "京东物流"),
    "BEST": ("百世", "百世汇通", "百世快递"),
    "YUNEXPRESS": ("云途", "YUNEXPRESS"),
    "DHL": ("DHL",),
    "DEPPON": ("德邦", "德邦快递", "德邦物流", "DEPPON"),
}


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
    _rule("SF", r"^SF\d{10,16}$", 0.95, "SF prefix, another length (labels with SF + 12 digits are common)"),
    _rule("YTO", r"^YT\d{13}$", 0.95, "CV"),
    _rule("YUNEXPRESS", r"^YT\d{16}$", 0.90, "found in code; collides with the YT prefix"),
    _rule("JT", r"^JT\d{13}$", 0.95, "CV"),
    _rule("BEST", r"^JT\d{12,13}$", 0.10, "HV; Best's China express went to J&T"),
    _rule("JD", r"^JD[A-Z0-9]{2}\d{11}$", 0.95, "CV"),
    _rule("JD", r"^JD[XK]\d{12}$", 0.95, "HV"),
    _rule("JD", r"^JD(?![A-Z0-9]{2}\d{11}$)[A-Z0-9]{8,20}$", 0.40, "JD prefix, another length"),
    _rule("DHL", r"^JD(?![A-Z0-9]{2}\d{11}$)[A-Z0-9]{8,20}$", 0.30, "the JD prefix is also DHL eCommerce's"),
    _rule("POST", r"^P[A-Z]\d{11}$", 0.80, "CV"),
    _rule("DEPPON", r"^DPK\d{11,13}$", 0.95, "CV (DPK + 12 digits); HV (DPK + 11 or more)"),
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
#: a UPU S10 international postal item number (EA123456785CN)
S10 = re.compile(r"^[A-Z]{2}\d{9}[A-Z]{2}$")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


@dataclass(frozen=True)
class CarrierGuess:
    carrier: str  # a key of CARRIERS
    confidence: float  # 0..1; the guesses for one code sum to at most 1

    @property
    def name(self) -> str:
        """English source; translate in context "carriers"."""
        return CARRIERS[self.carrier]


def s10_check_ok(number: str) -> bool:
    """UPU S10 item number (e.g. EA123456785CN): the 9th digit checks the first eight."""
    if not S10.match(number):
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
    if S10.match(number):
        best["POST"] = max(best.get("POST", 0.0), 0.95 if s10_check_ok(number) else 0.30)
    if not best:
        return ()
    # a rule's strength, shared out when several carriers' rules match: confidences sum to <= 1
    total = max(1.0, sum(best.values()))
    guesses = [CarrierGuess(c, round(s / total, 2)) for c, s in best.items()]
    return tuple(sorted(guesses, key=lambda g: (-g.confidence, _ORDER[g.carrier])))


def carrier_named(text: str) -> str:
    """The carrier code for what a list or label writes ("中通快递", "顺丰速运", "德邦", "zto"),
    or "" when no carrier's code or trade name is in it. The longest name found wins, so
    "百世汇通" is never read as some shorter name inside it."""
    t = unicodedata.normalize("NFKC", text or "").strip().upper()
    if t in CARRIERS:
        return t
    found = [(len(name), code) for code, names in TRADE_NAMES.items() for name in names if _names_in(name, t)]
    return max(found)[1] if found else ""


def _names_in(name: str, text: str) -> bool:
    # a Latin name only as a word of its own: "SF" is not the carrier of "TRANSFER"
    if name.isascii():
        return re.search(rf"(?<![A-Z0-9]){re.escape(name.upper())}(?![A-Z0-9])", text) is not None
    return name in text
