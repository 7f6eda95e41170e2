"""What a station tells the hub about itself with each sync: its receipt printer's state (since
when, and the printer's own words) and the station program's version. One small JSON header on
the status call every sync starts with (`HEADER`), written by `sync.client` and read by the
hub's protocol router, which refuses anything outside these bounds (a station that sends none,
an older program, is simply not known).

Both sides use this module; it knows no database and no Qt.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

HEADER = "X-Station-Report"
MAX_HEADER = 1024  # bytes of the header's value (JSON, non-ASCII escaped)
MAX_MESSAGE = 120  # characters of the printer's message kept
#: the printer states (printer.PrinterStatus values, and "unset": no printer set up on the station)
PRINTER_STATES = ("ready", "offline", "out_of_paper", "cover_open", "error", "unknown", "unset")
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+\-]{0,31}")
_KEYS = {"v", "printer", "since", "msg"}


class BadReport(ValueError):
    """The header is not a station report this hub takes (the reason, in English, for the log)."""


@dataclass(frozen=True)
class StationReport:
    version: str
    printer: str  # one of PRINTER_STATES
    printer_since: str | None = None  # UTC ISO, the station's time: when the printer came to this state
    printer_message: str = ""


def encode(report: StationReport) -> str:
    """The header's value: compact JSON, ASCII only, within MAX_HEADER (the message is cut
    to MAX_MESSAGE characters)."""
    body: dict[str, str] = {"v": report.version, "printer": report.printer}
    if report.printer_since:
        body["since"] = report.printer_since
    message = _clean(report.printer_message)[:MAX_MESSAGE]
    if message:
        body["msg"] = message
    text = json.dumps(body, ensure_ascii=True, separators=(",", ":"))
    if len(text) > MAX_HEADER:  # never: the message is bounded; kept honest for odd characters
        body.pop("msg", None)
        text = json.dumps(body, ensure_ascii=True, separators=(",", ":"))
    return text


def parse(text: str) -> StationReport:
    """The report in a header's value. Raises BadReport for anything but what `encode` writes:
    too long, not a JSON object, unknown keys, a version or printer state outside the list, a
    time that is not one, a message too long or with control characters."""
    if len(text) > MAX_HEADER:
        raise BadReport(f"longer than {MAX_HEADER} bytes")
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):
        raise BadReport("not JSON") from None
    if not isinstance(body, dict) or not set(body) <= _KEYS:
        raise BadReport(f"not an object of {sorted(_KEYS)}")
    version, printer = body.get("v"), body.get("printer")
    if not isinstance(version, str) or not VERSION.fullmatch(version):
        raise BadReport("no program version")
    if printer not in PRINTER_STATES:
        raise BadReport("no printer state")
    since = body.get("since")
    if since is not None:
        if not isinstance(since, str) or len(since) > 40:
            raise BadReport("since is not a time")
        try:
            datetime.fromisoformat(since.replace("Z", "+00:00"))
        except ValueError:
            raise BadReport("since is not a time") from None
    message = body.get("msg", "")
    if not isinstance(message, str) or len(message) > MAX_MESSAGE or _clean(message) != message:
        raise BadReport("message too long or with control characters")
    return StationReport(version, str(printer), since, message)


def _clean(text: str) -> str:
    """One line of printable text (control and format characters dropped, ends trimmed)."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip()
