"""What the frozen Village Station bundle carries, said once.

`station.spec` (PyInstaller) reads the lists here at build time, `build.py` checks a built
bundle against `required_files()`, and tests/installer reads both without PyInstaller or a
build. Platforms are named as `sys.platform` names them ("linux", "win32").

The bundle is a PyInstaller one-folder build: `dist/station-app/` holds the programs
(`station-app`, and on Windows also `station-app-cli.exe`) and `_internal/` holds
everything else, which is `sys._MEIPASS` when frozen (station_app.resources finds
`assets/` there).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "installer"
FROZEN = HERE / "frozen"

#: the folder name under dist/ and of the Windows program folder's contents
BUNDLE_NAME = "station-app"
#: PyInstaller 6 puts everything but the programs here; it is sys._MEIPASS
CONTENTS = "_internal"
#: Inno Setup's AppId. Fixed for ever: an installer with another AppId does not upgrade
#: the installed program, it installs a second one beside it.
APP_GUID = "6F1C7A52-3D4B-4E8A-9B0E-5A2C7D91E4B3"
#: where the station program keeps its data on Windows, from platformdirs
#: user_data_dir("VillageStation", "VillageStation"); never touched by the installer
DATA_FOLDER_WINDOWS = r"%LOCALAPPDATA%\VillageStation\VillageStation"
#: the environment variable that makes the frozen station-app report its first window
#: and quit (installer/frozen/smoke_probe.py); unset in normal use
SMOKE_ENV = "VILLAGE_STATION_SMOKE"
#: Python packages that must be found at build time (import name: why)
NEEDED_PACKAGES = {
    "PySide6": "the desktop program",
    "escpos": "python-escpos: printer connections (USB, serial, Windows queue)",
    "zxingcpp": "zxing-cpp: the default barcode decoder",
    "pyzbar": "pyzbar: the second barcode decoder",
    "cv2": "opencv-python-headless: webcam capture (the camera component)",
    "numpy": "numpy: camera frames (the camera component)",
    "qrcode": "QR codes on receipts and labels",
    "tzdata": "time zones (Windows has no system time-zone database)",
}
#: and on Windows
NEEDED_ON_WINDOWS = {
    "win32print": "pywin32: receipt printers through the Windows print queue (win:NAME)",
}


def is_windows(platform: str) -> bool:
    return platform.startswith("win")


def exe_name(name: str, platform: str = sys.platform) -> str:
    return f"{name}.exe" if is_windows(platform) else name


def programs(platform: str = sys.platform, with_hub: bool = False) -> dict[str, dict[str, object]]:
    """The executables in the bundle: name -> {script, console}.

    On Windows `station-app.exe` is windowed (shortcuts and the nightly task: no console
    window flashes) and `station-app-cli.exe` is the same program with a console, for a
    technician's commands in cmd and the installer's pre-upgrade backup. Elsewhere one
    console program does both.
    """
    found: dict[str, dict[str, object]] = {
        "station-app": {"script": FROZEN / "station_app_main.py", "console": not is_windows(platform)},
    }
    if is_windows(platform):
        found["station-app-cli"] = {"script": FROZEN / "station_app_main.py", "console": True}
    if with_hub:
        found["station-hub"] = {"script": FROZEN / "station_hub_main.py", "console": True}
    return found


def package_dir(name: str) -> Path | None:
    """The folder of an installed package (without importing it), or None."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def asset_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """Every shipped file under assets/ -> its folder inside the bundle.

    Both the compiled translations (.qm, read by Qt) and their sources (.ts, read by
    station_app.i18n for text outside Qt: errors on the command line, receipts, reports).
    """
    out = []
    for path in sorted((root / "assets").rglob("*")):
        if path.is_file() and not path.name.startswith(".") and path.suffix not in (".pyc", ".py"):
            out.append((str(path), path.parent.relative_to(root).as_posix()))
    return out


def escpos_datas() -> list[tuple[str, str]]:
    """python-escpos's printer database. Without it `import escpos.printer` fails in a frozen
    build (python-escpos #343, #391, #556); frozen/rthook_station.py also points
    ESCPOS_CAPABILITIES_FILE at it."""
    folder = package_dir("escpos")
    if folder is None or not (folder / "capabilities.json").is_file():
        return []
    return [(str(folder / "capabilities.json"), "escpos")]


def zbar_binaries(platform: str = sys.platform) -> list[tuple[str, str]]:
    """pyzbar's own DLLs on Windows (the wheel ships them inside the package; pyzbar loads
    them from its package folder when frozen). On Linux pyzbar loads the system's libzbar
    (Debian: libzbar0), found through ldconfig, so nothing is bundled."""
    if not is_windows(platform):
        return []
    folder = package_dir("pyzbar")
    if folder is None:
        return []
    return [(str(p), "pyzbar") for p in sorted(folder.glob("*.dll"))]


#: the Visual C++ runtimes the native parts need, shipped beside them (app-local copies
#: are allowed by Microsoft's redistribution terms), so that a station PC that never had
#: them installed works: msvcr120 (VC++ 2013) for libzbar-64.dll, the 2015-2022 ones for
#: Python, Qt, OpenCV and zxing-cpp (whose .pyd imports MSVCP140.dll)
VC_RUNTIME_DLLS = ("msvcr120.dll", "msvcp140.dll", "msvcp140_1.dll", "vcruntime140.dll", "vcruntime140_1.dll")


def vc_runtime_binaries(platform: str = sys.platform, places: Iterable[Path] | None = None) -> list[tuple[str, str]]:
    """Each VC++ runtime DLL from the first place that has it, for the bundle's top folder.

    Places: the build PC's System32 (where the Microsoft redistributables put them), then
    the shiboken6 and PySide6 wheels (which carry msvcp140*.dll of their own).
    """
    if not is_windows(platform):
        return []
    if places is None:
        import os

        system = Path(os.environ.get("SYSTEMROOT", r"C:\Windows")) / "System32"
        places = [system, *(d for d in (package_dir("shiboken6"), package_dir("PySide6")) if d)]
    places = list(places)
    out = []
    for dll in VC_RUNTIME_DLLS:
        found = next((p / dll for p in places if (p / dll).is_file()), None)
        if found:
            out.append((str(found), "."))
    return out


def hidden_imports(with_hub: bool = False, platform: str = sys.platform) -> list[str]:
    """Modules imported in ways PyInstaller's analysis can miss (inside functions that run
    only on some PCs, or by name), so that they are there when a station needs them."""
    names = [
        "station_app.ui.app",
        "station_app.devices.decoders",
        "zxingcpp",
        "pyzbar.pyzbar",
        "cv2",  # webcam capture (DESIGN §7): the camera component, split off after the build
        "escpos.printer",
        "qrcode",
        "tzdata",
        "platformdirs",
    ]
    if is_windows(platform):
        names += ["win32print",  # printer.connections imports it inside the win: connection
                  "win32com.client"]  # station_app.speech: Windows' own voices (SAPI), imported when first spoken
    if with_hub:
        names += ["sync.hub.cli", "uvicorn.logging", "uvicorn.loops.auto", "uvicorn.protocols.http.auto",
                  "uvicorn.lifespan.on"]
    return names


#: our own packages, collected whole (their modules are small): the station may import a
#: page or a printer connection by a code path PyInstaller does not follow
OWN_PACKAGES = ("station_app", "printer", "sync")


#: our packages a station never runs: the county hub, and the test tooling that drives a
#: station against a hub (sync.testing: uvicorn, SQLAlchemy, PostgreSQL)
HUB_SIDE = ("sync.hub", "sync.testing")


def own_module_filter(with_hub: bool) -> Callable[[str], bool]:
    """Which of our modules go in: everything but the county hub's side, unless it is wanted."""

    def keep(name: str) -> bool:
        return with_hub or not any(name == part or name.startswith(part + ".") for part in HUB_SIDE)

    return keep


def excludes(with_hub: bool = False) -> list[str]:
    """Modules left out: test tools, other GUI toolkits, and (unless wanted) the hub's server
    stack, which a station PC never runs."""
    names = [
        "tkinter", "_tkinter", "pytest", "_pytest", "hypothesis", "pytestqt", "IPython",
        "matplotlib", "mypy", "ruff", "PyQt5", "PyQt6", "PySide2", "setuptools._distutils",
        "PyInstaller",
        # Qt's Python modules the station never imports (their Qt libraries stay where Qt links them)
        "PySide6.QtNetwork", "PySide6.QtDBus",
        # Pillow's AVIF codec (with its own AV1 libraries) and its Tk bridge: no station picture is either
        "PIL._avif", "PIL.AvifImagePlugin", "PIL._imagingtk", "PIL.ImageTk",
    ]
    if not with_hub:
        names += [*HUB_SIDE, "fastapi", "starlette", "uvicorn", "sqlalchemy", "psycopg", "psycopg_binary",
                  "pydantic", "pydantic_core", "httpx"]
    return names


def qt_dir(platform: str = sys.platform) -> str:
    """Qt's folder inside the bundle, as the PySide6 wheel (and PyInstaller) lay it out."""
    return "PySide6/" if is_windows(platform) else "PySide6/Qt/"


#: platform plugins the station uses: the screen (windows / xcb) and offscreen (smoke tests)
QT_PLATFORMS = ("qwindows", "qoffscreen", "libqxcb", "libqoffscreen")
#: plugin folders a station never needs (Wayland and embedded-device back ends, touch screens
#: and tablets read without a window system, GTK themes, Qt's own network stack: sync talks
#: HTTP through requests)
QT_PLUGIN_FOLDERS_LEFT_OUT = (
    "wayland-decoration-client", "wayland-graphics-integration-client", "wayland-shell-integration",
    "egldeviceintegrations", "platformthemes", "networkinformation", "tls", "generic",
)
#: picture formats Qt reads for the station (beside its built-in PNG and BMP): photos (JPEG,
#: WebP), icons (SVG, ICO), GIF
QT_IMAGE_FORMATS = ("qjpeg", "qwebp", "qsvg", "qico", "qgif", "libqjpeg", "libqwebp", "libqsvg", "libqico", "libqgif")
#: Qt libraries used only by the plugins left out
QT_LIBS_LEFT_OUT = re.compile(r"(lib)?Qt6(WaylandClient|WaylandEglClientHwIntegration|WlShellIntegration|EglFS\w*)[\w.]*$",
                              re.IGNORECASE)


#: Windows: the software OpenGL renderer (Mesa, ~20 MB) and ANGLE, which PyInstaller's PySide6 hook
#: collects for any Qt program; the station paints its widgets and charts with QPainter, never OpenGL
QT_WINDOWS_LEFT_OUT = re.compile(r"^(opengl32sw|d3dcompiler_\d+|libEGL|libGLESv2)\.dll$", re.IGNORECASE)


#: OpenCV's FFmpeg plugin (Windows, ~25 MB) reads video files and network streams; the station
#: opens its webcam through DirectShow (station_app.devices.camera), which does not load it
OPENCV_LEFT_OUT = re.compile(r"^opencv_videoio_ffmpeg\w*\.dll$", re.IGNORECASE)


def keep_in_bundle(dest: str) -> bool:
    """Whether a file PyInstaller's hooks collected (by its path inside the bundle) goes in.

    Qt's hooks bring every translation and every plugin of the modules used; a station
    needs Qt's Chinese (and English) dialogs and the plugins above, nothing else; nor Qt's
    software OpenGL on Windows, nor OpenCV's FFmpeg plugin.
    """
    dest = dest.replace("\\", "/")
    if OPENCV_LEFT_OUT.match(dest.rpartition("/")[2]):
        return False
    if not dest.startswith("PySide6/"):
        return True
    if QT_WINDOWS_LEFT_OUT.match(dest.rpartition("/")[2]):
        return False
    inner = dest.removeprefix("PySide6/").removeprefix("Qt/")
    if inner.startswith("translations/"):
        return re.search(r"_(zh_CN|en)\.qm$", inner) is not None
    if inner.startswith("plugins/"):
        folder, _, name = inner[len("plugins/"):].partition("/")
        if folder in QT_PLUGIN_FOLDERS_LEFT_OUT:
            return False
        if folder == "platforms":
            return name.split(".")[0] in QT_PLATFORMS
        if folder == "imageformats":
            return name.split(".")[0] in QT_IMAGE_FORMATS
        return True
    return QT_LIBS_LEFT_OUT.search(inner.rpartition("/")[2]) is None


def trimmed(entries: Iterable[tuple[str, str, str]],
            imports_of: Callable[[str], Iterable[str]] | None = None) -> list[tuple[str, str, str]]:
    """PyInstaller TOC entries (dest, source, typecode) that `keep_in_bundle`, without the
    symbolic links PyInstaller made to files that are now left out.

    With `imports_of` (a binary's source path -> the names of the shared libraries it links
    to), also without the shared libraries nothing left in the bundle links to: PyInstaller
    collected them for the plugins and modules left out (GTK for Qt's GTK theme, ...).
    """
    entries = list(entries)
    kept = [e for e in entries if e[2] == "SYMLINK" or keep_in_bundle(e[0])]
    if imports_of is not None:
        unlinked = unlinked_libraries(kept, imports_of)
        kept = [e for e in kept if e[0] not in unlinked]
    present = {e[0].replace("\\", "/") for e in kept if e[2] != "SYMLINK"}
    return [e for e in kept if e[2] != "SYMLINK" or e[1].replace("\\", "/") in present]


#: shared libraries loaded by name rather than linked: PyInstaller's bootloader loads libpython,
#: pyzbar loads the system's libzbar with ctypes
LOADED_BY_NAME = re.compile(r"^(lib)?(python3|zbar)")


def unlinked_libraries(entries: Iterable[tuple[str, str, str]],
                       imports_of: Callable[[str], Iterable[str]]) -> set[str]:
    """The dests of the shared libraries (typecode BINARY) among `entries` that no Python
    extension, Qt plugin or library loaded by name needs, directly or through another library."""
    entries = [e for e in entries if e[2] in ("BINARY", "EXTENSION")]
    libraries: dict[str, list[tuple[str, str, str]]] = {}
    for entry in entries:
        libraries.setdefault(entry[0].replace("\\", "/").rpartition("/")[2], []).append(entry)
    roots = [e for e in entries if e[2] == "EXTENSION" or "/plugins/" in e[0].replace("\\", "/")
             or LOADED_BY_NAME.match(e[0].replace("\\", "/").rpartition("/")[2])]
    needed = {e[0] for e in roots}
    todo = list(roots)
    while todo:
        for name in imports_of(todo.pop()[1]):
            for entry in libraries.get(name.rpartition("/")[2], []):
                if entry[0] not in needed:
                    needed.add(entry[0])
                    todo.append(entry)
    return {e[0] for e in entries if e[0] not in needed}


#: binaries (paths inside the bundle's contents folder) whose debugging information the build
#: strips: Python's own, which pyenv and distribution builds ship with it (libpython 22 MB -> 6 MB).
#: Not the wheels' libraries: auditwheel's patchelf has rewritten those, and strip breaks them
#: (numpy's OpenBLAS then fails to load: "ELF load command address/offset not page-aligned").
STRIP_DEBUG = re.compile(r"^(libpython3[\d.]*\.so[\d.]*|python3\.\d+/lib-dynload/[^/]+\.so)$")


def strips_debug_info(platform: str = sys.platform) -> bool:
    """Whether the build strips debugging information (Linux; Windows DLLs carry none)."""
    return platform.startswith("linux")


def files_to_strip(folder: Path) -> list[Path]:
    """The binaries of a built bundle that STRIP_DEBUG names."""
    inner = folder / CONTENTS
    return sorted(p for p in inner.rglob("*") if p.is_file() and not p.is_symlink()
                  and STRIP_DEBUG.match(p.relative_to(inner).as_posix()))


def prunes_libraries(platform: str = sys.platform) -> bool:
    """Whether the build leaves out the shared libraries nothing links to: on Linux, where
    PyInstaller collects the system's (GTK, cairo, ...) for Qt plugins left out."""
    return platform.startswith("linux")


def qt_plugin_files(platform: str = sys.platform) -> list[str]:
    """The Qt plugins a station needs, as paths under the bundle's Qt plugin folder."""
    if is_windows(platform):
        return ["platforms/qwindows.dll", "platforms/qoffscreen.dll"]
    return ["platforms/libqxcb.so", "platforms/libqoffscreen.so"]


def required_files(platform: str = sys.platform, with_hub: bool = False) -> list[str]:
    """Paths (relative to the bundle folder, '*' allowed) that a working bundle must have.

    build.py refuses a bundle that misses one; the list is what the smoke test cannot see
    on this PC (the Windows DLLs) as much as what it can.
    """
    c = CONTENTS
    names = [exe_name(n, platform) for n in programs(platform, with_hub)]
    names += [
        f"{c}/assets/style.qss",
        f"{c}/assets/translations/station_zh_CN.qm",
        f"{c}/assets/translations/station_zh_CN.ts",
        f"{c}/escpos/capabilities.json",
        f"{c}/{qt_dir(platform)}translations/qtbase_zh_CN.qm",
        f"{c}/tzdata/zoneinfo/Asia/Shanghai",
    ]
    names += [f"{c}/{qt_dir(platform)}plugins/{p}" for p in qt_plugin_files(platform)]
    if is_windows(platform):
        names += [
            f"{c}/**/zxingcpp*.pyd",
            f"{c}/pyzbar/libzbar-64.dll",
            f"{c}/pyzbar/libiconv.dll",
            # libzbar-64.dll needs the VC++ 2013 runtime, zxing-cpp and Qt the 2015-2022 one
            f"{c}/msvcr120.dll",
            f"{c}/msvcp140.dll",
            f"{c}/vcruntime140.dll",
            f"{c}/vcruntime140_1.dll",
        ]
    else:
        names += [f"{c}/**/zxingcpp*.so"]
    return names


def missing_files(bundle: Path, platform: str = sys.platform, with_hub: bool = False) -> list[str]:
    """The required paths that the built bundle at `bundle` lacks (empty = complete)."""
    return [pattern for pattern in required_files(platform, with_hub) if not _exists(bundle, pattern)]


def _exists(bundle: Path, pattern: str) -> bool:
    if "*" not in pattern:
        return (bundle / pattern).exists()
    return any(bundle.glob(pattern))


def needed_packages(platform: str = sys.platform) -> dict[str, str]:
    """Import name -> why, of what must be installed where the bundle is built."""
    return {**NEEDED_PACKAGES, **(NEEDED_ON_WINDOWS if is_windows(platform) else {})}


def missing_packages(names: Iterable[str] | None = None) -> list[str]:
    """The needed packages that are not installed where the build runs."""
    return [n for n in (needed_packages() if names is None else names) if importlib.util.find_spec(n) is None]


def project_version(root: Path = ROOT) -> str:
    """The version in pyproject.toml (the installer's AppVersion)."""
    text = (root / "pyproject.toml").read_text("utf-8")
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise ValueError("no version in pyproject.toml")
    return match.group(1)


def folder_size(folder: Path) -> int:
    """Bytes in all files under `folder` (symlinks not followed)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def largest_parts(folder: Path, top: int = 8) -> list[tuple[str, int]]:
    """The biggest direct children of the bundle's contents folder, for the size report."""
    inner = folder / CONTENTS if (folder / CONTENTS).is_dir() else folder
    parts = []
    for child in inner.iterdir():
        if child.is_symlink():
            continue
        size = folder_size(child) if child.is_dir() else child.stat().st_size
        parts.append((child.name, size))
    return sorted(parts, key=lambda p: -p[1])[:top]
