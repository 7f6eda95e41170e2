"""What a receipt will look like, without a printer: text, or a picture from the emulator."""

from __future__ import annotations

import io

from PIL import Image

from printer import escpos
from printer.document import Receipt
from printer.layout import layout, preview
from printer.profiles import Paper, Profile


def preview_text(doc: Receipt, paper: int | Paper | None = None, profile: str | Profile | None = None) -> str:
    """The receipt as plain text lines, laid out for the paper (QR/barcodes as [QR] ... lines)."""
    pap, prof = escpos.resolve(paper, profile)
    return preview(layout(doc, pap, prof), pap)


def preview_image(doc: Receipt, paper: int | Paper | None = None, profile: str | Profile | None = None) -> Image.Image:
    """The receipt as the emulator prints it from the real bytes (greyscale, 8 dots per mm)."""
    from printer.emulator import decode

    pap, _ = escpos.resolve(paper, profile)
    return decode(escpos.render(doc, paper, profile), pap.mm).picture()


def preview_png(doc: Receipt, paper: int | Paper | None = None, profile: str | Profile | None = None) -> bytes:
    """preview_image() as PNG bytes (for a QLabel via QPixmap.loadFromData)."""
    out = io.BytesIO()
    preview_image(doc, paper, profile).save(out, format="PNG")
    return out.getvalue()
