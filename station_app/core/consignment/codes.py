"""Traceability codes (一物一码): making, reading and checking the 20-character code on a
consignment label, and what the label's QR holds. Pure functions of the station's id and
secret salt, so the county hub checks a code exactly as the station made it."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from station_app.core import labels, settings
from station_app.db import Store
from station_app.errors import ValidationError

_B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U to misread
_CODE = re.compile(r"^([0-9A-Z]{5})(\d{6})(\d{3})([0-9A-Z]{6})$")
_SPACING = re.compile(r"[\s\-－_]")


@dataclass(frozen=True)
class TraceCode:
    """A parsed code: `tag` names the station, `lot_no` and `unit_no` (0 = the whole lot)."""

    code: str
    tag: str
    lot_no: int
    unit_no: int
    mac: str


def _b32(data: bytes, n: int) -> str:
    value, bits = int.from_bytes(data, "big"), len(data) * 8
    return "".join(_B32[(value >> (bits - 5 * (i + 1))) & 31] for i in range(n))


def station_tag(station_id: str) -> str:
    """Five characters that name a station inside its codes."""
    return _b32(hashlib.sha256(station_id.encode()).digest()[:4], 5)


def _mac(id_salt: str, body: str) -> str:
    # a key of its own, derived from the station's secret salt (the hub has it from station.created)
    key = hashlib.sha256(b"village-station trace code v1:" + id_salt.encode()).digest()
    return _b32(hmac.new(key, body.encode(), hashlib.sha256).digest()[:4], 6)


def trace_code(station_id: str, id_salt: str, lot_no: int, unit_no: int) -> str:
    """20 characters, like the MoA seed-label unit ID: station tag (5), lot number (6 digits),
    unit number (3 digits, 000 = the whole lot), MAC (6). E.g. `7KQ2M000123004X3F9TZ`.

    The MAC (30 bits of an HMAC keyed by the station's secret) makes a code for a lot or unit
    that was never printed practically impossible to guess; the hub checks it the same way.
    """
    body = f"{station_tag(station_id)}{lot_no:06d}{unit_no:03d}"
    return body + _mac(id_salt, body)


def spaced(code: str) -> str:
    """The code as printed under the QR, in groups a person can read out: `7KQ2M 000123 004 X3F9TZ`."""
    return f"{code[:5]} {code[5:11]} {code[11:14]} {code[14:]}" if _CODE.match(code) else code


def parse_trace(text: str) -> TraceCode | None:
    """The code in a scanned label (`VS1:T:<code>`, a trace link `https://<hub>/t/<code>`), a code
    typed by hand (spaces and dashes ignored), or any line of a multi-line QR text (the MoA
    four-line form). None when it holds no trace code."""
    for line in (text or "").strip().splitlines() or [""]:
        candidate = line.strip()
        if labels.looks_like_label(candidate):
            try:
                label = labels.parse_label(candidate)
            except ValidationError:
                continue
            if label.kind != labels.TRACE:
                continue
            candidate = label.value
        c = _CODE.match(_SPACING.sub("", candidate).upper())
        if c:
            return TraceCode(c.group(0), c.group(1), int(c.group(2)), int(c.group(3)), c.group(4))
    return None


def verify_trace(code: TraceCode, station_id: str, id_salt: str) -> bool:
    """True when `code` was made by this station (right tag and MAC). The hub checks codes with it."""
    body = f"{code.tag}{code.lot_no:06d}{code.unit_no:03d}"
    return code.tag == station_tag(station_id) and hmac.compare_digest(code.mac, _mac(id_salt, body))


def label_payload(db: Store, code: str) -> str:
    """What the label's QR holds: the trace link when the county hub is known (a phone opens the
    trace page; the counter scanner reads the code from it), else `VS1:T:<code>`."""
    hub = str(settings.get(db, "sync.hub_url") or "").strip()
    m = re.match(r"^(https?://[A-Za-z0-9.-]+(?::\d{1,5})?)", hub)
    return labels.trace_url(m.group(1), code) if m else labels.format_trace(code)
