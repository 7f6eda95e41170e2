"""Photo-like test frames of the codes a station sees, made from a seed (tests, fixtures, bench).

A code is rendered exactly from its module pattern (python-barcode's module strings for
Code128/EAN, qrcode's matrix for QR) onto a paper label with a line of "text" under it,
then put into a 640×480 camera frame: scaled to a given size per module, rotated, tilted
in perspective, lit unevenly, blurred, with low contrast and sensor noise.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import cv2
import numpy as np
import qrcode
from barcode import EAN8 as _EAN8
from barcode import EAN13 as _EAN13
from barcode import Code128 as _Code128

FRAME = (640, 480)
_K = 6  # source pixels per module: exact edges before the warp


def ean_check_digit(body: str) -> str:
    """The GS1 check digit for 7 (EAN-8) or 12 (EAN-13) digits."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def linear_modules(fmt: str, text: str) -> np.ndarray:
    """1 for a bar module, 0 for a space, without quiet zones."""
    cls = {"Code128": _Code128, "EAN-13": _EAN13, "EAN-8": _EAN8}[fmt]
    body = text[:-1] if fmt in ("EAN-13", "EAN-8") else text
    return np.array([c == "1" for c in cls(body).build()[0]], dtype=bool)


def qr_modules(text: str) -> np.ndarray:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(text)
    qr.make(fit=True)
    return np.array(qr.get_matrix(), dtype=bool)


def label_image(fmt: str, text: str, rng: np.random.Generator | None = None) -> np.ndarray:
    """The paper label at `_K` px per module: 1.0 paper, 0.0 ink (float32)."""
    rng = rng or np.random.default_rng(0)
    if fmt == "QRCode":
        m = qr_modules(text)
        quiet = 4
        img = np.ones((m.shape[0] + 2 * quiet, m.shape[1] + 2 * quiet), np.float32)
        img[quiet:-quiet, quiet:-quiet] = ~m
        return np.kron(img, np.ones((_K, _K), np.float32))
    bars = linear_modules(fmt, text)
    quiet = 11 if fmt == "Code128" else 9
    height = max(30, int(len(bars) * 0.25))
    text_rows = 8
    img = np.ones((height + text_rows + 10, len(bars) + 2 * quiet), np.float32)
    img[3:3 + height, quiet:-quiet] = ~bars
    # a line of printed digits under the bars, as on every waybill and product
    y = 3 + height + 3
    x = quiet + 2
    while x < img.shape[1] - quiet - 6:
        img[y:y + 5, x:x + 3] = 0 if rng.random() < 0.8 else 1
        x += 5
    return np.kron(img, np.ones((_K, _K), np.float32))


@dataclass(frozen=True)
class Look:
    """How the camera sees the label."""

    module_px: float = 3.0  # frame pixels per module
    angle: float = 0.0  # degrees
    perspective: float = 0.0  # corner jitter as a share of the label size
    blur: float = 0.0  # Gaussian sigma in frame pixels
    noise: float = 0.0  # Gaussian sigma in grey levels
    contrast: float = 0.85  # 1 - ink/paper
    paper: float = 210.0  # grey level of the paper in the middle of the frame
    shade: float = 0.2  # uneven light: darkest corner is this much darker
    jpeg: int = 0  # JPEG quality to round-trip through (0 = none)


def frame(fmt: str, text: str, look: Look, rng: np.random.Generator, size: tuple[int, int] = FRAME) -> np.ndarray:
    """A grayscale camera frame (uint8, height × width) showing one code."""
    return frame_of(label_image(fmt, text, rng), look, rng, size)


def side_by_side(*label_images: np.ndarray) -> np.ndarray:
    """One paper label carrying several codes (an e-waybill has a Code128 and a QR)."""
    height = max(im.shape[0] for im in label_images)
    gap = np.ones((height, 4 * _K), np.float32)
    parts = []
    for im in label_images:
        pad = np.ones((height, im.shape[1]), np.float32)
        top = (height - im.shape[0]) // 2
        pad[top:top + im.shape[0]] = im
        parts += [pad, gap]
    return np.hstack(parts[:-1])


def frame_of(label: np.ndarray, look: Look, rng: np.random.Generator, size: tuple[int, int] = FRAME) -> np.ndarray:
    """A grayscale camera frame (uint8, height × width) showing `label` (from label_image)."""
    width, height = size
    lh, lw = label.shape
    scale = look.module_px / _K
    rad = np.deg2rad(look.angle)
    c, s = abs(np.cos(rad)), abs(np.sin(rad))
    bw, bh = (lw * c + lh * s) * scale, (lw * s + lh * c) * scale
    fit = min(1.0, 0.92 * width / bw, 0.92 * height / bh)  # a code that does not fit is shown smaller
    scale *= fit
    bw, bh = bw * fit, bh * fit
    cx = rng.uniform(bw / 2, width - bw / 2) if bw < width else width / 2
    cy = rng.uniform(bh / 2, height - bh / 2) if bh < height else height / 2
    src = np.float32([[0, 0], [lw, 0], [lw, lh], [0, lh]])
    centred = (src - [lw / 2, lh / 2]) * scale
    rot = np.array([[np.cos(rad), -np.sin(rad)], [np.sin(rad), np.cos(rad)]])
    dst = centred @ rot.T + [cx, cy]
    dst += rng.normal(0, look.perspective * max(bw, bh) / 2, dst.shape)
    ss = 3  # render at 3× and average down: smooth, unaliased edges
    h_matrix = cv2.getPerspectiveTransform(src, np.float32(dst * ss))
    big = (width * ss, height * ss)
    ink = cv2.warpPerspective(label, h_matrix, big, flags=cv2.INTER_LINEAR, borderValue=1.0)
    mask = cv2.warpPerspective(np.ones_like(label), h_matrix, big, flags=cv2.INTER_LINEAR, borderValue=0.0)
    ink = cv2.resize(ink, size, interpolation=cv2.INTER_AREA)
    mask = cv2.resize(mask, size, interpolation=cv2.INTER_AREA)

    desk = _desk(rng, size)
    paper = look.paper * (1 - look.contrast * (1 - ink))
    img = desk * (1 - mask) + paper * mask
    img *= _shading(rng, size, look.shade)
    if look.blur > 0:
        img = cv2.GaussianBlur(img, (0, 0), look.blur)
    if look.noise > 0:
        img = img + rng.normal(0, look.noise, img.shape)
    out = np.clip(img, 0, 255).astype(np.uint8)
    if look.jpeg:
        _ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, look.jpeg])
        out = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    return out


def _desk(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    width, height = size
    coarse = rng.uniform(40, 140, (6, 8)).astype(np.float32)
    return cv2.resize(coarse, size, interpolation=cv2.INTER_CUBIC) + rng.normal(0, 3, (height, width)).astype(np.float32)


def _shading(rng: np.random.Generator, size: tuple[int, int], amount: float) -> np.ndarray:
    width, height = size
    gx, gy = np.meshgrid(np.linspace(-1, 1, width), np.linspace(-1, 1, height))
    a, b = rng.uniform(-1, 1, 2)
    field = (a * gx + b * gy) / 2  # -1..1
    return (1 - amount / 2 + amount / 2 * field).astype(np.float32)


# what a station sees, seeded

def waybill(rng: np.random.Generator) -> str:
    digits = lambda n: "".join(rng.choice(list(string.digits), n))  # noqa: E731
    kind = rng.integers(0, 7)
    return [
        "SF" + digits(13), "YT" + digits(13), "JT" + digits(13), "7" + str(rng.choice([3, 4, 5, 6, 8])) + digits(12),
        "773" + digits(12), "JDVA" + digits(11), "4" + digits(14),
    ][kind]


def ean13(rng: np.random.Generator) -> str:
    body = "69" + "".join(rng.choice(list(string.digits), 10))
    return body + ean_check_digit(body)


def ean8(rng: np.random.Generator) -> str:
    body = "69" + "".join(rng.choice(list(string.digits), 5))
    return body + ean_check_digit(body)


def station_qr(rng: np.random.Generator) -> str:
    alnum = string.ascii_uppercase + string.digits
    code = "".join(rng.choice(list(alnum), 10))
    kind = rng.integers(0, 3)
    if kind == 0:
        return "VS1:T:" + code
    if kind == 1:
        hexes = "".join(rng.choice(list("0123456789abcdef"), 32))
        return f"VS1:P:{hexes[:8]}-{hexes[8:12]}-7{hexes[13:16]}-a{hexes[17:20]}-{hexes[20:]}"
    return "https://hub.example.cn/t/" + code


LEVELS: dict[str, dict[str, tuple[float, float]]] = {
    # ranges: (low, high); linear px/module, QR px/module, angle ±, perspective, blur, noise, contrast
    "easy": {"linear": (2.8, 3.5), "qr": (5, 7), "angle": (0, 5), "persp": (0, 0.02), "blur": (0, 0.5),
             "noise": (2, 5), "contrast": (0.7, 0.9)},
    "medium": {"linear": (2.0, 2.8), "qr": (3.5, 5), "angle": (0, 20), "persp": (0.02, 0.05), "blur": (0.5, 1.0),
               "noise": (5, 10), "contrast": (0.5, 0.8)},
    "hard": {"linear": (1.6, 2.2), "qr": (2.6, 3.5), "angle": (0, 45), "persp": (0.05, 0.08), "blur": (0.8, 1.2),
             "noise": (8, 14), "contrast": (0.35, 0.6)},
}


def random_look(level: str, matrix: bool, rng: np.random.Generator) -> Look:
    r = LEVELS[level]
    u = lambda key: float(rng.uniform(*r[key]))  # noqa: E731
    return Look(module_px=u("qr" if matrix else "linear"), angle=u("angle") * rng.choice([-1, 1]),
                perspective=u("persp"), blur=u("blur"), noise=u("noise"), contrast=u("contrast"),
                paper=float(rng.uniform(170, 235)), shade=float(rng.uniform(0, 0.35)))


@dataclass(frozen=True)
class Sample:
    level: str
    format: str
    text: str
    image: np.ndarray


def sample_set(level: str, n: int, seed: int) -> list[Sample]:
    """`n` frames at `level`: about half waybills (Code128), a quarter QR, a quarter EAN."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        pick = i % 8
        if pick < 4:
            fmt, text = "Code128", waybill(rng)
        elif pick < 6:
            fmt, text = "QRCode", station_qr(rng)
        elif pick == 6:
            fmt, text = "EAN-13", ean13(rng)
        else:
            fmt, text = "EAN-8", ean8(rng)
        look = random_look(level, fmt == "QRCode", rng)
        out.append(Sample(level, fmt, text, frame(fmt, text, look, rng)))
    return out


def empty_frames(n: int, seed: int) -> list[np.ndarray]:
    """Frames with no code: desk, shading, noise and some bar-like clutter (for phantom reads)."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        img = _desk(rng, FRAME) * _shading(rng, FRAME, 0.3)
        for _ in range(int(rng.integers(5, 30))):  # stripes, edges, printed text blocks
            x, y = int(rng.integers(0, 600)), int(rng.integers(0, 440))
            w, h = int(rng.integers(1, 12)), int(rng.integers(10, 120))
            img[y:y + h, x:x + w] = rng.uniform(10, 250)
        img = img + rng.normal(0, 8, img.shape)
        out.append(np.clip(img, 0, 255).astype(np.uint8))
    return out
