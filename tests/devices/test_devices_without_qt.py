"""The device drivers are plain Python (DESIGN §2, Electrum's split): no Qt below station_app/ui."""

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
import station_app.devices as pkg
for info in pkgutil.walk_packages(pkg.__path__, "station_app.devices."):
    importlib.import_module(info.name)
importlib.import_module("station_app.core.labels")
print("ok")
"""


def test_devices_import_without_pyside6():
    result = subprocess.run([sys.executable, "-c", BLOCK_QT], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
