"""Reading barcodes in images, behind one small interface (DESIGN §7).

`decoder("zxing")` (the default) or `decoder("pyzbar")` gives an object whose
`decode(image)` returns the codes found as `Decoded(format, text, position)`. Images are
PIL images (image files: `load_image`) or numpy arrays (grayscale, or BGR as OpenCV gives
camera frames). Nothing here imports numpy: a station without the camera component
(installer/README.md) has no numpy, and decodes its image files all the same.

Only the symbologies the station meets are enabled: Code128 (every Chinese courier's
waybill), QR (the station's own labels, trace URLs, e-waybill QR), EAN-13/EAN-8 (goods).
Fewer formats is both faster (zxing-cpp: 3 ms instead of 19 ms a frame in the devices
research) and safer: Code39, ITF and Codabar have weak or no check characters and are the
usual source of phantom reads in noisy camera frames. A station that needs them can pass
`formats=ALL_FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PIL import Image, UnidentifiedImageError

from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP

CODE128 = "Code128"
QR = "QRCode"
EAN13 = "EAN-13"
EAN8 = "EAN-8"
CODE39 = "Code39"
ITF = "ITF"

#: what the station reads by default
STATION_FORMATS: tuple[str, ...] = (CODE128, QR, EAN13, EAN8)
#: everything either decoder can be asked for here
ALL_FORMATS: tuple[str, ...] = (*STATION_FORMATS, CODE39, ITF)
DEFAULT_DECODER = "zxing"

Point = tuple[int, int]


@dataclass(frozen=True)
class Decoded:
    format: str  # one of ALL_FORMATS
    text: str
    position: tuple[Point, ...]  # the corners (or outline) in image pixels


class DecoderUnavailable(UserError):
    """The decoder's library is not installed on this PC."""


class Decoder(Protocol):
    name: str
    formats: tuple[str, ...]

    def decode(self, image: Any) -> list[Decoded]:
        """Every code found in `image`, each once."""
        ...


def _gray(image: Any) -> Any:
    """An 8-bit grayscale image of the same kind: a PIL image in mode "L", or a contiguous
    uint8 array from an array (gray, BGR or BGRA). Arrays are converted with their own
    methods, so no numpy import is needed here."""
    if isinstance(image, Image.Image):
        return image if image.mode == "L" else image.convert("L")
    if image.ndim == 3:
        if image.shape[2] == 1:
            image = image[:, :, 0]
        else:  # BGR(A) as OpenCV gives it: ITU-R 601 luma, integer maths
            b, g, r = (image[:, :, i].astype("uint16") for i in range(3))
            image = ((r * 77 + g * 150 + b * 29) >> 8).astype("uint8")
    if image.dtype != "uint8":
        image = image.clip(0, 255).astype("uint8")
    return image if image.flags.c_contiguous else image.copy(order="C")


def _size(gray: Any) -> tuple[int, int]:
    """(width, height) of what `_gray` returned."""
    if isinstance(gray, Image.Image):
        return gray.size
    return gray.shape[1], gray.shape[0]


def load_image(path: str | Path) -> Image.Image:
    """An image file as an 8-bit grayscale PIL image (PIL: works with Chinese file names on
    Windows, where cv2.imread does not). Raises ValidationError if it cannot be read."""
    try:
        with Image.open(path) as image:
            gray = image.convert("L")
            gray.load()
            return gray
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Cannot read the image {path}: {detail}"),
                              path=str(path), detail=exc.__class__.__name__) from None


def _check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in ALL_FORMATS]
    if unknown or not chosen:
        raise ValueError(f"unknown barcode formats {unknown}; choose from {', '.join(ALL_FORMATS)}")
    return chosen


class ZxingDecoder:
    """zxing-cpp: the fastest and the most accurate in the devices research; self-contained wheels."""

    name = "zxing"

    def __init__(self, formats: Iterable[str] = STATION_FORMATS) -> None:
        try:
            import zxingcpp
        except ImportError as exc:
            raise DecoderUnavailable(
                QT_TRANSLATE_NOOP("errors", "The barcode reader {name} is not installed: {detail}"),
                name="zxing-cpp", detail=str(exc)) from None
        self._zx = zxingcpp
        self.formats = _check_formats(formats)
        names = {CODE128: "Code128", QR: "QRCode", EAN13: "EAN13", EAN8: "EAN8", CODE39: "Code39", ITF: "ITF"}
        self._ours = {names[f]: f for f in self.formats}
        if EAN13 in self.formats:  # a UPC-A/E inside an EAN-13 request may come back as UPCA/UPCE
            self._ours.update({"UPCA": EAN13, "UPCE": EAN13})
        # kept as text: zxing-cpp objects held past interpreter exit make nanobind complain
        self._spec = ",".join(names[f] for f in self.formats)

    def decode(self, image: Any) -> list[Decoded]:
        # try_invert off: printed labels are dark on light, and it costs a second pass
        found = self._zx.read_barcodes(_gray(image), formats=self._zx.barcode_formats_from_str(self._spec),
                                       try_invert=False)
        out = []
        for code in found:
            fmt = self._ours.get(code.format.name)
            if fmt is None or not code.valid:
                continue
            p = code.position
            corners = tuple((int(c.x), int(c.y)) for c in (p.top_left, p.top_right, p.bottom_right, p.bottom_left))
            out.append(Decoded(fmt, code.text, corners))
        return _unique(out)


class PyzbarDecoder:
    """pyzbar over the zbar library (the Windows wheel bundles it; on Linux: libzbar0)."""

    name = "pyzbar"

    def __init__(self, formats: Iterable[str] = STATION_FORMATS) -> None:
        try:
            from pyzbar import pyzbar
        except (ImportError, OSError) as exc:  # the wheel imports, the shared library may not
            raise DecoderUnavailable(
                QT_TRANSLATE_NOOP("errors", "The barcode reader {name} is not installed: {detail}"),
                name="pyzbar (zbar)", detail=str(exc)) from None
        self._zbar = pyzbar
        self.formats = _check_formats(formats)
        symbols = {
            CODE128: pyzbar.ZBarSymbol.CODE128, QR: pyzbar.ZBarSymbol.QRCODE,
            EAN13: pyzbar.ZBarSymbol.EAN13, EAN8: pyzbar.ZBarSymbol.EAN8,
            CODE39: pyzbar.ZBarSymbol.CODE39, ITF: pyzbar.ZBarSymbol.I25,
        }
        self._symbols = [symbols[f] for f in self.formats]
        self._ours = {symbols[f].name: f for f in self.formats}

    def decode(self, image: Any) -> list[Decoded]:
        gray = _gray(image)
        width, height = _size(gray)
        found = self._zbar.decode((gray.tobytes(), width, height), symbols=self._symbols)
        out = []
        for code in found:
            fmt = self._ours.get(code.type)
            if fmt is None:
                continue
            text = code.data.decode("utf-8", errors="replace")
            out.append(Decoded(fmt, text, tuple((int(p.x), int(p.y)) for p in code.polygon)))
        return _unique(out)


def _unique(codes: list[Decoded]) -> list[Decoded]:
    seen: set[tuple[str, str]] = set()
    out = []
    for c in codes:
        if (c.format, c.text) not in seen:
            seen.add((c.format, c.text))
            out.append(c)
    return out


DECODERS: dict[str, Callable[..., Decoder]] = {"zxing": ZxingDecoder, "pyzbar": PyzbarDecoder}


def decoder(name: str = DEFAULT_DECODER, formats: Iterable[str] = STATION_FORMATS) -> Decoder:
    """The decoder called `name` ("zxing" or "pyzbar"), reading `formats`.

    Raises DecoderUnavailable when its library is missing, ValueError for an unknown name."""
    try:
        make = DECODERS[name]
    except KeyError:
        raise ValueError(f"unknown decoder {name!r}; choose one of {', '.join(DECODERS)}") from None
    return make(formats)


def available() -> dict[str, str]:
    """Each decoder's name -> "" if it works here, else why not (for the scanner page)."""
    out = {}
    for name in DECODERS:
        try:
            decoder(name)
            out[name] = ""
        except DecoderUnavailable as exc:
            out[name] = str(exc)
    return out
