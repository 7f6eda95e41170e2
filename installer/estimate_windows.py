"""The Windows bundle's size, estimated on Linux: `python installer/estimate_windows.py`.

No Windows PC builds here, so the Windows station bundle is estimated from the pieces it is
made of (installer/README.md says how good the estimate is):

- native code from the win_amd64 wheels of the packages installed here, at the same
  versions (`pip download`, cached in build/windows-wheels): from the modules the station
  imports, the DLLs they link to, followed through each DLL's import table as PyInstaller
  does, and the Qt plugins and translations `bundle.keep_in_bundle` keeps;
- what is the same on every platform, measured in the Linux bundle already built
  (dist/station-app): the programs' module archive (twice: Windows has station-app.exe and
  station-app-cli.exe), base_library.zip, assets, time zones, certificates;
- Python's own runtime (python311.dll, its DLLs\\*.pyd, OpenSSL, SQLite), which is on no
  package registry, taken at the size of the same parts in the Linux bundle.

The camera component the same way: OpenCV's and numpy's DLLs and extension modules from
their Windows wheels, their Python files at the size measured in dist/station-camera.
Prints the parts and the totals; exits 1 when it cannot estimate (no bundle, no network).
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from installer import bundle, component  # noqa: E402

WHEELS = ROOT / "build" / "windows-wheels"
MB = 1024 * 1024
#: distribution -> the files (wheel paths, '*' allowed) the station imports or loads by name
BASE_ROOTS = {
    "PySide6-Essentials": ["PySide6/QtCore.pyd", "PySide6/QtGui.pyd", "PySide6/QtWidgets.pyd"],
    "shiboken6": ["shiboken6/Shiboken.pyd"],
    "pillow": ["PIL/_imaging.*pyd", "PIL/_imagingcms.*pyd", "PIL/_imagingft.*pyd", "PIL/_webp.*pyd"],
    "zxing-cpp": ["zxingcpp*.pyd"],
    "pyzbar": ["pyzbar/*.dll"],
    "PyYAML": ["yaml/_yaml.*pyd"],
    "charset-normalizer": ["charset_normalizer/*.pyd"],
    "pywin32": ["win32/win32print.pyd", "pywin32_system32/pywintypes311.dll"],
}
CAMERA_ROOTS = {
    "opencv-python-headless": ["cv2/cv2.pyd"],
    "numpy": ["numpy/*.pyd", "numpy/*/*.pyd", "numpy/*/*/*.pyd"],
}
#: Qt plugin folders PyInstaller's hooks collect for QtGui and QtWidgets (then keep_in_bundle)
QT_PLUGIN_FOLDERS = ("platforms", "imageformats", "iconengines", "styles", "platforminputcontexts", "generic",
                     "platformthemes")
#: Python's runtime in the Linux bundle, standing in for python311.dll and DLLs\*.pyd
PYTHON_RUNTIME = ("libpython3", "python3.", "libcrypto", "libssl", "libsqlite3", "libffi", "libz.", "liblzma",
                  "libbz2", "libexpat", "libmpdec")
#: the same on every platform, in the Linux bundle's contents folder
PORTABLE = ("base_library.zip", "assets", "tzdata", "certifi", "escpos")
#: DLLs every Windows 10 PC has (never bundled)
SYSTEM_DLL_PREFIXES = ("api-ms-win-", "ext-ms-")
#: DLLs on no wheel that the bundle carries anyway: the VC++ 2013 runtime libzbar-64.dll needs
#: (bundle.VC_RUNTIME_DLLS; its size in Microsoft's x64 redistributable)
KNOWN_EXTRA = {"msvcr120.dll": 963_232}


def pe_imports(data: bytes) -> list[str]:
    """The names of the DLLs a PE file (.dll, .pyd, .exe) imports, delay-loaded ones too.
    Raises ValueError if `data` is not a PE file."""
    if data[:2] != b"MZ":
        raise ValueError("not a PE file (no MZ header)")
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise ValueError("not a PE file (no PE signature)")
    sections_count, = struct.unpack_from("<H", data, pe + 6)
    optional_size, = struct.unpack_from("<H", data, pe + 20)
    optional = pe + 24
    magic, = struct.unpack_from("<H", data, optional)
    directories = optional + (112 if magic == 0x20B else 96)
    import_rva, = struct.unpack_from("<I", data, directories + 8 * 1)
    delay_rva, = struct.unpack_from("<I", data, directories + 8 * 13)
    sections = []
    for i in range(sections_count):
        virtual_size, address, raw_size, raw_at = struct.unpack_from("<IIII", data, optional + optional_size + 40 * i + 8)
        sections.append((address, max(virtual_size, raw_size), raw_at))

    def at(rva: int) -> int:
        for address, size, raw_at in sections:
            if address <= rva < address + size:
                return rva - address + raw_at
        raise ValueError(f"address {rva:#x} is in no section")

    def text(rva: int) -> str:
        start = at(rva)
        return data[start:data.index(b"\0", start)].decode("ascii")

    names = []
    if import_rva:
        place = at(import_rva)
        while any(entry := struct.unpack_from("<5I", data, place)):
            names.append(text(entry[3]))
            place += 20
    if delay_rva:
        place = at(delay_rva)
        while any(entry := struct.unpack_from("<8I", data, place)):
            if entry[0] & 1:  # names as addresses relative to the image (every current linker)
                names.append(text(entry[1]))
            place += 32
    return names


@dataclass(frozen=True)
class Member:
    wheel: Path
    path: str
    size: int


def download(distributions: Iterable[str], into: Path = WHEELS) -> dict[str, Path]:
    """The win_amd64 (or universal) wheel of each distribution, at the version installed here
    (the latest where it is not installed, as pywin32 on Linux), downloaded once."""
    into.mkdir(parents=True, exist_ok=True)
    distributions = list(distributions)

    def cached(name: str, version: str | None) -> Path | None:
        stem = f"{name.lower().replace('-', '_')}-{version or ''}"
        matches = sorted(p for p in into.glob("*.whl") if p.name.lower().startswith(stem))
        return matches[-1] if matches else None

    versions = {}
    for name in distributions:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    wanted = [f"{n}=={v}" if v else n for n, v in versions.items() if cached(n, v) is None]
    if wanted:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:", "--platform",
                        "win_amd64", "--python-version", "3.11", "--no-deps", "-d", str(into), *wanted], check=True)
    found = {}
    for name, version in versions.items():
        wheel = cached(name, version)
        if wheel is None:
            raise FileNotFoundError(f"no Windows wheel of {name} {version or ''} in {into}")
        found[name] = wheel
    return found


def members(wheels: Iterable[Path]) -> dict[str, list[Member]]:
    """Every DLL and extension module in the wheels, by lower-case file name."""
    index: dict[str, list[Member]] = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as z:
            for info in z.infolist():
                if info.filename.lower().endswith((".dll", ".pyd")):
                    member = Member(wheel, info.filename, info.file_size)
                    index.setdefault(info.filename.rpartition("/")[2].lower(), []).append(member)
    return index


def closure(roots: Iterable[Member], index: dict[str, list[Member]]) -> tuple[set[Member], set[str]]:
    """(the roots and every wheel DLL they link to, directly or not; the DLL names found in
    no wheel, Windows' own left out)."""
    seen, unresolved = set(roots), set()
    todo = list(seen)
    while todo:
        member = todo.pop()
        with zipfile.ZipFile(member.wheel) as z:
            names = pe_imports(z.read(member.path))
        for name in names:
            found = index.get(name.lower())
            if not found:
                if not name.lower().startswith(SYSTEM_DLL_PREFIXES):
                    unresolved.add(name.lower())
                continue
            for dep in found[:1]:
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
    return seen, unresolved


def matching(wheel: Path, patterns: Iterable[str]) -> list[Member]:
    import fnmatch

    with zipfile.ZipFile(wheel) as z:
        return [Member(wheel, i.filename, i.file_size) for i in z.infolist()
                if any(fnmatch.fnmatchcase(i.filename, p) for p in patterns)]


def qt_data(wheel: Path) -> list[Member]:
    """The Qt plugins and translations of the Windows wheel that the bundle keeps (the plugins
    are roots: the DLLs they link to go in too)."""
    with zipfile.ZipFile(wheel) as z:
        out = []
        for i in z.infolist():
            path = i.filename
            plugin = path.startswith("PySide6/plugins/") and path.split("/")[2] in QT_PLUGIN_FOLDERS
            if (plugin or path.startswith("PySide6/translations/")) and bundle.keep_in_bundle(path):
                out.append(Member(wheel, path, i.file_size))
    return out


def linux_parts(folder: Path, names: Iterable[str]) -> int:
    """Bytes of the Linux bundle's entries whose names start with one of `names`."""
    inner = folder / bundle.CONTENTS
    return sum(bundle.folder_size(p) if p.is_dir() else p.stat().st_size
               for p in inner.iterdir() if not p.is_symlink() and p.name.startswith(tuple(names)))


def python_files(folder: Path) -> int:
    """Bytes of the Python files (.py, .pyc, data) in a Linux folder, native code left out."""
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.is_file() and not p.is_symlink() and ".so" not in p.name)


def estimate(base_dir: Path, camera_dir: Path, wheels_dir: Path = WHEELS) -> list[tuple[str, int]]:
    """(part, bytes) of the Windows base bundle, then "camera: ..." parts of its camera component."""
    wheels = download([*BASE_ROOTS, *CAMERA_ROOTS], wheels_dir)
    exe = (base_dir / bundle.BUNDLE_NAME).stat().st_size
    parts: list[tuple[str, int]] = [
        ("the two programs (module archive measured on Linux, x2)", 2 * exe),
        ("Python's runtime (measured on Linux)", linux_parts(base_dir, PYTHON_RUNTIME)),
        ("assets, time zones, certificates, base_library.zip (measured on Linux)", linux_parts(base_dir, PORTABLE)),
    ]
    index = members(wheels[name] for name in BASE_ROOTS)
    qt = qt_data(wheels["PySide6-Essentials"])
    roots = [m for name, patterns in BASE_ROOTS.items() for m in matching(wheels[name], patterns)]
    native, unresolved = closure([*roots, *(m for m in qt if m.path.endswith(".dll"))], index)
    by_wheel: dict[str, int] = {}
    for m in {*native, *qt}:
        by_wheel[m.wheel.name.split("-")[0]] = by_wheel.get(m.wheel.name.split("-")[0], 0) + m.size
    parts += [(f"{name} (Windows wheel: what the station loads)", size) for name, size in sorted(by_wheel.items())]
    extra = {n: s for n, s in KNOWN_EXTRA.items() if n in unresolved}
    parts += [(f"{name} (no wheel carries it)", size) for name, size in extra.items()]
    unknown = sorted(unresolved - set(extra))
    cam_index = members(wheels[name] for name in CAMERA_ROOTS)
    cam_roots = [m for name, patterns in CAMERA_ROOTS.items() for m in matching(wheels[name], patterns)]
    cam_native, _ = closure(cam_roots, cam_index)
    cam_native = {m for m in cam_native if bundle.keep_in_bundle(m.path)}
    parts += [
        ("camera: OpenCV and numpy (Windows wheels: DLLs and modules used)", sum(m.size for m in cam_native)),
        ("camera: their Python files (measured on Linux)", python_files(camera_dir)),
    ]
    if unknown:
        print(f"estimate: linked to but on no wheel, Windows' own (counted as 0): {', '.join(unknown)}")
    return parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / bundle.BUNDLE_NAME)
    parser.add_argument("--camera", type=Path, default=ROOT / "dist" / component.NAME)
    parser.add_argument("--goal-mb", type=float, default=150)
    args = parser.parse_args(argv)
    if not (args.bundle / bundle.BUNDLE_NAME).is_file() or not args.camera.is_dir():
        print(f"estimate: build the Linux bundle first (make package): {args.bundle}, {args.camera}", file=sys.stderr)
        return 1
    try:
        parts = estimate(args.bundle, args.camera)
    except (OSError, subprocess.CalledProcessError, ValueError) as exc:
        print(f"estimate: cannot estimate the Windows bundle: {exc}", file=sys.stderr)
        return 1
    for name, size in parts:
        print(f"estimate: {size / MB:6.1f} MB  {name}")
    base = sum(s for n, s in parts if not n.startswith("camera:"))
    camera = sum(s for n, s in parts if n.startswith("camera:"))
    verdict = "within" if base / MB <= args.goal_mb else "ABOVE"
    print(f"estimate: Windows base bundle ≈ {base / MB:.0f} MB, {verdict} the goal of {args.goal_mb:g} MB; "
          f"the camera component ≈ {camera / MB:.0f} MB more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
