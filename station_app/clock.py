"""Time: UTC in storage, Asia/Shanghai on screen, corrected by the offset the hub reports.

Station PCs have flat CMOS batteries; a clock in 2009 must not break anything, so
nothing is ordered or merged by this clock (the event `seq` does that).

The hub's offset describes the PC clock as it was when it was measured. It is kept with the
PC time of that measurement, and it stops applying once the PC clock reads far from there:
an offset of +17 years measured under a 2009 clock must not send the station into 2043
after someone sets the clock right (the next sync measures it again).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
CLOCK_WARNING_MS = 5 * 60 * 1000
DAY_MS = 24 * 3600 * 1000
# the PC clock may read this much earlier than when the offset was measured (a flat CMOS
# battery sends it back to its start at each boot) or this much later (days offline, then a
# sync) and the offset still describes it; beyond, the PC clock was changed
OFFSET_HOLDS_BEFORE_MS = 3 * DAY_MS
OFFSET_HOLDS_AFTER_MS = 90 * DAY_MS
#: no station ran this program before this time: a PC clock reading earlier is wrong for sure
EARLIEST_TRUE_MS = int(datetime(2024, 1, 1, tzinfo=UTC).timestamp() * 1000)


def offset_holds(offset_ms: int, measured_at_ms: int, pc_ms: int) -> bool:
    """Does an offset measured at PC time `measured_at_ms` still describe the PC clock at `pc_ms`?
    A small offset always does (dropping it changes little); a large one only while the PC
    clock reads near where it was measured."""
    if abs(offset_ms) <= CLOCK_WARNING_MS:
        return True
    return -OFFSET_HOLDS_BEFORE_MS <= pc_ms - measured_at_ms <= OFFSET_HOLDS_AFTER_MS


def offset_text(offset_ms: int, measured_at_ms: int) -> str:
    """How an offset is stored: `offset@PC time it was measured at` (both in ms)."""
    return f"{int(offset_ms)}@{int(measured_at_ms)}"


def parse_offset(text: str | None) -> tuple[int, int] | None:
    """(offset, measured at) from `offset_text`; None for nothing or an unreadable value."""
    offset, at, measured = (text or "").partition("@")
    try:
        return (int(offset), int(measured)) if at else None
    except ValueError:
        return None


class Clock:
    """The PC clock plus the hub-estimated offset (hub time - PC time) in milliseconds, which
    applies while the PC clock reads near the time it was measured at (`offset_holds`)."""

    def __init__(self, source: Callable[[], float] = time.time, offset_ms: int = 0) -> None:
        self._source = source
        self._offset_ms = offset_ms
        self._measured_at_ms: int | None = None  # PC time of the hub's measurement (None: never measured)

    @property
    def offset_ms(self) -> int:
        """The offset in effect now: the measured one, or 0 once the PC clock has moved far
        from where it was measured (it was set right, or set wrong again)."""
        if self._measured_at_ms is None or offset_holds(self._offset_ms, self._measured_at_ms, self.pc_ms()):
            return self._offset_ms
        return 0

    @offset_ms.setter
    def offset_ms(self, value: int) -> None:
        """An offset measured just now."""
        self.set_offset(value, self.pc_ms())

    def set_offset(self, offset_ms: int, measured_at_ms: int) -> None:
        self._offset_ms, self._measured_at_ms = int(offset_ms), int(measured_at_ms)

    def load_offset(self, text: str | None) -> None:
        """Take the offset stored as `offset_text` (nothing or an unreadable value: no offset)."""
        stored = parse_offset(text)
        if stored is None:
            self._offset_ms, self._measured_at_ms = 0, None
        else:
            self.set_offset(*stored)

    def pc_ms(self) -> int:
        return int(self._source() * 1000)

    def floor_ms(self) -> int:
        """A time the true time is surely past: the hub's time when it last measured this clock,
        or the day this program first ran anywhere (`EARLIEST_TRUE_MS`)."""
        if self._measured_at_ms is None:
            return EARLIEST_TRUE_MS
        return max(EARLIEST_TRUE_MS, self._measured_at_ms + self._offset_ms)

    def pc_now(self) -> datetime:
        return datetime.fromtimestamp(self._source(), UTC)

    def now(self) -> datetime:
        """Best estimate of the true UTC time."""
        return self.pc_now() + timedelta(milliseconds=self.offset_ms)

    def now_ms(self) -> int:
        return self.pc_ms() + self.offset_ms

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
