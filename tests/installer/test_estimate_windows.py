"""The Windows size estimate's own parts (installer/estimate_windows.py), on made-up wheels."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from installer import estimate_windows as estimate


def fake_pe(imports: list[str], delay: list[str] = ()) -> bytes:
    """A 64-bit PE file with one section holding its import and delay-import tables."""
    base = 0x1000
    table = b""
    names = b""
    after = 20 * (len(imports) + 1) + 32 * (len(delay) + 1)
    name_rvas = []
    for name in [*imports, *delay]:
        name_rvas.append(base + after + len(names))
        names += name.encode() + b"\0"
    for rva in name_rvas[:len(imports)]:
        table += struct.pack("<5I", 0, 0, 0, rva, 0)
    table += bytes(20)
    delay_at = base + len(table)
    for rva in name_rvas[len(imports):]:
        table += struct.pack("<8I", 1, rva, 0, 0, 0, 0, 0, 0)
    table += bytes(32)
    section = table + names
    optional = bytearray(240)
    struct.pack_into("<H", optional, 0, 0x20B)
    struct.pack_into("<II", optional, 112 + 8 * 1, base, 20 * (len(imports) + 1))
    if delay:
        struct.pack_into("<II", optional, 112 + 8 * 13, delay_at, 32 * (len(delay) + 1))
    header = bytearray(0x40)
    header[:2] = b"MZ"
    struct.pack_into("<I", header, 0x3C, 0x40)
    coff = b"PE\0\0" + struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, len(optional), 0x2022)
    section_header = b".idata\0\0" + struct.pack("<IIII", len(section), base, len(section), 0x200) + bytes(16)
    head = bytes(header) + coff + bytes(optional) + section_header
    return head + bytes(0x200 - len(head)) + section


def test_the_dlls_a_pe_file_imports_are_read_from_its_import_tables():
    assert estimate.pe_imports(fake_pe(["KERNEL32.dll", "Qt6Core.dll"], delay=["dwmapi.dll"])) == [
        "KERNEL32.dll", "Qt6Core.dll", "dwmapi.dll"]
    with pytest.raises(ValueError):
        estimate.pe_imports(b"\x7fELF" + bytes(100))


def test_a_real_windows_program_is_read_too():
    import setuptools

    launcher = Path(setuptools.__file__).parent / "cli-64.exe"
    if not launcher.is_file():
        pytest.skip("this setuptools has no Windows launcher to read")
    assert "kernel32.dll" in [n.lower() for n in estimate.pe_imports(launcher.read_bytes())]


def test_the_dlls_a_module_needs_are_followed_through_the_wheels(tmp_path):
    wheel = tmp_path / "pyside6_essentials-6.11.3-cp310-abi3-win_amd64.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("PySide6/QtCore.pyd", fake_pe(["Qt6Core.dll", "python3.dll", "api-ms-win-crt-heap-l1-1-0.dll"]))
        z.writestr("PySide6/Qt6Core.dll", fake_pe(["MSVCP140.dll", "KERNEL32.dll"]) + b"x" * 1000)
        z.writestr("PySide6/msvcp140.dll", fake_pe(["VCRUNTIME140.dll"]))
        z.writestr("PySide6/vcruntime140.dll", fake_pe([]))
        z.writestr("PySide6/Qt6Quick.dll", fake_pe(["Qt6Core.dll"]))  # nothing the station loads links to it
        z.writestr("PySide6/opengl32sw.dll", fake_pe([]))
        z.writestr("PySide6/plugins/platforms/qwindows.dll", fake_pe(["Qt6Core.dll"]))
        z.writestr("PySide6/plugins/platforms/qdirect2d.dll", fake_pe(["Qt6Core.dll"]))
        z.writestr("PySide6/plugins/sqldrivers/qsqlite.dll", fake_pe([]))
        z.writestr("PySide6/translations/qtbase_zh_CN.qm", b"qm")
        z.writestr("PySide6/translations/qtbase_de.qm", b"qm")
    roots = estimate.matching(wheel, ["PySide6/QtCore.pyd"])
    found, unresolved = estimate.closure(roots, estimate.members([wheel]))
    assert sorted(m.path for m in found) == ["PySide6/Qt6Core.dll", "PySide6/QtCore.pyd", "PySide6/msvcp140.dll",
                                             "PySide6/vcruntime140.dll"]
    assert unresolved == {"python3.dll", "kernel32.dll"}  # Windows' and Python's own; api-ms-* never listed
    assert sorted(m.path for m in estimate.qt_data(wheel)) == [
        "PySide6/plugins/platforms/qwindows.dll", "PySide6/translations/qtbase_zh_CN.qm"]
