"""The station's own QR payloads: what it prints on cards and labels, and reads back.

    VS1:P:<person id>      a villager's identity / training card
    VS1:T:<trace code>     a consignment unit's traceability label
    VS1:S:<session id>     a training session (sign-in sheet)
    VS1:O:<order id>       a proxy-purchase order
    https://<hub>/t/<trace code>   the same trace code as a link buyers open on their phones

`VS1` is the payload version: a reader refuses versions it does not know, so a card from
a newer program is reported as such instead of being misread. Scanners with Caps Lock on
invert letter case, so the prefix and kind are read case-insensitively and the value is
normalised (ids lower case, trace codes upper case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate

VERSION = "VS1"
PERSON, TRACE, SESSION, ORDER = "person", "trace", "session", "order"
_LETTER = {PERSON: "P", TRACE: "T", SESSION: "S", ORDER: "O"}
_KIND = {v: k for k, v in _LETTER.items()}
#: what each kind of label is called on screen
KIND_NAMES = {
    PERSON: QT_TRANSLATE_NOOP("labels", "villager card"),
    TRACE: QT_TRANSLATE_NOOP("labels", "traceability label"),
    SESSION: QT_TRANSLATE_NOOP("labels", "training session"),
    ORDER: QT_TRANSLATE_NOOP("labels", "order"),
}

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_TRACE = re.compile(r"^[A-Z0-9]{6,24}$")
_ORDER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")
_PAYLOAD = re.compile(r"^VS(\d+):([A-Za-z]):(.*)$", re.IGNORECASE | re.DOTALL)
_URL = re.compile(r"^(https?)://([A-Za-z0-9.-]+(?::\d{1,5})?)/t/([^/?#]+)/?$", re.IGNORECASE)


@dataclass(frozen=True)
class Label:
    kind: str  # PERSON, TRACE, SESSION or ORDER
    value: str  # the id or code, normalised
    host: str | None = None  # for a trace URL: the hub it points to

    @property
    def payload(self) -> str:
        """The canonical QR payload for this label (a trace URL becomes its VS1:T: form)."""
        return f"{VERSION}:{_LETTER[self.kind]}:{self.value}"


def _normal(kind: str, value: str) -> str:
    """The value normalised for its kind; ValidationError if it cannot be one."""
    if kind in (PERSON, SESSION):
        value = value.strip().lower()
        ok = bool(_UUID.match(value))
    elif kind == TRACE:
        value = value.strip().upper()
        ok = bool(_TRACE.match(value))
    else:
        value = value.strip()
        ok = bool(_ORDER.match(value))
    if not ok:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "'{value}' is not valid on a {kind}"),
            value=value, kind=translate("labels", KIND_NAMES[kind]))
    return value


def format_person(person_id: str) -> str:
    return f"{VERSION}:P:{_normal(PERSON, person_id)}"


def format_trace(code: str) -> str:
    return f"{VERSION}:T:{_normal(TRACE, code)}"


def format_session(session_id: str) -> str:
    return f"{VERSION}:S:{_normal(SESSION, session_id)}"


def format_order(order_id: str) -> str:
    return f"{VERSION}:O:{_normal(ORDER, order_id)}"


def trace_url(hub: str, code: str) -> str:
    """The buyers' link for a trace code: `hub` is "https://host[:port]" (a trailing / is fine)."""
    base = hub.strip().rstrip("/")
    if not re.match(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$", base, re.IGNORECASE):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The hub address '{hub}' is not a web address"), hub=hub)
    return f"{base}/t/{_normal(TRACE, code)}"


def looks_like_label(text: str) -> bool:
    """Cheap check before `parse_label`: starts like a payload or a trace link."""
    head = text.strip()[:8].upper()
    return (head.startswith("VS") and ":" in head) or bool(_URL.match(text.strip()))


def parse_label(text: str) -> Label:
    """A station label from a scanned payload or trace link.

    Raises ValidationError for a newer version, an unknown kind or a malformed value."""
    text = (text or "").strip()
    url = _URL.match(text)
    if url:
        return Label(TRACE, _normal(TRACE, url.group(3)), host=url.group(2).lower())
    m = _PAYLOAD.match(text)
    if not m:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "This is not a station label"))
    version, letter, value = f"VS{int(m.group(1))}", m.group(2).upper(), m.group(3)
    if version != VERSION:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "This label was made by another version of the program ({version}); update the program to read it"),
            version=version)
    if letter not in _KIND:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown kind of station label: {kind}"), kind=letter)
    kind = _KIND[letter]
    return Label(kind, _normal(kind, value))
