"""Receipt printing figures: bytes and render time per template, native against raster,
and what each costs on a 9600-baud serial link.

    python bench/bench_printer.py

Goals (DESIGN §7): a typical receipt with a QR code at most 1.5 KB, rendered in at most 5 ms
(the median of 200 renders of the slowest template). The baseline is the receipt printed as
a picture (raster), as printing Chinese through a driver or python-escpos's image path does.
Render times are medians with min and max. Exits 1 if a goal is missed.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import Goals, Spread, spread  # noqa: E402
from printer.document import QR  # noqa: E402
from printer.escpos import render, render_raster  # noqa: E402
from tests.printer.samples import SAMPLES, chinese_receipts  # noqa: E402

SIZE_GOAL = 1536  # bytes
RENDER_GOAL_MS = 5.0
BAUD = 9600  # 8N1: ten bits on the wire per byte


def timed(fn: Callable[[], object], runs: int) -> Spread:
    """Milliseconds of `runs` calls (after one warm-up)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return spread(times)


def wire_seconds(n: int) -> float:
    return n * 10 / BAUD


def main() -> int:
    rows = []
    with chinese_receipts():
        for name, make in SAMPLES.items():
            if name == "test_page_80":
                continue
            doc = make()
            width = 58
            native = render(doc, width)
            raster = render_raster(doc, width)
            rows.append({
                "name": name.removesuffix("_58"),
                "qr": any(isinstance(b, QR) for b in doc.blocks),
                "bytes58": len(native), "bytes80": len(render(doc, 80)), "raster": len(raster),
                "ms": timed(lambda d=doc: render(d, 58), 200),
                "ms_raster": timed(lambda d=doc: render_raster(d, 58), 5),
            })
    print("render ms: median of 200 renders (max in brackets); raster: median of 5")
    print(f"{'template':<20}{'QR':>3}{'58mm B':>8}{'80mm B':>8}{'render ms':>16}{'9600bd s':>9}"
          f"{'raster B':>10}{'raster ms':>16}{'9600bd s':>9}")
    for r in rows:
        ms, ms_raster = r["ms"], r["ms_raster"]
        print(f"{r['name']:<20}{'yes' if r['qr'] else '':>3}{r['bytes58']:>8}{r['bytes80']:>8}"
              f"{f'{ms.median:.2f} [{ms.high:.2f}]':>16}{wire_seconds(r['bytes58']):>9.2f}{r['raster']:>10}"
              f"{f'{ms_raster.median:.1f} [{ms_raster.high:.1f}]':>16}{wire_seconds(r['raster']):>9.1f}")

    typical = [r for r in rows if r["qr"] and r["name"] != "test_page"]
    worst_size = max(max(r["bytes58"], r["bytes80"]) for r in typical)
    slowest = max(rows, key=lambda r: r["ms"].median)
    native_mean = statistics.mean(r["bytes58"] for r in rows)
    raster_mean = statistics.mean(r["raster"] for r in rows)
    raster_ms = statistics.median(r["ms_raster"].median for r in rows)
    native_ms = statistics.median(r["ms"].median for r in rows)
    print(f"\nnative ESC/POS against the raster baseline (58 mm, {len(rows)} templates): {native_mean:.0f} B vs "
          f"{raster_mean:.0f} B on average ({raster_mean / native_mean:.0f}x fewer bytes); median render "
          f"{native_ms:.2f} ms vs {raster_ms:.1f} ms; at {BAUD} baud {wire_seconds(int(native_mean)):.1f} s vs "
          f"{wire_seconds(int(raster_mean)):.1f} s per receipt")
    goals = Goals("bench_printer")
    goals.check(f"typical receipt with a QR code ≤ {SIZE_GOAL} B: the largest is {worst_size} B "
                f"({', '.join(r['name'] for r in typical)}; raster: {max(r['raster'] for r in typical)} B)",
                worst_size <= SIZE_GOAL)
    goals.check(f"render ≤ {RENDER_GOAL_MS:.0f} ms (native): the slowest template, {slowest['name']}, "
                f"{slowest['ms'].show(' ms')}", slowest["ms"].median <= RENDER_GOAL_MS)
    return goals.report()


if __name__ == "__main__":
    sys.exit(main())
