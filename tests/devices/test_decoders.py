"""Reading codes in images: both decoders, generated photo-like frames and committed fixtures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from station_app.cli import main
from station_app.devices import decoders
from station_app.devices.decoders import (
    CODE39,
    Decoded,
    DecoderUnavailable,
    available,
    decoder,
    load_image,
)
from tests.devices import synth
from tests.devices.synth import Look

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scans"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text("utf-8"))
CODES = [
    ("Code128", "SF1234567890123"),
    ("Code128", "773012345678901"),
    ("QRCode", "VS1:P:0190a5a4-7c2e-7d41-9b0e-3f1c2d4e5f60"),
    ("EAN-13", "6901234567892"),
    ("EAN-8", "69012341"),
]


def photo(fmt, text, seed=1, **look):
    base = {"module_px": 5.0 if fmt == "QRCode" else 2.6, "noise": 2.0}
    return synth.frame(fmt, text, Look(**{**base, **look}), np.random.default_rng(seed))


@pytest.fixture(scope="module", params=["zxing", "pyzbar"])
def reader(request):
    return decoder(request.param)


@pytest.mark.parametrize("fmt, text", CODES)
def test_both_decoders_read_every_station_format(reader, fmt, text):
    found = reader.decode(photo(fmt, text))
    assert [(c.format, c.text) for c in found] == [(fmt, text)]
    assert len(found[0].position) >= 4


@pytest.mark.parametrize("name, look", [
    ("blur", {"blur": 1.0}),
    ("noise", {"noise": 10.0}),
    ("rotated 12°", {"angle": 12.0}),
    ("upright (90°)", {"angle": 90.0}),
    ("low contrast", {"contrast": 0.3, "paper": 140.0}),
    ("perspective", {"perspective": 0.06}),
    ("jpeg", {"jpeg": 40}),
])
@pytest.mark.parametrize("fmt, text", [CODES[0], CODES[2], CODES[3]])
def test_the_default_decoder_reads_through_camera_trouble(fmt, text, name, look):
    found = decoder().decode(photo(fmt, text, seed=7, **look))
    assert [(c.format, c.text) for c in found] == [(fmt, text)], name


def test_no_phantom_reads_on_frames_without_codes(reader):
    for image in synth.empty_frames(6, seed=11):
        assert reader.decode(image) == []


def test_images_may_be_pil_gray_or_bgr():
    gray = photo("Code128", "JT0001234567890")
    bgr = np.dstack([gray, gray, gray])
    for image in (gray, bgr, Image.fromarray(gray), Image.fromarray(bgr[:, :, ::-1].copy())):
        assert [c.text for c in decoder().decode(image)] == ["JT0001234567890"]


def test_image_files_load_as_gray_pil_images_which_need_no_numpy():
    image = load_image(FIXTURES / "waybill_sf_jpeg.png")
    assert isinstance(image, Image.Image) and image.mode == "L"
    assert [c.text for c in decoder("pyzbar").decode(image)] == ["SF1234567890123"]


def test_formats_are_limited_to_what_the_station_reads():
    from barcode import Code39

    bars = np.array([c == "1" for c in Code39("SF12345", add_checksum=False).build()[0]])
    image = np.kron(np.where(bars, 0, 255).astype(np.uint8), np.ones((120, 3), np.uint8))
    image = np.pad(image, 40, constant_values=255)
    assert decoder().decode(image) == []
    assert decoder(formats=[*decoders.STATION_FORMATS, CODE39]).decode(image)[0] == Decoded(
        CODE39, "SF12345", decoder(formats=[CODE39]).decode(image)[0].position)
    with pytest.raises(ValueError):
        decoder(formats=["PDF417"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_committed_photo_fixtures(reader, name):
    assert (FIXTURES / name).stat().st_size < 100_000
    found = reader.decode(load_image(FIXTURES / name))
    assert sorted([c.format, c.text] for c in found) == sorted(EXPECTED[name])


def test_a_missing_zbar_library_is_unavailable_not_a_crash(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyzbar", None)  # as on a PC without libzbar
    with pytest.raises(DecoderUnavailable) as err:
        decoder("pyzbar")
    assert "pyzbar" in str(err.value)
    assert available()["pyzbar"] != "" and available()["zxing"] == ""


def test_unknown_decoder_name():
    with pytest.raises(ValueError):
        decoder("opencv")


def test_scan_image_command(capsys, tmp_path):
    assert main(["scan-image", str(FIXTURES / "ewaybill_two_codes.png"), str(FIXTURES / "nothing.png")]) == 0
    lines = sorted(capsys.readouterr().out.splitlines())
    assert lines == ["Code128\tJT0001234567890", "QRCode\thttps://hub.example.cn/t/QZ7K2M9X"]
    assert main(["scan-image", "--decoder", "pyzbar", str(FIXTURES / "goods_ean13_low_contrast.png")]) == 0
    assert capsys.readouterr().out == "EAN-13\t6901234567892\n"
    assert main(["scan-image", str(FIXTURES / "nothing.png")]) == 1
    (tmp_path / "broken.png").write_bytes(b"not a png")
    assert main(["scan-image", str(tmp_path / "broken.png")]) == 2
    assert "broken.png" in capsys.readouterr().err
