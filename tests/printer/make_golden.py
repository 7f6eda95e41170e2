"""Write the golden files: `python tests/printer/make_golden.py` (then review the .txt diffs).

For every sample receipt and paper width: NAME_WIDTH.bin (the ESC/POS bytes) and
NAME_WIDTH.txt (what the emulator reads back), so a change shows up readably in review.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from printer.emulator import decode
from printer.escpos import render
from tests.printer.samples import GOLDEN, SAMPLES, chinese_receipts, widths_for


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    with chinese_receipts():
        for name, make in SAMPLES.items():
            for width in widths_for(name):
                data = render(make(), width)
                (GOLDEN / f"{name}_{width}.bin").write_bytes(data)
                (GOLDEN / f"{name}_{width}.txt").write_text(decode(data, width).text, encoding="utf-8")
                print(f"{name}_{width}: {len(data)} bytes")


if __name__ == "__main__":
    main()
