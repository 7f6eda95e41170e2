"""python-escpos imported safely, also from a frozen (PyInstaller) build.

python-escpos reads escpos/capabilities.json when it is imported; frozen builds and some
git installs lack the file and the import fails (python-escpos #343, #391, #556). The
installer should bundle it (PyInstaller: `--collect-data escpos`); when it is missing
anyway, `ensure_escpos_capabilities()` writes a minimal one and points
ESCPOS_CAPABILITIES_FILE at it. Only the printer classes (USB, serial, Windows spooler)
are used from python-escpos, never its profiles, so the minimal file is enough.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
from pathlib import Path
from typing import Any

MINIMAL_CAPABILITIES = {
    "profiles": {"default": {
        "name": "Default", "vendor": "Generic", "notes": "written by Village Station: the bundled file was missing",
        "codePages": {"0": "CP437"}, "colors": {"0": "black"},
        "features": {"barcodeA": True, "barcodeB": True, "bitImageColumn": True, "bitImageRaster": True,
                     "graphics": False, "highDensity": True, "paperFullCut": True, "paperPartCut": True,
                     "pdf417Code": False, "pulseBel": False, "pulseStandard": True, "qrCode": True,
                     "starCommands": False},
        "fonts": {"0": {"columns": 32, "name": "Font A"}, "1": {"columns": 42, "name": "Font B"}},
        "media": {"dpi": 203, "width": {"mm": 58, "pixels": 384}},
    }},
    "encodings": {"CP437": {"iconv": "CP437", "name": "CP437", "python_encode": "cp437"}},
}


def cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("VillageStation", "VillageStation")) / "escpos"


def ensure_escpos_capabilities() -> Path:
    """Make `import escpos.printer` safe: when ESCPOS_CAPABILITIES_FILE is unset and the
    bundled capabilities.json is missing, write a minimal one to the cache folder and
    point the variable at it. Also keep python-escpos's parsed-file cache in that folder
    (it would parse the 1 MB file into a new temp folder on every start). Returns the file used.
    """
    folder = cache_dir()
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)
    given = os.environ.get("ESCPOS_CAPABILITIES_FILE")
    if given and Path(given).is_file():
        return Path(given)
    found = importlib.util.find_spec("escpos")
    if found and found.origin:
        bundled = Path(found.origin).parent / "capabilities.json"
        if bundled.is_file():
            return bundled
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "capabilities.json"
    if not path.is_file():
        path.write_text(json.dumps(MINIMAL_CAPABILITIES), encoding="utf-8")
    os.environ["ESCPOS_CAPABILITIES_FILE"] = str(path)
    return path


def escpos_printer_classes() -> Any:
    """The `escpos.printer` module, imported safely (see ensure_escpos_capabilities)."""
    ensure_escpos_capabilities()
    import escpos.printer

    return escpos.printer
