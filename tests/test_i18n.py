"""The translation catalogue is complete and up to date with the code."""

import shutil
import subprocess
import sys
from pathlib import Path

from station_app import i18n

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import i18n as tool  # noqa: E402


def test_every_string_has_a_chinese_translation():
    assert tool.unfinished() == []


def test_catalogue_is_up_to_date_with_the_code(tmp_path, monkeypatch):
    copy = tmp_path / "station_zh_CN.ts"
    shutil.copy(tool.TS, copy)
    monkeypatch.setattr(tool, "TS", copy)
    tool.update()
    missing = tool.unfinished()
    assert missing == [], f"run `python tools/i18n.py update` and translate: {missing[:5]}"


def test_translate_without_qt():
    assert i18n.translate("roles", "Manager") == "站长"
    assert i18n.translate("roles", "Manager", "en") == "Manager"


def test_qm_compiles(tmp_path):
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(tool.TS), "-qm", str(tmp_path / "x.qm")], check=True)
    assert (tmp_path / "x.qm").stat().st_size > 100
