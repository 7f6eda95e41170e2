"""What the core needs of a station file: the `Store` every core function takes.

`StationDB` (connection.py) is the one implementation; the hub's per-station report files are
`StationDB`s too. Core code depends on this protocol, never on sqlite3 or sqlite-utils, so
mypy checks every database call the core makes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from station_app.clock import Clock

Row = sqlite3.Row
Params = Sequence[Any] | dict[str, Any]


class Store(Protocol):
    """An open station file, used by one thread."""

    path: Path
    clock: Clock

    @property
    def in_transaction(self) -> bool:
        """True inside `transaction()`: core writes happen only there."""
        ...

    def transaction(self) -> AbstractContextManager[Store]:
        """One user action: everything inside commits together or not at all."""
        ...

    def snapshot(self) -> AbstractContextManager[Store]:
        """A consistent read: every read inside sees the file as of one moment, however much
        another connection writes meanwhile. Inside `transaction()` it is that transaction."""
        ...

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor: ...

    def rows(self, sql: str, params: Params = ()) -> list[Row]: ...

    def row(self, sql: str, params: Params = ()) -> Row | None: ...

    def value(self, sql: str, params: Params = (), default: Any = None) -> Any: ...

    def insert(self, table: str, values: dict[str, Any]) -> None: ...

    def update(self, table: str, key: dict[str, Any], values: dict[str, Any]) -> int: ...

    def local(self, key: str, default: str | None = None) -> str | None:
        """A machine-local value (never an event, never synced)."""
        ...

    def set_local(self, key: str, value: str | None) -> None: ...
