"""The hub's own secret: 32 random bytes, made once, kept in a file only the hub's user can read.

It keys what must not be forgeable by someone who can read (or even write) the hub's
database: the dashboard's session keys and CSRF tokens (`sync.hub.sessions`). It is not in
the database, not derived from a password, and never logged.

Where: `--secret-file` / $STATION_HUB_SECRET_FILE, else beside a SQLite database
(`hub.sqlite` -> `hub.secret`), else `hub.secret` in $STATION_HUB_DATA or the user data folder.
The file is created with mode 0600 (refused if it exists with a looser mode and cannot be
tightened); an in-memory database gets a secret that lives as long as the process.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
import threading
from pathlib import Path

import platformdirs
from sqlalchemy import Engine

log = logging.getLogger(__name__)
ENV = "STATION_HUB_SECRET_FILE"
_lock = threading.Lock()


class SecretFileError(OSError):
    """The hub's secret file cannot be used (unreadable, damaged, or readable by others)."""


def default_path(engine: Engine) -> Path | None:
    """Where the secret of the hub over `engine` lives (None: an in-memory database)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    url = engine.url
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        return Path(url.database).with_suffix(".secret")
    folder = Path(os.environ.get("STATION_HUB_DATA") or platformdirs.user_data_dir("VillageStationHub", "VillageStation"))
    return folder / "hub.secret"


def load(path: Path | None) -> bytes:
    """The secret in `path`, made (0600) if there is none yet. Raises SecretFileError."""
    if path is None:
        return secrets.token_bytes(32)
    with _lock:
        try:
            return _read(path)
        except FileNotFoundError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        # written whole beside it, then linked into place: a process starting at the same time
        # finds either no file or a complete one, never an empty file it would refuse
        made = path.with_name(f"{path.name}.new-{os.getpid()}")
        fd = os.open(made, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32) + "\n")
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(made, path)
        except FileExistsError:  # another process made it first: theirs counts
            pass
        else:
            log.info("made the hub's secret file %s (mode 0600)", path)
        finally:
            made.unlink(missing_ok=True)
        return _read(path)


def _read(path: Path) -> bytes:
    mode = path.stat().st_mode
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        try:
            path.chmod(0o600)
        except OSError as exc:
            raise SecretFileError(f"{path} can be read by other users and cannot be made private: {exc}") from None
        log.warning("the hub's secret file %s could be read by other users: now mode 0600", path)
    text = path.read_text(encoding="ascii").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 32:
        raise SecretFileError(f"{path} is not a hub secret (64 hex digits); move it away to make a new one")
    return key
