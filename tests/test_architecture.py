"""The dependency direction of DESIGN §2: core, printer and sync never need Qt."""

import subprocess
import sys

BLOCK_QT = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked in this test")
sys.meta_path.insert(0, Block())
import importlib, pkgutil
for pkg in ("station_app.core", "station_app.db", "printer", "sync"):
    mod = importlib.import_module(pkg)
    for info in pkgutil.walk_packages(mod.__path__, pkg + "."):
        if ".ui" in info.name:
            continue
        importlib.import_module(info.name)
print("ok")
"""


def test_core_printer_and_sync_import_without_pyside6():
    result = subprocess.run([sys.executable, "-c", BLOCK_QT], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
