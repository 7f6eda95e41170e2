"""Receipt printing figures: bytes and render time per template, native against raster,
and what each costs on a 9600-baud serial link.

    python bench/bench_printer.py

Goals (DESIGN §7): a typical receipt with a QR code at most 1.5 KB, rendered in at most 5 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from printer.document import QR  # noqa: E402
from printer.escpos import render, render_raster  # noqa: E402
from tests.printer.samples import SAMPLES, chinese_receipts  # noqa: E402

SIZE_GOAL = 1536  # bytes
RENDER_GOAL_MS = 5.0
BAUD = 9600  # 8N1: ten bits on the wire per byte


def timed(fn, runs: int) -> float:
    """Median milliseconds of `runs` calls (after one warm-up)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


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
    print(f"{'template':<18}{'QR':>3}{'58mm B':>8}{'80mm B':>8}{'render ms':>10}{'9600bd s':>9}"
          f"{'raster B':>10}{'raster ms':>10}{'9600bd s':>9}")
    for r in rows:
        print(f"{r['name']:<18}{'yes' if r['qr'] else '':>3}{r['bytes58']:>8}{r['bytes80']:>8}{r['ms']:>10.2f}"
              f"{wire_seconds(r['bytes58']):>9.2f}{r['raster']:>10}{r['ms_raster']:>10.1f}{wire_seconds(r['raster']):>9.1f}")

    typical = [r for r in rows if r["qr"] and r["name"] != "test_page"]
    worst_size = max(max(r["bytes58"], r["bytes80"]) for r in typical)
    worst_ms = max(r["ms"] for r in rows)
    size_ok, ms_ok = worst_size <= SIZE_GOAL, worst_ms <= RENDER_GOAL_MS
    print()
    print(f"goal: typical receipt with QR <= {SIZE_GOAL} B: largest is {worst_size} B "
          f"({', '.join(r['name'] for r in typical)})  -> {'MET' if size_ok else 'MISSED'}")
    print(f"goal: render <= {RENDER_GOAL_MS:.0f} ms (native): slowest is {worst_ms:.2f} ms  -> "
          f"{'MET' if ms_ok else 'MISSED'}")
    native_mean = statistics.mean(r["bytes58"] for r in rows)
    raster_mean = statistics.mean(r["raster"] for r in rows)
    print(f"native vs raster (58 mm, mean): {native_mean:.0f} B vs {raster_mean:.0f} B "
          f"({raster_mean / native_mean:.0f}x); at {BAUD} baud {wire_seconds(int(native_mean)):.1f} s "
          f"vs {wire_seconds(int(raster_mean)):.1f} s per receipt")
    return 0 if size_ok and ms_ok else 1


if __name__ == "__main__":
    sys.exit(main())
