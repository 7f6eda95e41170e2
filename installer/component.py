"""The station's optional camera component (摄像头扫码): OpenCV and numpy, said once.

They are about 210 MB of a bundle that is under 150 MB without them, and only the webcam
uses them (station_app.devices.camera; image files and scanner guns do not). So the build
makes two folders from one PyInstaller analysis:

    dist/station-app/       the station program (the base bundle, `bundle.BUNDLE_NAME`)
    dist/station-camera/    the camera component, laid out like the base: its files go into
                            the same places, `_internal/cv2/...`, `_internal/numpy/...`

On Windows the installer installs the second folder over the first when the operator ticks
摄像头扫码 (station.iss [Components]); on Linux it is copied in. Without it, the program
says on the scanner page that the component is missing and how to add it.

cv2 and numpy are collected as files (`COLLECTION_MODE`), not into the programs' module
archive, so that leaving their folders out leaves nothing of them behind.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from installer import bundle

#: the component's folder under dist/, beside the bundle
NAME = "station-camera"
#: the component's import names (station_app.devices.camera.COMPONENT_PACKAGES)
PACKAGES = ("cv2", "numpy")
#: how PyInstaller collects them: as files in their package folders (the cv2 hook asks for
#: source; numpy compiled), never inside the programs' archive
COLLECTION_MODE = {"cv2": "py", "numpy": "pyc"}
#: folders of the bundle's contents that belong to the component: the packages, the shared
#: libraries their wheels carry (auditwheel's `*.libs` on Linux, delvewheel's on Windows) and
#: their metadata (else the base would tell importlib.metadata that numpy is installed)
TOP_FOLDERS = re.compile(r"^(cv2|numpy|numpy\.libs|opencv_python\w*\.libs|(numpy|opencv_python\w*)-[^/]+\.dist-info)$")


def _top(dest: str) -> str:
    return dest.replace("\\", "/").partition("/")[0]


def _target(entry: tuple[str, str, str]) -> str:
    """Where a SYMLINK entry points, as a path inside the contents folder."""
    dest, src, _ = entry
    dest, src = dest.replace("\\", "/"), src.replace("\\", "/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(dest), src))


def files(entries: Iterable[tuple[str, str, str]], imports_of: Callable[[str], Iterable[str]]) -> set[str]:
    """The dests (paths inside the contents folder) of the PyInstaller TOC entries that belong
    to the camera component: everything under TOP_FOLDERS, the shared libraries that only
    those link to (directly or through another library), and symbolic links to any of these.

    `imports_of` gives the names of the libraries a binary (by its source path) links to.
    """
    entries = list(entries)
    inside = {e[0] for e in entries if TOP_FOLDERS.match(_top(e[0]))}
    binaries = [e for e in entries if e[2] in ("BINARY", "EXTENSION")]
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for entry in binaries:  # by file name; Windows spells a DLL's name in any case
        by_name.setdefault(entry[0].replace("\\", "/").rpartition("/")[2].lower(), []).append(entry)

    def reached(roots: list[tuple[str, str, str]]) -> set[str]:
        seen = {e[0] for e in roots}
        todo = list(roots)
        while todo:
            for name in imports_of(todo.pop()[1]):
                for entry in by_name.get(name.replace("\\", "/").rpartition("/")[2].lower(), []):
                    if entry[0] not in seen:
                        seen.add(entry[0])
                        todo.append(entry)
        return seen

    camera_roots = [e for e in binaries if e[0] in inside]
    base_roots = [e for e in binaries if e[0] not in inside and (
        e[2] == "EXTENSION" or "/plugins/" in e[0].replace("\\", "/")
        or bundle.LOADED_BY_NAME.match(e[0].replace("\\", "/").rpartition("/")[2]))]
    only_camera = reached(camera_roots) - reached(base_roots)
    found = inside | only_camera
    links = [e for e in entries if e[2] == "SYMLINK"]
    return found | {e[0] for e in links if _target(e) in found}


def split_off(bundle_dir: Path, component_dir: Path, dests: Iterable[str]) -> int:
    """Moves the files `dests` from the built bundle into `component_dir`, each to the same
    place under the contents folder, and removes the folders that are left empty.
    `component_dir` is made anew. Returns the bytes moved (symbolic links not counted)."""
    inner, target = bundle_dir / bundle.CONTENTS, component_dir / bundle.CONTENTS
    if component_dir.exists():
        shutil.rmtree(component_dir)
    target.mkdir(parents=True)
    moved = 0
    for dest in sorted(set(dests)):
        source = inner / dest
        if not source.exists() and not source.is_symlink():
            continue
        if source.is_file() and not source.is_symlink():
            moved += source.stat().st_size
        (target / dest).parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target / dest)
    for folder in sorted((p for p in inner.rglob("*") if p.is_dir() and not p.is_symlink()),
                         key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
    return moved


def leftovers(bundle_dir: Path) -> list[str]:
    """What of the component is still in the base bundle (must be nothing): its folders."""
    inner = bundle_dir / bundle.CONTENTS
    if not inner.is_dir():
        return []
    return sorted(p.name for p in inner.iterdir() if TOP_FOLDERS.match(p.name))


def required_files(platform: str) -> list[str]:
    """Paths (relative to the component's folder, '*' allowed) a working component has."""
    c = bundle.CONTENTS
    ext = "pyd" if bundle.is_windows(platform) else "so"
    return [f"{c}/cv2/cv2*.{ext}", f"{c}/cv2/__init__.py", f"{c}/numpy/__init__.pyc",
            f"{c}/numpy/_core/_multiarray_umath*.{ext}"]


def missing_files(component_dir: Path, platform: str) -> list[str]:
    """The required paths that the built component lacks (empty = complete)."""
    return [p for p in required_files(platform) if not any(component_dir.glob(p))]


def merged(bundle_dir: Path, component_dir: Path, into: Path) -> Path:
    """A copy of the bundle with the component installed, at `into` (made anew): what a
    station PC has after ticking 摄像头扫码. Files are hard links where the disk allows
    (the copy then costs no space), else copies; symbolic links stay links."""
    if into.exists():
        shutil.rmtree(into)

    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(bundle_dir, into, symlinks=True, copy_function=link_or_copy)
    shutil.copytree(component_dir, into, symlinks=True, copy_function=link_or_copy, dirs_exist_ok=True)
    return into
