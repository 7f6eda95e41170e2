"""Draws installer/station.ico (the program's and the installer's icon): `python installer/make_icon.py`.

A green tile with 站 ("station") in white, at the sizes Windows asks for. Needs a CJK font
(Debian: fonts-noto-cjk); kept in the repository, so a build never needs this script.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

GREEN = (46, 125, 50, 255)
SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = 256) -> Image.Image:
    from printer.picture import receipt_font

    found = receipt_font()
    if found is None:
        raise SystemExit("make_icon: no CJK font found (Debian: apt-get install fonts-noto-cjk)")
    path, index = found
    tile = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(tile)
    pen.rounded_rectangle([0, 0, size - 1, size - 1], radius=size // 6, fill=GREEN)
    font = ImageFont.truetype(path, int(size * 0.72), index=index)
    pen.text((size / 2, size / 2), "站", font=font, fill="white", anchor="mm")
    return tile


if __name__ == "__main__":
    draw().save(HERE / "station.ico", sizes=SIZES)
    print(HERE / "station.ico")
