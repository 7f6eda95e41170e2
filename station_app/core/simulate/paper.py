"""The paper a simulated counter photographs: small generated images (and PDFs, a scanner's
output) that say they are a demo, so a simulated station keeps evidence files through the very
path a webcam frame or a scanned file takes (`core.evidence_files`)."""

from __future__ import annotations

import time
from pathlib import Path


def demo_photo(folder: Path, name: str, text: str, *, shade: int = 255) -> Path:
    """A small greyscale PNG with `text` and 演示 on it (the webcam frame a counter would keep);
    `shade` the paper's grey, so two photos of the same text differ."""
    from PIL import Image, ImageDraw

    path = folder / f"{name}.png"
    image = Image.new("L", (200, 60), max(120, min(255, shade)))
    draw = ImageDraw.Draw(image)
    draw.text((6, 10), text[:32], fill=0)
    draw.text((6, 34), "(demo)", fill=0)
    image.save(path, "PNG")
    return path


def demo_pdf(folder: Path, name: str, text: str) -> Path:
    """A one-page PDF (a scanned document) with `text` and 演示 on it."""
    from PIL import Image, ImageDraw

    path = folder / f"{name}.pdf"
    image = Image.new("L", (210, 297), 255)
    draw = ImageDraw.Draw(image)
    draw.text((10, 20), text[:30], fill=0)
    draw.text((10, 40), "(demo)", fill=0)
    made = time.gmtime(1_767_225_600)  # 2026-01-01, fixed: the same text makes the same bytes
    image.save(path, "PDF", creationDate=made, modDate=made)
    return path
