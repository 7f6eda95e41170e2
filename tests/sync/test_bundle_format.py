"""The bundle file itself (`sync.bundle`): sealed for one recipient, signed by one sender, opened
only whole; cut anywhere or changed anywhere it opens nothing; written complete or not at all,
even on a stick that is pulled out or full."""

import errno
import hashlib
import os
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync import bundle
from sync.bundle import BundleError, Part

SENDER, RECIPIENT, OTHER = (bundle.KeyPair(bytes([n]) * 32) for n in (1, 2, 3))


def make(folder, *, size=600_000, kind=bundle.TO_HUB):
    photo = folder / "授课现场.jpg"
    photo.write_bytes(os.urandom(size))
    parts = [bundle.manifest_part({"station": "s-1", "records": 3}),
             Part(bundle.BODY, b"\x1f\x8b" + os.urandom(bundle.CHUNK)),
             Part.evidence(photo, size, hashlib.sha256(photo.read_bytes()).hexdigest())]
    head = bundle.header_bytes({"kind": kind, "station": "s-1", "county": RECIPIENT.public.fingerprint,
                                "signer": SENDER.public.fingerprint, "made_at": "2026-11-23T10:00:00.000Z"}, parts)
    path = folder / bundle.bundle_name(kind, "s-1", "2026-11-23T10:00:00.000Z")
    bundle.write_atomically(path, lambda out: bundle.seal(out, head, parts, SENDER, RECIPIENT.public))
    return path, parts, photo


def frames(path, signer=SENDER, box=RECIPIENT):
    with bundle.opened(bundle.peek(path), signer.public, box) as found:
        return list(found)


def test_what_goes_in_comes_out_and_the_size_is_known_first(tmp_path):
    path, parts, photo = make(tmp_path)
    sealed = bundle.peek(path)
    assert path.stat().st_size == bundle.sealed_size(sealed.head)  # the size shown before writing is the size
    assert sealed.kind == bundle.TO_HUB and sealed.station == "s-1" and sealed.signer == SENDER.public.fingerprint
    got = frames(path)
    assert [k for k, _ in got] == [bundle.MANIFEST, bundle.BODY, bundle.FILE]
    assert got[1][1] == parts[1].data
    assert bundle.evidence_frame(got[2][1]) == (parts[2].sha256, photo.read_bytes())
    assert bundle.read_manifest(*got[0], path.name) == {"station": "s-1", "records": 3}


def test_a_villagers_phone_cannot_be_read_from_a_lost_stick(tmp_path):
    phone = "13812345678"
    parts = [bundle.manifest_part({"phone": phone, "name": "张秀英"})]
    head = bundle.header_bytes({"kind": bundle.TO_HUB, "station": "s-1"}, parts)
    path = tmp_path / "x.vsb"
    bundle.write_atomically(path, lambda out: bundle.seal(out, head, parts, SENDER, RECIPIENT.public))
    raw = path.read_bytes()
    assert phone.encode() not in raw and "张秀英".encode() not in raw
    with pytest.raises(BundleError) as refused:  # nor with another party's key
        frames(path, box=OTHER)
    assert refused.value.code == "damaged"


def test_only_the_senders_signature_opens_it(tmp_path):
    path, _, _ = make(tmp_path)
    with pytest.raises(BundleError) as refused:
        frames(path, signer=OTHER)
    assert refused.value.code == "damaged"
    assert "签名" in str(refused.value) or "signature" in str(refused.value)


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=0, max_value=10**9))
def test_cut_anywhere_it_is_incomplete_and_opens_nothing(tmp_path_factory, cut):
    folder = tmp_path_factory.mktemp("cut")
    path, _, _ = make(folder, size=3000)
    data = path.read_bytes()
    cut %= len(data)
    path.write_bytes(data[:cut])
    with pytest.raises(BundleError) as refused:
        frames(path)
    assert refused.value.code in ("truncated", "not_a_bundle")
    assert refused.value.code == "truncated" or cut == 0


@settings(max_examples=60, deadline=None)
@given(where=st.integers(min_value=0, max_value=10**9), bit=st.integers(min_value=0, max_value=7))
def test_one_bit_changed_anywhere_it_opens_nothing(tmp_path_factory, where, bit):
    folder = tmp_path_factory.mktemp("flip")
    path, _, _ = make(folder, size=3000)
    data = bytearray(path.read_bytes())
    where %= len(data)
    data[where] ^= 1 << bit
    path.write_bytes(bytes(data))
    with pytest.raises(BundleError) as refused:
        frames(path)
    assert refused.value.code in ("damaged", "not_a_bundle", "truncated", "newer")


def test_a_file_that_is_not_a_bundle(tmp_path):
    (tmp_path / "照片.vsb").write_bytes(b"\xff\xd8\xff\xe0 a jpeg")
    with pytest.raises(BundleError) as refused:
        bundle.peek(tmp_path / "照片.vsb")
    assert refused.value.code == "not_a_bundle"


def test_a_newer_format_asks_for_the_update(tmp_path):
    head = b'{"format":2,"plain":0}'
    (tmp_path / "new.vsb").write_bytes(bundle.MAGIC + struct.pack(">I", len(head)) + head)
    with pytest.raises(BundleError) as refused:
        bundle.peek(tmp_path / "new.vsb")
    assert refused.value.code == "newer"


class BrokenStick:
    """A file on a stick that fails after `after` bytes with `err` (pulled out: EIO; full: ENOSPC)."""

    def __init__(self, path, after, err):
        self.f, self.left, self.err = path.open("xb"), after, err

    def write(self, data):
        if len(data) > self.left:
            self.f.write(data[:self.left])
            self.left = 0
            raise OSError(self.err, os.strerror(self.err))
        self.left -= len(data)
        return self.f.write(data)

    def __getattr__(self, name):
        return getattr(self.f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()


@pytest.mark.parametrize(("err", "code"), [(errno.EIO, "stick_gone"), (errno.ENODEV, "stick_gone"),
                                           (errno.ENOSPC, "stick_full")])
def test_a_stick_pulled_out_or_full_mid_write_leaves_no_bundle(tmp_path, monkeypatch, err, code):
    monkeypatch.setattr(bundle, "open_for_writing", lambda path: BrokenStick(path, 300_000, err))
    with pytest.raises(BundleError) as refused:
        make(tmp_path)
    assert refused.value.code == code
    assert "U" in str(refused.value) or "stick" in str(refused.value)
    assert bundle.bundles_in(tmp_path) == []  # nothing under a bundle's name
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".jpg"] == []  # and nothing half-written left
    monkeypatch.undo()
    path, _, _ = make(tmp_path)  # plugged in again: written whole
    assert len(frames(path)) == 3


def test_a_cut_write_the_system_could_not_clean_up_is_ignored(tmp_path):
    path, _, _ = make(tmp_path)
    leftover = tmp_path / f".{path.name}.partial"
    leftover.write_bytes(path.read_bytes()[:1000])  # the stick pulled out before the rename
    assert bundle.bundles_in(tmp_path) == [path]


def test_sizes_for_people():
    assert bundle.show_size(980) == "980 B"
    assert bundle.show_size(12_345) == "12.3 KB"
    assert bundle.show_size(4_500_000) == "4.5 MB"
    assert bundle.show_size(1_200_000_000) == "1.2 GB"
