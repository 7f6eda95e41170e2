"""The camera component (installer/component.py): which files are its, splitting them off the
built bundle, and putting them back as a station PC does when 摄像头扫码 is ticked."""

from __future__ import annotations

import os
from pathlib import Path

from installer import bundle, component
from station_app.devices import camera

LINUX, WINDOWS = "linux", "win32"

LINKS = {
    "/w/cv2.so": ["libopencv_core-1a2b.so", "libstdc++.so.6", "libc.so.6"],
    "/w/libopencv_core-1a2b.so": ["libavcodec-3c4d.so", "libgomp.so.1"],
    "/w/libavcodec-3c4d.so": [],
    "/w/libgomp.so.1": [],  # outside the component's folders, but only OpenCV links to it
    "/w/_multiarray_umath.so": ["libscipy_openblas64_-5e6f.so"],
    "/w/libscipy_openblas64_-5e6f.so": ["libgfortran-7a8b.so"],
    "/w/QtCore.so": ["libQt6Core.so.6"],
    "/w/libQt6Core.so.6": ["libstdc++.so.6", "libicuuc.so.73"],
    "/w/_imaging.so": ["libjpeg-62.so"],
}
TOC = [
    ("cv2/cv2.abi3.so", "/w/cv2.so", "EXTENSION"),
    ("cv2/__init__.py", "/w/cv2/__init__.py", "DATA"),
    ("cv2/config-3.py", "/w/cv2/config-3.py", "DATA"),
    ("opencv_python_headless.libs/libopencv_core-1a2b.so", "/w/libopencv_core-1a2b.so", "BINARY"),
    ("opencv_python_headless.libs/libavcodec-3c4d.so", "/w/libavcodec-3c4d.so", "BINARY"),
    ("libgomp.so.1", "/w/libgomp.so.1", "BINARY"),
    ("numpy/__init__.pyc", "/w/numpy/__init__.py", "DATA"),
    ("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", "/w/_multiarray_umath.so", "EXTENSION"),
    ("numpy.libs/libscipy_openblas64_-5e6f.so", "/w/libscipy_openblas64_-5e6f.so", "BINARY"),
    ("numpy.libs/libgfortran-7a8b.so", "/w/libgfortran-7a8b.so", "BINARY"),
    ("numpy-2.4.6.dist-info/METADATA", "/w/numpy-2.4.6.dist-info/METADATA", "DATA"),
    ("libscipy_openblas64_-5e6f.so", "numpy.libs/libscipy_openblas64_-5e6f.so", "SYMLINK"),
    ("PySide6/QtCore.abi3.so", "/w/QtCore.so", "EXTENSION"),
    ("PySide6/Qt/lib/libQt6Core.so.6", "/w/libQt6Core.so.6", "BINARY"),
    ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
    ("libstdc++.so.6", "/w/libstdc++.so.6", "BINARY"),  # OpenCV and Qt both link to it
    ("libicuuc.so.73", "/w/libicuuc.so.73", "BINARY"),
    ("PIL/_imaging.cpython-311-x86_64-linux-gnu.so", "/w/_imaging.so", "EXTENSION"),
    ("libjpeg-62.so", "/w/libjpeg-62.so", "BINARY"),
    ("numpy_financial_notes.txt", "/w/notes.txt", "DATA"),  # a name that only starts like numpy
    ("assets/style.qss", "/w/style.qss", "DATA"),
]


def test_the_camera_component_is_opencv_numpy_their_libraries_and_what_only_they_link_to():
    got = component.files(TOC, lambda source: LINKS.get(source, []))
    assert got == {
        "cv2/cv2.abi3.so", "cv2/__init__.py", "cv2/config-3.py",
        "opencv_python_headless.libs/libopencv_core-1a2b.so", "opencv_python_headless.libs/libavcodec-3c4d.so",
        "libgomp.so.1",
        "numpy/__init__.pyc", "numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so",
        "numpy.libs/libscipy_openblas64_-5e6f.so", "numpy.libs/libgfortran-7a8b.so", "numpy-2.4.6.dist-info/METADATA",
        "libscipy_openblas64_-5e6f.so",  # a link to one of its libraries
    }


def test_windows_dll_names_match_in_any_case():
    toc = [("cv2/cv2.pyd", "C:/w/cv2.pyd", "EXTENSION"), ("OpenCVHelper.dll", "C:/w/OpenCVHelper.dll", "BINARY"),
           ("PySide6/QtCore.pyd", "C:/w/QtCore.pyd", "EXTENSION"), ("MSVCP140.dll", "C:/w/MSVCP140.dll", "BINARY")]
    links = {"C:/w/cv2.pyd": ["opencvhelper.DLL", "msvcp140.dll"], "C:/w/QtCore.pyd": ["MSVCP140.dll"]}
    assert component.files(toc, lambda source: links.get(source, [])) == {"cv2/cv2.pyd", "OpenCVHelper.dll"}


def test_the_component_is_the_one_the_program_looks_for():
    assert component.PACKAGES == camera.COMPONENT_PACKAGES
    assert component.NAME == camera.COMPONENT_FOLDER
    assert set(component.COLLECTION_MODE) == set(component.PACKAGES)
    assert "pyz" not in "".join(component.COLLECTION_MODE.values())  # never inside the programs' archive


def built(root: Path) -> Path:
    """A stand-in for dist/station-app after COLLECT, camera files included."""
    for dest, size in (("cv2/cv2.abi3.so", 70), ("cv2/data/x.xml", 5), ("numpy/__init__.pyc", 10),
                       ("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", 20),
                       ("numpy.libs/libopenblas.so", 30), ("libgomp.so.1", 4), ("PySide6/QtCore.abi3.so", 50),
                       ("assets/style.qss", 1)):
        path = root / bundle.CONTENTS / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
    (root / bundle.CONTENTS / "libopenblas.so").symlink_to("numpy.libs/libopenblas.so")
    (root / "station-app").write_bytes(b"ELF")
    return root


def test_split_off_moves_the_component_to_its_own_folder_and_leaves_no_empty_folder(tmp_path):
    base = built(tmp_path / "station-app")
    dests = {"cv2/cv2.abi3.so", "cv2/data/x.xml", "numpy/__init__.pyc",
             "numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", "numpy.libs/libopenblas.so",
             "libgomp.so.1", "libopenblas.so", "numpy/not-built.pyc"}
    assert component.leftovers(base) == ["cv2", "numpy", "numpy.libs"]
    cam = tmp_path / "station-camera"
    (cam / "stale").mkdir(parents=True)  # from an older build: made anew
    assert component.split_off(base, cam, dests) == 70 + 5 + 10 + 20 + 30 + 4
    inner = base / bundle.CONTENTS
    assert sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if not p.is_dir()) == [
        "_internal/PySide6/QtCore.abi3.so", "_internal/assets/style.qss", "station-app"]
    assert not (inner / "cv2").exists() and not (inner / "numpy").exists()
    assert component.leftovers(base) == []
    assert not (cam / "stale").exists()
    assert (cam / bundle.CONTENTS / "numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so").stat().st_size == 20
    link = cam / bundle.CONTENTS / "libopenblas.so"
    assert link.is_symlink() and link.read_bytes() == b"x" * 30  # still points at its library


def test_merged_is_the_bundle_with_the_component_copied_in_and_both_left_as_they_were(tmp_path):
    base = built(tmp_path / "station-app")
    cam = tmp_path / "station-camera"
    component.split_off(base, cam, {"cv2/cv2.abi3.so", "numpy/__init__.pyc", "numpy.libs/libopenblas.so",
                                    "libopenblas.so"})
    before = sorted(p.relative_to(base).as_posix() for p in base.rglob("*"))
    into = component.merged(base, cam, tmp_path / "with-camera")
    got = {p.relative_to(into).as_posix() for p in into.rglob("*") if not p.is_dir()}
    assert {"station-app", "_internal/cv2/cv2.abi3.so", "_internal/numpy/__init__.pyc",
            "_internal/PySide6/QtCore.abi3.so", "_internal/libopenblas.so"} <= got
    assert (into / bundle.CONTENTS / "libopenblas.so").is_symlink()
    assert os.path.samefile(into / "station-app", base / "station-app")  # a hard link: no copy made
    assert sorted(p.relative_to(base).as_posix() for p in base.rglob("*")) == before


def test_a_built_component_is_checked_for_what_it_needs(tmp_path):
    for platform in (LINUX, WINDOWS):
        folder = tmp_path / platform
        assert len(component.missing_files(folder, platform)) == len(component.required_files(platform))
        for pattern in component.required_files(platform):
            path = folder / pattern.replace("*", "x")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"x")
        assert component.missing_files(folder, platform) == []
    assert any(p.endswith(".pyd") for p in component.required_files(WINDOWS))
    assert not any(p.endswith(".pyd") for p in component.required_files(LINUX))
