"""The secrets this PC keeps for its station file: the sync token and the ID-number key.

They never go into the station file, so no backup and no event carries them. They are
sealed in `<station file>.secrets` beside it (mode 0600):

- on Windows by DPAPI (`CryptProtectData`, bound to the Windows user: a copy of the folder
  on another PC or user account cannot open them);
- elsewhere by a random key in `<station file>.key` (mode 0600), with encrypt-then-MAC
  built from HMAC-SHA256 (a counter-mode keystream and a tag over nonce and ciphertext;
  the standard library has no cipher, and the station install carries no crypto package).

A backup restored on this PC finds them where they were; on another PC the station
enrolls again (or the two files are brought along, which only works without DPAPI).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

TOKEN = "sync.token"  # the station's key for the county hub
ID_KEY = "id.key"  # the key ID numbers are hashed with (core.identity), hex

_FORMAT = 1
_NONCE = 16
_TAG = 32
_lock = threading.Lock()  # the GUI and the sync worker share one process


class Protector(Protocol):
    """Seals and opens small secrets for this PC."""

    name: str

    def seal(self, plain: bytes) -> bytes: ...

    def open(self, sealed: bytes) -> bytes: ...


class KeystoreError(Exception):
    """The sealed secrets exist but cannot be opened here (another PC or user, a damaged or
    missing key file). The station must enroll again; nothing is guessed."""


def secrets_path(station_file: Path) -> Path:
    return Path(station_file).with_name(Path(station_file).name + ".secrets")


def key_path(station_file: Path) -> Path:
    return Path(station_file).with_name(Path(station_file).name + ".key")


# -- protectors ---------------------------------------------------------------------------


def _write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, readable by this user only (0600)."""
    tmp = path.with_name(path.name + ".part")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = (hmac.new(key, nonce + i.to_bytes(8, "big"), hashlib.sha256).digest() for i in range((length + 31) // 32))
    return b"".join(blocks)[:length]


class KeyFile:
    """A random 32-byte key in a 0600 file beside the station file (POSIX; Windows without DPAPI)."""

    name = "keyfile"

    def __init__(self, path: Path) -> None:
        self.path = path

    def _key(self, create: bool) -> bytes:
        if not self.path.exists():
            if not create:
                raise KeystoreError(f"the key file {self.path} is missing")
            with contextlib.suppress(FileExistsError):  # another thread made it first: use that one
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                try:
                    os.write(fd, os.urandom(32).hex().encode())
                    os.fsync(fd)
                finally:
                    os.close(fd)
        if os.name == "posix" and self.path.stat().st_mode & 0o077:
            os.chmod(self.path, 0o600)  # copied in by hand with looser rights: only this user
        try:
            key = bytes.fromhex(self.path.read_text("ascii").strip())
        except (ValueError, UnicodeDecodeError):
            raise KeystoreError(f"the key file {self.path} is damaged") from None
        if len(key) != 32:
            raise KeystoreError(f"the key file {self.path} is damaged")
        return key

    def seal(self, plain: bytes) -> bytes:
        key = self._key(create=True)
        enc, mac = (hmac.new(key, label, hashlib.sha256).digest() for label in (b"encrypt", b"authenticate"))
        nonce = os.urandom(_NONCE)
        body = bytes(a ^ b for a, b in zip(plain, _keystream(enc, nonce, len(plain)), strict=True))
        return nonce + body + hmac.new(mac, nonce + body, hashlib.sha256).digest()

    def open(self, sealed: bytes) -> bytes:
        key = self._key(create=False)
        enc, mac = (hmac.new(key, label, hashlib.sha256).digest() for label in (b"encrypt", b"authenticate"))
        nonce, body, tag = sealed[:_NONCE], sealed[_NONCE:-_TAG], sealed[-_TAG:]
        if len(sealed) < _NONCE + _TAG or not hmac.compare_digest(tag, hmac.new(mac, nonce + body, hashlib.sha256).digest()):
            raise KeystoreError("a sealed secret does not match the key file (another station's key file?)")
        return bytes(a ^ b for a, b in zip(body, _keystream(enc, nonce, len(body)), strict=True))


class Dpapi:
    """Windows DPAPI through ctypes: sealed for the current Windows user on this PC."""

    name = "dpapi"
    _ENTROPY = b"village-station secrets v1"
    _UI_FORBIDDEN = 0x1

    def _call(self, protect: bool, data: bytes) -> bytes:
        import ctypes
        from ctypes import wintypes

        class Blob(ctypes.Structure):
            _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

        def blob(raw: bytes) -> tuple[Blob, ctypes.Array[ctypes.c_char]]:
            buf = ctypes.create_string_buffer(raw, len(raw))
            return Blob(len(raw), ctypes.cast(buf, ctypes.POINTER(ctypes.c_char))), buf

        crypt32 = ctypes.windll.crypt32  # type: ignore[attr-defined]
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        data_in, keep_in = blob(data)
        entropy, keep_entropy = blob(self._ENTROPY)
        out = Blob()
        fn = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
        ok = fn(ctypes.byref(data_in), None, ctypes.byref(entropy), None, None, self._UI_FORBIDDEN, ctypes.byref(out))
        del keep_in, keep_entropy
        if not ok:
            raise KeystoreError(f"Windows could not {'seal' if protect else 'open'} the station's secrets "
                                f"(error {ctypes.GetLastError()}: another Windows user or PC?)")  # type: ignore[attr-defined]
        try:
            return ctypes.string_at(out.pbData, out.cbData)
        finally:
            kernel32.LocalFree(out.pbData)

    def seal(self, plain: bytes) -> bytes:
        return self._call(True, plain)

    def open(self, sealed: bytes) -> bytes:
        return self._call(False, sealed)


def protector_for(station_file: Path, name: str | None = None) -> Protector:
    """The protector that sealed a file (`name`), or this PC's own: DPAPI on Windows, else a key file."""
    chosen = name or ("dpapi" if sys.platform == "win32" else "keyfile")
    if chosen == "dpapi":
        if sys.platform != "win32":
            raise KeystoreError("these secrets were sealed by Windows for another PC: enroll this station again")
        return Dpapi()
    return KeyFile(key_path(station_file))


# -- the store ----------------------------------------------------------------------------


def _read(station_file: Path) -> tuple[str | None, dict[str, str]]:
    """(the protector's name, the sealed secrets by name) of the station file's secrets file."""
    path = secrets_path(station_file)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None, {}
    except (ValueError, UnicodeDecodeError):
        raise KeystoreError(f"{path} is damaged") from None
    if not isinstance(data, dict) or not isinstance(data.get("secrets"), dict):
        raise KeystoreError(f"{path} is damaged")
    return (str(data.get("protection") or "") or None), {str(k): str(v) for k, v in data["secrets"].items()}


def _open(station_file: Path, protection: str | None, sealed: str) -> str:
    try:
        raw = base64.b64decode(sealed, validate=True)
    except ValueError:
        raise KeystoreError(f"{secrets_path(station_file)} is damaged") from None
    return protector_for(station_file, protection).open(raw).decode("utf-8")


def get(station_file: Path, name: str) -> str | None:
    """The secret `name` of the station file (None when this PC holds none). Raises
    KeystoreError when it exists but cannot be opened here."""
    protection, sealed = _read(station_file)
    return _open(station_file, protection, sealed[name]) if name in sealed else None


def holds(station_file: Path, name: str) -> bool:
    """Is a secret `name` sealed for the station file (without opening it)?"""
    try:
        return name in _read(station_file)[1]
    except KeystoreError:
        return False


def put(station_file: Path, name: str, value: str | None) -> None:
    """Seal `value` as the secret `name` of the station file (None: forget it). Secrets already
    there that cannot be opened on this PC are dropped: nobody here could use them."""
    with _lock:
        _put(station_file, name, value)


def _put(station_file: Path, name: str, value: str | None) -> None:
    try:
        protection, sealed = _read(station_file)
        for other in sealed.values():
            _open(station_file, protection, other)
    except KeystoreError:
        protection, sealed = None, {}
    protector = protector_for(station_file, protection)
    if value is None:
        sealed.pop(name, None)
    else:
        sealed[name] = base64.b64encode(protector.seal(value.encode("utf-8"))).decode("ascii")
    body = {"format": _FORMAT, "protection": protector.name, "secrets": sealed}
    _write_private(secrets_path(station_file), json.dumps(body, indent=1).encode("utf-8"))


def get_or_create(station_file: Path, name: str, make: Callable[[], str]) -> str:
    """The secret `name`; the first time it is asked for, `make()` and sealed. A secret that
    exists but cannot be opened here raises KeystoreError rather than being replaced."""
    with _lock:
        found = get(station_file, name)
        if found is None:
            found = make()
            _put(station_file, name, found)
        return found


def files(station_file: Path) -> Iterator[Path]:
    """The files that hold this station file's secrets (those that exist)."""
    for path in (secrets_path(station_file), key_path(station_file)):
        if path.exists():
            yield path
