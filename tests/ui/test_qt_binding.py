"""The Qt binding must not leak or drop references: PySide6 6.12.0 on Python 3.11 took one
reference away from None on every call returning nothing, and the program aborted with
`none_dealloc` after a few thousand clicks. pyproject pins below it; this keeps it that way."""

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QObject
o = QObject()
before = sys.getrefcount(None)
for _ in range(20000):
    o.setObjectName("a")
    o.blockSignals(False)
print(before - sys.getrefcount(None))
"""


def test_void_qt_calls_keep_none_alive():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100
