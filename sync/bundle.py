"""Sync bundles: the push and the pull of DESIGN §6 as files a courier carries on a USB stick.

A station writes a bundle for its county hub (its events above what the hub is known to hold,
the evidence files the hub has not confirmed, its cursor of county data); the hub imports it
with the checks of an HTTP push and writes a return bundle for the station (the county's
changes since that cursor, the hub's ack, the files it holds). This module is the file format,
shared by both ends; the station's side is `sync.courier`, the hub's `sync.hub.bundles`.

One file, in this order:

    MAGIC | u32 length of the header | header (JSON, readable: who it is for and from)
    | 32-byte ephemeral X25519 public key | the sealed plaintext in chunks
    | b"SIG1" | Ed25519 signature

- **Encrypted for the recipient** (a lost stick shows nobody a villager's phone): the plaintext
  is sealed with ChaCha20-Poly1305 under a key agreed between a fresh X25519 key and the
  recipient's box key (HKDF-SHA256, bound to the header). It is cut in CHUNK-byte chunks, each
  sealed with its number and whether it is the last (a cut or reordered file never opens).
- **Signed by the sender** (the station's key made at enrollment, the hub's county key): the
  signature covers every byte before it. It is checked on a local copy before anything is
  decrypted, so a truncated, changed or forged file is refused whole: nothing is half-applied.
- **Written atomically** (`write_atomically`): a temporary file, fsync, rename. On a stick that
  is pulled out or full, a bundle is complete under its name or absent.

The plaintext is a series of frames: one type byte, a u64 length, the bytes. `M` the manifest
(JSON), then `B` push bodies (exactly what an HTTP push carries: `sync.protocol.pack`), `C`
pages of county changes (the HTTP pull's answer, packed the same way), `F` evidence files
(32-byte sha256, then the file's bytes).
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import json
import os
import shutil
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP

MAGIC = b"VSBUNDLE"
FORMAT = 1
SUFFIX = ".vsb"
TO_HUB, TO_STATION = "to_hub", "to_station"
CHUNK = 256 * 1024  # plaintext bytes per sealed chunk
TAG = 16  # bytes ChaCha20-Poly1305 adds to a chunk
TRAILER = b"SIG1"
SIGNATURE = 64
MAX_HEADER = 16 * 1024
MAX_FRAME = 32 * 1024 * 1024  # a manifest, a push body, a page of changes or an evidence file (at most 25 MB)
MANIFEST, BODY, CHANGES, FILE = b"M", b"B", b"C", b"F"
FRAMES = (MANIFEST, BODY, CHANGES, FILE)
_SIGNED = b"village-station bundle signature 1\0"
_SEAL = b"village-station bundle seal 1\0"
_KEY = b"village-station key 1\0"


# -- keys -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicKeys:
    """What a party shows the other: an Ed25519 key its bundles are signed with and an X25519
    key bundles for it are sealed to (32 bytes each)."""

    sign: bytes
    box: bytes

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(_KEY + self.sign + self.box).hexdigest()[:32]

    def as_json(self) -> dict[str, str]:
        return {"sign": base64.b64encode(self.sign).decode("ascii"), "box": base64.b64encode(self.box).decode("ascii")}

    @classmethod
    def from_json(cls, obj: Any) -> PublicKeys:
        """Raises ValueError for anything that is not two base64 keys of 32 bytes."""
        if not isinstance(obj, dict):
            raise ValueError("keys must be an object with sign and box")
        try:
            sign = base64.b64decode(str(obj.get("sign", "")), validate=True)
            box = base64.b64decode(str(obj.get("box", "")), validate=True)
        except ValueError:
            raise ValueError("keys must be base64") from None
        if len(sign) != 32 or len(box) != 32:
            raise ValueError("keys must be 32 bytes each")
        return cls(sign, box)


class KeyPair:
    """A party's private keys, both derived from one 32-byte seed (the station keeps the seed in
    its keystore, the hub derives it from its secret): nothing else to store or back up."""

    def __init__(self, seed: bytes) -> None:
        if len(seed) != 32:
            raise ValueError("a key seed is 32 bytes")
        self._sign = Ed25519PrivateKey.from_private_bytes(_derive(seed, b"sign"))
        self._box = X25519PrivateKey.from_private_bytes(_derive(seed, b"box"))
        raw = Encoding.Raw, PublicFormat.Raw
        self.public = PublicKeys(self._sign.public_key().public_bytes(*raw), self._box.public_key().public_bytes(*raw))

    def sign(self, data: bytes) -> bytes:
        return self._sign.sign(data)

    def agree(self, peer: bytes) -> bytes:
        return self._box.exchange(X25519PublicKey.from_public_bytes(peer))


def _derive(seed: bytes, label: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None, info=b"village-station " + label).derive(seed)


def _seal_key(shared: bytes, ephemeral: bytes, recipient: bytes, head: bytes) -> ChaCha20Poly1305:
    info = _SEAL + hashlib.sha256(head).digest()
    return ChaCha20Poly1305(HKDF(hashes.SHA256(), 32, salt=ephemeral + recipient, info=info).derive(shared))


def _nonce(number: int, last: bool) -> bytes:
    return number.to_bytes(11, "big") + (b"\1" if last else b"\0")


# -- errors a person can act on ---------------------------------------------------------------------


MESSAGES = {
    "not_a_bundle": QT_TRANSLATE_NOOP("errors", "{name} is not a sync bundle of this program: it was not imported."),
    "truncated": QT_TRANSLATE_NOOP(
        "errors", "{name} is incomplete (the stick was perhaps pulled out while it was written): nothing in it was "
                  "imported. Write it again at the station."),
    "damaged": QT_TRANSLATE_NOOP(
        "errors", "{name} is damaged or was changed after it was written (its signature does not match): nothing in "
                  "it was imported."),
    "newer": QT_TRANSLATE_NOOP(
        "errors", "{name} was written by a newer version of the program: install the update to read it."),
    "other_county": QT_TRANSLATE_NOOP(
        "errors", "{name} was made for another county's hub, not this one: nothing in it was imported."),
    "other_station": QT_TRANSLATE_NOOP(
        "errors", "{name} is for another station ({station}), not this one: nothing in it was imported."),
    "unknown_station": QT_TRANSLATE_NOOP(
        "errors", "{name} comes from a station this hub does not know ({station}): nothing in it was imported."),
    "revoked": QT_TRANSLATE_NOOP(
        "errors", "{name} is signed with a key of station {station} that the county has revoked: nothing in it was "
                  "imported. The station must enroll again."),
    "unknown_key": QT_TRANSLATE_NOOP(
        "errors", "{name} is signed with a key this hub never registered for station {station}: nothing in it was "
                  "imported."),
    "stick_full": QT_TRANSLATE_NOOP(
        "errors", "Not enough room on {folder}: the bundle needs {need}, only {free} is free. Nothing was written; "
                  "free some space or use another stick."),
    "stick_gone": QT_TRANSLATE_NOOP(
        "errors", "Writing to {folder} failed ({detail}): was the stick pulled out? No half-written bundle is left "
                  "under a bundle's name; plug the stick in again and write again."),
    "unreadable": QT_TRANSLATE_NOOP(
        "errors", "Reading {name} failed ({detail}): was the stick pulled out? Nothing in it was imported."),
    "no_folder": QT_TRANSLATE_NOOP("errors", "{folder} is not a folder (is the stick plugged in?)."),
}


class BundleError(UserError):
    """A bundle that cannot be written or imported; `code` names why (a MESSAGES key)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(MESSAGES[code], **params)
        self.code = code


# -- writing ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One frame of the plaintext: bytes in memory, or an evidence file streamed from disk
    (`file`, of `size` bytes hashing to `sha256`, checked again as it is read)."""

    kind: bytes
    data: bytes = b""
    file: Path | None = None
    size: int = 0
    sha256: str = ""

    @classmethod
    def evidence(cls, path: Path, size: int, sha256: str) -> Part:
        return cls(FILE, file=path, size=size, sha256=sha256)

    @property
    def length(self) -> int:
        """Bytes of the frame's payload."""
        return (32 + self.size) if self.kind == FILE else len(self.data)

    @property
    def framed(self) -> int:
        return 9 + self.length


def header_bytes(header: dict[str, Any], parts: Iterable[Part]) -> bytes:
    """The header as written: `header` with the format, chunk size and plaintext length."""
    plain = sum(part.framed for part in parts)
    return json.dumps({**header, "format": FORMAT, "chunk": CHUNK, "plain": plain}, ensure_ascii=False,
                      sort_keys=True, separators=(",", ":")).encode("utf-8")


def sealed_size(head: bytes) -> int:
    """Bytes of the whole file for a header made by `header_bytes`."""
    plain = int(json.loads(head)["plain"])
    return len(MAGIC) + 4 + len(head) + 32 + plain + TAG * _chunks(plain) + len(TRAILER) + SIGNATURE


def _chunks(plain: int) -> int:
    return max(1, -(-plain // CHUNK))


def seal(out: IO[bytes], head: bytes, parts: list[Part], signer: KeyPair, recipient: PublicKeys) -> None:
    """Write the bundle with header `head` (`header_bytes(…, parts)`) to `out`: sealed for
    `recipient`, signed by `signer`. Raises ValueError when an evidence file is no longer the
    one planned (changed or gone: write again)."""
    ephemeral = X25519PrivateKey.generate()
    eph = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    aead = _seal_key(ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient.box)), eph, recipient.box,
                     MAGIC + head)
    total = _chunks(int(json.loads(head)["plain"]))
    digest = hashlib.sha256()

    def put(data: bytes) -> None:
        digest.update(data)
        out.write(data)

    put(MAGIC + struct.pack(">I", len(head)) + head + eph)
    number = 0
    for chunk in _rechunk(_plaintext(parts), CHUNK):
        put(aead.encrypt(_nonce(number, number == total - 1), chunk, None))
        number += 1
    if number != total:
        raise ValueError("the planned bundle changed while it was written")
    out.write(TRAILER + signer.sign(_SIGNED + digest.digest()))


def _plaintext(parts: list[Part]) -> Iterator[bytes]:
    for part in parts:
        yield part.kind + struct.pack(">Q", part.length)
        if part.file is None:
            yield part.data
            continue
        yield bytes.fromhex(part.sha256)
        check, size = hashlib.sha256(), 0
        with part.file.open("rb") as f:
            while size < part.size and (piece := f.read(min(1 << 20, part.size - size))):
                check.update(piece)
                size += len(piece)
                yield piece
        if size != part.size or check.hexdigest() != part.sha256:
            raise ValueError(f"{part.file} changed while the bundle was written")


def _rechunk(pieces: Iterable[bytes], size: int) -> Iterator[bytes]:
    """The bytes of `pieces` in chunks of `size` (the last one shorter; one empty chunk for nothing)."""
    buffer, given = bytearray(), False
    for piece in pieces:
        buffer += piece
        while len(buffer) > size:  # keep a full chunk back until it is known not to be the last
            yield bytes(buffer[:size])
            del buffer[:size]
            given = True
    if buffer or not given:
        yield bytes(buffer)


def write_atomically(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write the file at `path` complete or not at all: into a temporary file beside it, flushed
    to the device (fsync), then renamed. Raises BundleError stick_full (no room) or stick_gone
    (any other failure: the stick pulled out, read-only, broken); nothing is left under `path`."""
    tmp = path.with_name(f".{path.name}.partial")
    with contextlib.suppress(OSError):
        tmp.unlink()  # what a write cut short before left
    try:
        with open_for_writing(tmp) as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
        _sync_folder(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise stick_error(path.parent, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def open_for_writing(path: Path) -> IO[bytes]:
    """A new file for the bundle (tests put a stick that fails here)."""
    return path.open("xb")


def _sync_folder(folder: Path) -> None:
    """Flush the rename to the device where that can be asked for (not on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def stick_error(folder: Path, exc: OSError, need: int | None = None) -> BundleError:
    """The BundleError for a failed write to `folder`: stick_full or stick_gone."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return BundleError("stick_full", folder=str(folder), need=show_size(need) if need else "?",
                           free=show_size(free_space(folder)))
    return BundleError("stick_gone", folder=str(folder), detail=exc.strerror or type(exc).__name__)


def free_space(folder: Path) -> int:
    """Bytes free on the drive of `folder` (0 when it cannot be asked: the stick is gone)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0


def show_size(n: int) -> str:
    """Bytes for people: 980 B, 12.3 KB, 4.5 MB, 1.2 GB."""
    if n < 1000:
        return f"{n} B"
    value = float(n)
    for unit in ("KB", "MB", "GB"):
        value /= 1000
        if value < 1000 or unit == "GB":
            return f"{value:.1f} {unit}"
    return f"{n} B"


def bundle_name(kind: str, station_id: str, made_at: str) -> str:
    """`{station}.{time}.to-county.vsb` or `….to-station.vsb`: one file per station and trip."""
    stamp = "".join(ch for ch in made_at[:19] if ch.isdigit())
    return f"{station_id}.{stamp}.{'to-county' if kind == TO_HUB else 'to-station'}{SUFFIX}"


def bundles_in(folder: Path) -> list[Path]:
    """The bundle files in `folder` (not the temporary files of writes cut short). Raises
    BundleError no_folder."""
    if not folder.is_dir():
        raise BundleError("no_folder", folder=str(folder))
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".") and p.is_file())
    except OSError as exc:
        raise BundleError("unreadable", name=str(folder), detail=exc.strerror or type(exc).__name__) from None


def bundles_of(folder: Path, station_id: str, kind: str) -> list[Path]:
    """The bundles of `kind` for or from `station_id` in `folder`, by their readable header (a
    damaged one under the station's name counts too: it is replaced)."""
    out = []
    suffix = ("to-county" if kind == TO_HUB else "to-station") + SUFFIX
    for path in bundles_in(folder):
        try:
            sealed = peek(path)
        except BundleError:
            if path.name.startswith(station_id + ".") and path.name.endswith(suffix):
                out.append(path)
            continue
        if sealed.kind == kind and sealed.station == station_id:
            out.append(path)
    return out


# -- reading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sealed:
    """A bundle's readable header, before anything is checked."""

    path: Path
    header: dict[str, Any]
    head: bytes
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def kind(self) -> str:
        return str(self.header.get("kind", ""))

    @property
    def station(self) -> str:
        return str(self.header.get("station", ""))

    @property
    def county(self) -> str:
        return str(self.header.get("county", ""))

    @property
    def signer(self) -> str:
        return str(self.header.get("signer", ""))

    @property
    def made_at(self) -> str:
        return str(self.header.get("made_at", ""))


def peek(path: Path) -> Sealed:
    """The header of the bundle at `path` (only the first bytes are read). Raises BundleError:
    not_a_bundle, truncated, newer, unreadable."""
    try:
        with path.open("rb") as f:
            start = f.read(len(MAGIC) + 4)
            if not start.startswith(MAGIC[:len(start)]) or not start:
                raise BundleError("not_a_bundle", name=path.name)
            if len(start) < len(MAGIC) + 4:
                raise BundleError("truncated", name=path.name)
            (length,) = struct.unpack(">I", start[len(MAGIC):])
            if length > MAX_HEADER:
                raise BundleError("damaged", name=path.name)
            head = f.read(length)
            size = os.fstat(f.fileno()).st_size
    except OSError as exc:
        raise BundleError("unreadable", name=path.name, detail=exc.strerror or type(exc).__name__) from None
    if len(head) < length:
        raise BundleError("truncated", name=path.name)
    try:
        header = json.loads(head.decode("utf-8"))
        if not isinstance(header, dict):
            raise ValueError
        int(header["plain"])
    except (ValueError, KeyError, TypeError):
        raise BundleError("damaged", name=path.name) from None
    if header.get("format") != FORMAT:
        raise BundleError("newer" if isinstance(header.get("format"), int) and header["format"] > FORMAT
                          else "damaged", name=path.name)
    return Sealed(path, header, head, size)


@contextlib.contextmanager
def opened(sealed: Sealed, signer: PublicKeys, box: KeyPair) -> Iterator[Iterator[tuple[bytes, bytes]]]:
    """The bundle's frames (kind, payload), once the whole file is shown to be signed by `signer`:
    it is copied off the stick first (read once; what is checked is what is decrypted), its
    signature checked, and only then decrypted with `box`, chunk by chunk as the frames are read.
    Raises BundleError truncated, damaged or unreadable before the first frame; damaged on a
    frame that does not open."""
    expected = sealed_size(sealed.head)
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as copy:
        size = _copy(sealed, copy)
        if size < expected:
            raise BundleError("truncated", name=sealed.name)
        if size > expected:
            raise BundleError("damaged", name=sealed.name)
        copy.seek(0)
        digest = hashlib.sha256()
        left = size - len(TRAILER) - SIGNATURE
        while left:
            piece = copy.read(min(1 << 20, left))
            digest.update(piece)
            left -= len(piece)
        trailer = copy.read()
        try:
            if not trailer.startswith(TRAILER):
                raise InvalidSignature
            Ed25519PublicKey.from_public_bytes(signer.sign).verify(trailer[len(TRAILER):], _SIGNED + digest.digest())
        except InvalidSignature:
            raise BundleError("damaged", name=sealed.name) from None
        copy.seek(len(MAGIC) + 4 + len(sealed.head))
        eph = copy.read(32)
        aead = _seal_key(box.agree(eph), eph, box.public.box, MAGIC + sealed.head)
        yield _frames(_Plain(copy, aead, int(sealed.header["plain"]), sealed.name), sealed.name)


def _copy(sealed: Sealed, into: IO[bytes]) -> int:
    size = 0
    try:
        with sealed.path.open("rb") as f:
            while piece := f.read(1 << 20):
                into.write(piece)
                size += len(piece)
    except OSError as exc:
        raise BundleError("unreadable", name=sealed.name, detail=exc.strerror or type(exc).__name__) from None
    return size


class _Plain:
    """The plaintext, decrypted a chunk at a time from the checked copy."""

    def __init__(self, source: IO[bytes], aead: ChaCha20Poly1305, plain: int, name: str) -> None:
        self.source, self.aead, self.name = source, aead, name
        self.total, self.left = _chunks(plain), plain
        self.number = 0
        self.buffer = bytearray()

    def read(self, n: int) -> bytes:
        while len(self.buffer) < n and self.number < self.total:
            size = min(CHUNK, self.left)
            sealed = self.source.read(size + TAG)
            try:
                self.buffer += self.aead.decrypt(_nonce(self.number, self.number == self.total - 1), sealed, None)
            except InvalidTag:
                raise BundleError("damaged", name=self.name) from None
            self.left -= size
            self.number += 1
        if len(self.buffer) < n:
            raise BundleError("damaged", name=self.name)
        out = bytes(self.buffer[:n])
        del self.buffer[:n]
        return out

    def done(self) -> bool:
        return not self.buffer and self.number == self.total


def _frames(plain: _Plain, name: str) -> Iterator[tuple[bytes, bytes]]:
    while not plain.done():
        kind, length = struct.unpack(">cQ", plain.read(9))
        if kind not in FRAMES or length > MAX_FRAME:
            raise BundleError("damaged", name=name)
        yield kind, plain.read(length)


def evidence_frame(payload: bytes) -> tuple[str, bytes]:
    """(sha256 hex, the file's bytes) of an `F` frame."""
    return payload[:32].hex(), payload[32:]


def manifest_part(manifest: dict[str, Any]) -> Part:
    return Part(MANIFEST, json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def read_manifest(kind: bytes, payload: bytes, name: str) -> dict[str, Any]:
    """The manifest frame (the first one) as JSON. Raises BundleError damaged."""
    try:
        manifest = json.loads(payload.decode("utf-8")) if kind == MANIFEST else None
    except ValueError:
        manifest = None
    if not isinstance(manifest, dict):
        raise BundleError("damaged", name=name)
    return manifest
