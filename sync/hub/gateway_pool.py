"""How the hub's services keep an outside gateway busy: work is claimed in batches (one
transaction takes many notices or bills at once; on PostgreSQL `FOR UPDATE SKIP LOCKED`, so
several hub processes share the queue without waiting for each other), handed to a bounded
pool of threads (a provider answers each request in 50-100 ms; one request at a time is ~15
a second, a county's day of notices an hour), and the answers are written back in one
transaction per batch.

A gateway says how many requests it takes at once with its `concurrency` attribute; one
without it gets one at a time (a GSM modem is one serial line).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Select

from sync.hub.db import is_sqlite_conn

BATCH = 100  # notices or bills claimed, sent and recorded together
T = TypeVar("T")
R = TypeVar("R")


def at_once(gateway: object, asked: int | None = None) -> int:
    """How many requests go to `gateway` at once: `asked` if given, else its own `concurrency`
    (1 when it does not say)."""
    if asked is not None:
        return max(1, asked)
    return max(1, int(getattr(gateway, "concurrency", 1) or 1))


def skip_locked(conn: Connection, query: Select[Any]) -> Select[Any]:
    """`query` locking the rows it picks, skipping rows another transaction holds (PostgreSQL);
    SQLite's write transaction is already the only writer."""
    return query if is_sqlite_conn(conn) else query.with_for_update(skip_locked=True)


@dataclass(frozen=True)
class Answer(Generic[R]):
    """What one call of the pool gave: its value, or the exception it raised."""

    value: R | None = None
    error: Exception | None = None


def call_all(pool: ThreadPoolExecutor, work: Callable[[T], R], items: Sequence[T]) -> list[Answer[R]]:
    """`work(item)` for every item on the pool, in the items' order; an exception is kept as
    the item's answer (the others still finish, so what was sent is recorded)."""

    def one(item: T) -> Answer[R]:
        try:
            return Answer(work(item))
        except Exception as exc:  # handed back to the caller, who decides
            return Answer(error=exc)

    return list(pool.map(one, items))


@dataclass
class Share:
    """One worker run's share of a queue: at most `limit` items, claimed `batch` at a time, for
    at most `budget` seconds, and no new batch once `stopping()` says the hub is stopping."""

    limit: int
    batch: int
    budget: float
    stopping: Callable[[], bool]
    taken: int = 0
    more: bool = False  # the run stopped at its limit or budget: some may be left for the next one
    _until: float = field(init=False)

    def __post_init__(self) -> None:
        self._until = time.monotonic() + self.budget

    def next_size(self) -> int:
        """How many to claim next; 0 when this run claims no more."""
        if self.stopping():
            return 0
        if self.taken >= self.limit or time.monotonic() > self._until:
            self.more = True
            return 0
        return min(self.batch, self.limit - self.taken)
