"""printer/ is a generic ESC/POS library: importing any of it loads nothing of station_app."""

import subprocess
import sys

from tests.printer.samples import ROOT


def test_printer_imports_nothing_from_station_app():
    modules = sorted(f"printer.{p.stem}" for p in (ROOT / "printer").glob("*.py") if p.stem != "__init__")
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules)
            + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('station_app', 'sync', 'PySide6')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert len(modules) > 10
    assert result.stdout.strip() == "[]"
