"""Telling a keyboard-wedge scanner from a person typing (DESIGN §7). Plain Python, no Qt.

A wedge scanner "types" a code as keystrokes a few milliseconds apart and ends it with Enter
(or a suffix set up in the scanner); a person types 80–300 ms apart. The detector is fed
each keystroke with its time and says what to do with it:

- TYPE: an ordinary keystroke, deliver it. The first keystroke of every burst is delivered,
  so typing never waits.
- HOLD: keep it back for now, it arrived within a few ms of the previous one. If the burst
  turns out to be typing after all (a pause, a non-text key, too slow on average), the held
  keystrokes come back in `Outcome.release` to be delivered late, in order.
- SCAN: this keystroke ended a scan. Swallow it, take back the `undo` keystrokes of the
  burst that were delivered, and use `Outcome.scan`.
- REJECT: this keystroke ended a machine-speed burst that is no usable code (too long,
  nothing but control characters). Swallow it and take back `undo` as for a scan.

Timing alone is not proof (a stalled GUI thread can bunch up typed keys, a Bluetooth
scanner can send in chunks), so callers still check the code itself (`classify`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from station_app.i18n import QT_TRANSLATE_NOOP

ENTER = "\r"
TAB = "\t"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def strip_control_chars(text: str) -> tuple[str, int]:
    """The text without C0 control characters and DEL, and how many were removed."""
    cleaned, count = _CONTROL.subn("", text)
    return cleaned, count


@dataclass(frozen=True)
class WedgeSettings:
    """How a scan looks. The defaults fit USB scanners at their factory settings.

    Scanners send a key every 1–16 ms (7–8 ms typical); onScan.js uses 30 ms per character.
    A fast typist's rolled-over key pairs can come 30–60 ms apart, never six in a row.
    """

    max_gap_ms: float = 50.0  # a longer pause ends the burst
    mean_gap_ms: float = 30.0  # a scan averages faster than this
    min_length: int = 6  # keystrokes before the terminator
    max_length: int = 256  # longest code kept; station labels and trace URLs are < 100
    prefix: str = ""  # set up in the scanner; stripped from the code when present
    suffix: str = ""  # set up in the scanner; ends a scan like Enter does, and is stripped
    tab_ends_scan: bool = False  # some scanners are set to send Tab instead of Enter

    def terminators(self) -> str:
        return ENTER + "\n" + (TAB if self.tab_ends_scan else "")


@dataclass(frozen=True)
class Scan:
    """A code read by a wedge scanner, and how fast it came (for the scanner test page)."""

    code: str
    keystrokes: int
    ms_per_char: float
    stripped: int = 0  # control characters removed from the code

    @property
    def chars_per_second(self) -> float:
        return 1000.0 / self.ms_per_char if self.ms_per_char > 0 else float("inf")


class Step(Enum):
    TYPE = "type"
    HOLD = "hold"
    SCAN = "scan"
    REJECT = "reject"


#: why a burst was rejected (English source strings; translate in context "scanner")
TOO_LONG = QT_TRANSLATE_NOOP("scanner", "The scan was too long and was ignored")
CONTROL_ONLY = QT_TRANSLATE_NOOP("scanner", "The scan held only control characters and was ignored")


@dataclass(frozen=True)
class Outcome:
    step: Step
    release: tuple[Any, ...] = ()  # held keystrokes that were typing after all: deliver these first
    undo: int = 0  # keystrokes of the ended burst already delivered: take them back
    scan: Scan | None = None
    reason: str = ""  # for REJECT: TOO_LONG or CONTROL_ONLY
    keystrokes: int = 0  # for REJECT: how long the burst was


HOLD = Outcome(Step.HOLD)


class BurstDetector:
    """Feed it keystrokes (`feed`), non-text keys (`interrupt`) and idle time (`expire`).

    Times are seconds from any steady clock (event timestamps / 1000, time.monotonic).
    Each call is O(1); a burst keeps at most `max_length` characters whatever its length.
    """

    def __init__(self, settings: WedgeSettings | None = None) -> None:
        self.settings = settings or WedgeSettings()
        self._reset()

    def _reset(self) -> None:
        self._active = False
        self._start = 0.0
        self._last = 0.0
        self._chars: list[str] = []
        self._held: list[Any] = []
        self._count = 0
        self._overflow = False

    @property
    def active(self) -> bool:
        """A burst is under way (its keystrokes may still become a scan)."""
        return self._active

    @property
    def keystrokes(self) -> int:
        """Keystrokes in the current burst so far."""
        return self._count

    def would_hold(self, t: float) -> bool:
        """Whether a keystroke at `t` would continue the current burst (held or ending it)."""
        return self._active and 0 <= (t - self._last) * 1000 <= self.settings.max_gap_ms

    def feed(self, char: str, t: float, token: Any = None) -> Outcome:
        """One keystroke with text `char` at time `t`; `token` is what comes back in `release`
        (the caller's key event copy; the character itself by default)."""
        token = char if token is None else token
        release: tuple[Any, ...] = ()
        if self._active and not self.would_hold(t):
            release = self._end_silently()
        if char and char in self.settings.terminators():
            if not self._active:
                return Outcome(Step.TYPE, release)
            return self._finish()
        if not self._active:
            self._active = True
            self._start = self._last = t
            self._append(char, None)
            return Outcome(Step.TYPE, release)
        self._last = t
        self._append(char, token)
        suffix = self.settings.suffix
        if suffix and not self._overflow and "".join(self._chars[-len(suffix):]) == suffix:
            return self._finish()
        return HOLD

    def interrupt(self) -> Outcome:
        """A key that cannot be part of a scan (arrows, F-keys, Ctrl+…, auto-repeat): the burst
        ends as typing; deliver the released keystrokes, then the key."""
        return Outcome(Step.TYPE, self._end_silently())

    def expire(self) -> Outcome:
        """No keystroke for longer than `max_gap_ms` (the caller's timer): same as `interrupt`."""
        return self.interrupt()

    def _append(self, char: str, token: Any) -> None:
        self._count += 1
        if self._overflow:
            return
        if self._count > self.settings.max_length:
            self._overflow = True  # a machine sent it; never hand 2,000 keys to a field
            self._chars.clear()
            self._held.clear()
            return
        self._chars.append(char)
        if token is not None:
            self._held.append(token)

    def _end_silently(self) -> tuple[Any, ...]:
        held = () if self._overflow else tuple(self._held)
        self._reset()
        return held

    def _finish(self) -> Outcome:
        s = self.settings
        count, held, overflow = self._count, tuple(self._held), self._overflow
        mean_gap = (self._last - self._start) * 1000 / (count - 1) if count > 1 else float("inf")
        text = "".join(self._chars)
        self._reset()
        if overflow:
            return Outcome(Step.REJECT, undo=1, reason=TOO_LONG, keystrokes=count)
        if count < s.min_length or mean_gap > s.mean_gap_ms:
            return Outcome(Step.TYPE, held)
        if s.suffix and text.endswith(s.suffix):
            text = text[: -len(s.suffix)]
        if s.prefix and text.startswith(s.prefix):
            text = text[len(s.prefix):]
        code, stripped = strip_control_chars(text)
        code = code.strip()
        if not code:
            return Outcome(Step.REJECT, undo=1, reason=CONTROL_ONLY, keystrokes=count)
        return Outcome(Step.SCAN, undo=1, scan=Scan(code, count, mean_gap, stripped))

