"""Time: UTC in storage, Asia/Shanghai on screen, corrected by the offset the hub reports.

Station PCs have flat CMOS batteries; a clock in 2009 must not break anything, so
nothing is ordered or merged by this clock (the event `seq` does that).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
CLOCK_WARNING_MS = 5 * 60 * 1000


class Clock:
    """The PC clock plus the hub-estimated offset (hub time - PC time) in milliseconds."""

    def __init__(self, source: Callable[[], float] = time.time, offset_ms: int = 0) -> None:
        self._source = source
        self.offset_ms = offset_ms

    def pc_now(self) -> datetime:
        return datetime.fromtimestamp(self._source(), UTC)

    def now(self) -> datetime:
        """Best estimate of the true UTC time."""
        return self.pc_now() + timedelta(milliseconds=self.offset_ms)

    def now_ms(self) -> int:
        return int(self._source() * 1000) + self.offset_ms

    def needs_warning(self) -> bool:
        return abs(self.offset_ms) > CLOCK_WARNING_MS


class FixedClock(Clock):
    """A clock for tests and simulations that only moves when told to."""

    def __init__(self, start: datetime, offset_ms: int = 0) -> None:
        self.t = start.timestamp()
        super().__init__(lambda: self.t, offset_ms)

    def advance(self, **delta: float) -> None:
        self.t += timedelta(**delta).total_seconds()

    def set(self, when: datetime) -> None:
        self.t = when.timestamp()


def iso(dt: datetime) -> str:
    """UTC ISO-8601 with milliseconds: 2026-11-23T02:03:04.567Z."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def local(dt: datetime) -> datetime:
    return dt.astimezone(SHANGHAI)


def local_day(dt: datetime) -> date:
    return local(dt).date()


def show(text_or_dt: str | datetime, *, seconds: bool = False) -> str:
    """A stored time as a person in China reads it: 2026-11-23 10:03."""
    dt = parse_iso(text_or_dt) if isinstance(text_or_dt, str) else text_or_dt
    return local(dt).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
