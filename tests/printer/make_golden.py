"""Write the golden files: `python tests/printer/make_golden.py` (then review the .txt diffs).

For every sample receipt and paper width: NAME_WIDTH.bin (the ESC/POS bytes) and
NAME_WIDTH.txt (what the emulator reads back), so a change shows up readably in review.
`python tests/printer/make_golden.py sale sale_discount` writes only the samples named (the
receipts a change meant to change; others' work in progress is left alone).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from printer.emulator import decode
from printer.escpos import render
from tests.printer.samples import GOLDEN, SAMPLES, chinese_receipts, widths_for


def main(names: list[str]) -> None:
    unknown = sorted(set(names) - set(SAMPLES))
    if unknown:
        raise SystemExit(f"no sample receipt named {', '.join(unknown)}; the samples: {', '.join(SAMPLES)}")
    GOLDEN.mkdir(exist_ok=True)
    with chinese_receipts():
        for name, make in SAMPLES.items():
            if names and name not in names:
                continue
            for width in widths_for(name):
                data = render(make(), width)
                (GOLDEN / f"{name}_{width}.bin").write_bytes(data)
                (GOLDEN / f"{name}_{width}.txt").write_text(decode(data, width).text, encoding="utf-8")
                print(f"{name}_{width}: {len(data)} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
