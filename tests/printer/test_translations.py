"""Every receipt string and printer error has a Chinese translation in docs/zh (samples.CATALOGUES)."""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.printer.samples import ROOT, chinese_catalogue


def marked_strings(tmp_path: Path) -> set[str]:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    ts = tmp_path / "printer.ts"
    files = sorted(str(p) for p in (ROOT / "printer").glob("*.py"))
    subprocess.run([str(lupdate), "-silent", "-locations", "none", *files, "-ts", str(ts)], check=True)
    return {m.findtext("source") or "" for m in ET.parse(ts).getroot().iter("message")}


def test_every_marked_string_is_translated(tmp_path):
    zh = chinese_catalogue()
    assert sorted(marked_strings(tmp_path) - set(zh)) == []


def test_translations_keep_their_placeholders():
    for source, text in chinese_catalogue().items():
        assert sorted(re.findall(r"\{\w*\}", source)) == sorted(re.findall(r"\{\w*\}", text)), source


def test_receipts_never_use_the_half_width_yen_sign():
    assert all("¥" not in text for text in chinese_catalogue().values())
