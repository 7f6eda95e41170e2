"""Identifiers: time-ordered UUIDv7 text, made on the station, never reused."""

from __future__ import annotations

import os
import threading
import time
import uuid
from typing import NewType

PersonId = NewType("PersonId", str)
OperatorId = NewType("OperatorId", str)
EventId = NewType("EventId", str)

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def new_id() -> str:
    """A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, a 12-bit counter for order within a
    millisecond, and 62 random bits. A wrong PC clock only changes the order, never uniqueness."""
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            ms = _last_ms
            _counter += 1
            if _counter > 0xFFF:
                ms += 1
                _counter = 0
        else:
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        _last_ms = ms
        rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
        value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | _counter << 64 | 0b10 << 62 | rand
    return str(uuid.UUID(int=value))
