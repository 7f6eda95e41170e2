"""What the frozen bundle must carry (installer/bundle.py, read by installer/station.spec)."""

from __future__ import annotations

from pathlib import Path

import pytest

from installer import bundle

LINUX, WINDOWS = "linux", "win32"


def test_assets_go_in_with_translations_for_qt_and_for_the_command_line():
    datas = dict((Path(src).relative_to(bundle.ROOT).as_posix(), dest) for src, dest in bundle.asset_datas())
    assert datas["assets/style.qss"] == "assets"
    assert datas["assets/translations/station_zh_CN.ts"] == "assets/translations"
    for qm in (bundle.ROOT / "assets" / "translations").glob("*.qm"):  # built by `make translations`
        assert datas[f"assets/translations/{qm.name}"] == "assets/translations"


def test_every_file_under_assets_is_collected_keeping_its_folder(tmp_path):
    for name in ("style.qss", "receipt-logo.png", "translations/station_zh_CN.qm", "translations/station_zh_CN.ts",
                 "icons/scan.svg", ".hidden"):
        (tmp_path / "assets" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "assets" / name).write_text("x")
    got = {(Path(src).name, dest) for src, dest in bundle.asset_datas(tmp_path)}
    assert got == {("style.qss", "assets"), ("receipt-logo.png", "assets"), ("scan.svg", "assets/icons"),
                   ("station_zh_CN.qm", "assets/translations"), ("station_zh_CN.ts", "assets/translations")}


def test_python_escpos_capabilities_json_goes_in_beside_its_package():
    [(src, dest)] = bundle.escpos_datas()
    assert Path(src).name == "capabilities.json" and Path(src).is_file()
    assert dest == "escpos"


def test_zbar_dlls_are_bundled_on_windows_only(tmp_path, monkeypatch):
    for dll in ("libzbar-64.dll", "libiconv.dll"):
        (tmp_path / dll).write_bytes(b"MZ")
    monkeypatch.setattr(bundle, "package_dir", lambda name: tmp_path if name == "pyzbar" else None)
    assert sorted(bundle.zbar_binaries(WINDOWS)) == [
        (str(tmp_path / "libiconv.dll"), "pyzbar"), (str(tmp_path / "libzbar-64.dll"), "pyzbar")]
    assert bundle.zbar_binaries(LINUX) == []  # Linux: the system's libzbar0


def test_vc_runtimes_come_from_the_first_place_that_has_them(tmp_path):
    system, shiboken = tmp_path / "System32", tmp_path / "shiboken6"
    system.mkdir()
    shiboken.mkdir()
    (system / "msvcr120.dll").write_bytes(b"MZ")
    (system / "vcruntime140.dll").write_bytes(b"MZ")
    (shiboken / "msvcp140.dll").write_bytes(b"MZ")
    (shiboken / "vcruntime140.dll").write_bytes(b"MZ")
    got = bundle.vc_runtime_binaries(WINDOWS, [system, shiboken])
    assert got == [(str(system / "msvcr120.dll"), "."), (str(shiboken / "msvcp140.dll"), "."),
                   (str(system / "vcruntime140.dll"), ".")]
    assert bundle.vc_runtime_binaries(LINUX, [system]) == []


def test_programs_windowed_and_console_on_windows_one_console_program_elsewhere():
    win = bundle.programs(WINDOWS)
    assert win["station-app"]["console"] is False  # shortcuts and the nightly task: no console window
    assert win["station-app-cli"]["console"] is True
    assert win["station-app"]["script"] == win["station-app-cli"]["script"]
    assert set(bundle.programs(LINUX)) == {"station-app"}
    assert bundle.programs(LINUX)["station-app"]["console"] is True
    assert "station-hub" in bundle.programs(LINUX, with_hub=True)
    for info in bundle.programs(WINDOWS, with_hub=True).values():
        assert Path(str(info["script"])).is_file()


def test_decoders_camera_and_printer_libraries_are_imported_even_when_only_some_pcs_use_them():
    hidden = bundle.hidden_imports()
    for name in ("zxingcpp", "pyzbar.pyzbar", "cv2", "escpos.printer", "tzdata", "station_app.ui.app"):
        assert name in hidden
    assert "win32print" in bundle.hidden_imports(platform=WINDOWS)
    assert "win32print" not in bundle.hidden_imports(platform=LINUX)
    assert "win32com.client" in bundle.hidden_imports(platform=WINDOWS), "the spoken prompts' Windows voices"


def test_pywin32_is_needed_to_build_on_windows_only():
    assert "win32print" in bundle.needed_packages(WINDOWS)
    assert "win32print" not in bundle.needed_packages(LINUX)
    # the camera component's too: the build makes it beside the bundle
    assert {"PySide6", "escpos", "zxingcpp", "pyzbar", "cv2", "numpy", "tzdata"} <= set(bundle.needed_packages(LINUX))
    assert bundle.missing_packages(["json", "no_such_package_here"]) == ["no_such_package_here"]


def test_the_program_icon_has_the_sizes_windows_asks_for():
    from PIL import Image

    with Image.open(bundle.HERE / "station.ico") as icon:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(icon.info["sizes"])


def test_the_hub_server_stack_stays_out_unless_asked_for():
    assert {"sync.hub", "sync.testing", "fastapi", "uvicorn", "sqlalchemy"} <= set(bundle.excludes())
    assert not {"sync.hub", "fastapi", "uvicorn", "sqlalchemy"} & set(bundle.excludes(with_hub=True))
    keep = bundle.own_module_filter(False)
    assert keep("sync.client") and keep("station_app.ui.app") and keep("sync.testing_notes")
    assert not keep("sync.hub") and not keep("sync.hub.app") and not keep("sync.testing.live_hub")
    assert bundle.own_module_filter(True)("sync.hub.app")


def test_qt_modules_and_codecs_the_station_never_loads_stay_out():
    left_out = set(bundle.excludes())
    assert {"PySide6.QtNetwork", "PySide6.QtDBus", "PIL._avif"} <= left_out
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PIL", "cv2"} & left_out


def test_libraries_nothing_links_to_are_left_out():
    links = {
        "/w/QtGui.so": ["libQt6Gui.so.6"],
        "/w/libQt6Gui.so.6": ["libfontconfig.so.1", "libc.so.6"],
        "/w/libfontconfig.so.1": ["libexpat.so.1"],
        "/w/libqgtk3.so": ["libgtk-3.so.0"],  # a plugin already left out
        "/w/libgtk-3.so.0": ["libcairo.so.2"],
        "/w/libqxcb.so": ["libxcb-cursor.so.0"],
    }
    toc = [
        ("PySide6/QtGui.abi3.so", "/w/QtGui.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/w/libQt6Gui.so.6", "BINARY"),
        ("libfontconfig.so.1", "/w/libfontconfig.so.1", "BINARY"),
        ("libexpat.so.1", "/w/libexpat.so.1", "BINARY"),
        ("libgtk-3.so.0", "/w/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/w/libcairo.so.2", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/w/libqxcb.so", "BINARY"),
        ("libxcb-cursor.so.0", "/w/libxcb-cursor.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/w/libpython3.11.so.1.0", "BINARY"),  # loaded by the bootloader
        ("libzbar.so.0", "/w/libzbar.so.0", "BINARY"),  # loaded by pyzbar through ctypes
        ("libgtk-3.so.0.link", "libgtk-3.so.0", "SYMLINK"),
        ("assets/style.qss", "/w/style.qss", "DATA"),
    ]
    assert bundle.unlinked_libraries(toc, lambda source: links.get(source, [])) == {"libgtk-3.so.0", "libcairo.so.2"}
    kept = bundle.trimmed(toc, lambda source: links.get(source, []))
    assert [e[0] for e in kept] == ["PySide6/QtGui.abi3.so", "PySide6/Qt/lib/libQt6Gui.so.6", "libfontconfig.so.1",
                                    "libexpat.so.1", "PySide6/Qt/plugins/platforms/libqxcb.so", "libxcb-cursor.so.0",
                                    "libpython3.11.so.1.0", "libzbar.so.0", "assets/style.qss"]
    assert bundle.prunes_libraries(LINUX) and not bundle.prunes_libraries(WINDOWS)


def test_only_pythons_own_binaries_are_stripped(tmp_path):
    inner = tmp_path / "_internal"
    for name in ("libpython3.11.so.1.0", "python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
                 "numpy.libs/libscipy_openblas64_-32a4b2a6.so", "PIL/_imaging.cpython-311-x86_64-linux-gnu.so",
                 "PySide6/Qt/lib/libQt6Core.so.6"):
        (inner / name).parent.mkdir(parents=True, exist_ok=True)
        (inner / name).write_bytes(b"ELF")
    assert [p.relative_to(inner).as_posix() for p in bundle.files_to_strip(tmp_path)] == [
        "libpython3.11.so.1.0", "python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so"]
    assert bundle.strips_debug_info(LINUX) and not bundle.strips_debug_info(WINDOWS)


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qt_en.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/translations/qtbase_zh_CN.qm", True),  # the Windows layout
    ("PySide6/translations/qtbase_ja.qm", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/plugins/platforms/qoffscreen.dll", True),
    ("PySide6/plugins/platforms/qdirect2d.dll", False),
    ("PySide6/plugins/imageformats/qjpeg.dll", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
    ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", True),
    ("PySide6/Qt/lib/libQt6WaylandClient.so.6", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
    ("PySide6/Qt6Widgets.dll", True),
    ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
    ("PySide6/plugins/generic/qtuiotouchplugin.dll", False),
    ("PySide6/Qt/plugins/imageformats/libqwebp.so", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/plugins/imageformats/qicns.dll", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),  # Pinyin input
    ("PySide6/opengl32sw.dll", False),  # Windows: software OpenGL; the station never uses OpenGL
    ("PySide6/d3dcompiler_47.dll", False),
    ("PySide6/Qt6OpenGL.dll", True),  # a Qt library: kept where Qt links it
    ("opencv_videoio_ffmpeg4110_64.dll", False),
    ("cv2/opencv_videoio_ffmpeg4110_64.dll", False),
    ("cv2/cv2.pyd", True),
    ("escpos/capabilities.json", True),
    ("assets/translations/station_zh_CN.qm", True),
])
def test_qt_files_a_station_does_not_need_are_left_out(dest, kept):
    assert bundle.keep_in_bundle(dest) is kept
    assert bundle.keep_in_bundle(dest.replace("/", "\\")) is kept


def test_trimming_drops_links_to_files_left_out():
    toc = [
        ("PySide6/Qt/lib/libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", "/x/libQt6WaylandClient.so.6", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6WaylandClient.so.6", "PySide6/Qt/lib/libQt6WaylandClient.so.6", "SYMLINK"),
    ]
    assert bundle.trimmed(toc) == [toc[0], toc[2]]


@pytest.mark.parametrize("platform", [LINUX, WINDOWS])
def test_required_files_name_the_native_parts_of_each_platform(platform):
    req = bundle.required_files(platform)
    for part in ("assets/style.qss", "assets/translations/station_zh_CN.qm", "assets/translations/station_zh_CN.ts",
                 "escpos/capabilities.json", "qtbase_zh_CN.qm", "zxingcpp", "tzdata/zoneinfo/Asia/Shanghai"):
        assert any(part in r for r in req), part
    joined = "\n".join(req)
    assert "cv2" not in joined and "numpy" not in joined  # the camera component's, checked on their own
    if platform == WINDOWS:
        for part in ("station-app.exe", "station-app-cli.exe", "_internal/PySide6/plugins/platforms/qwindows.dll",
                     "_internal/pyzbar/libzbar-64.dll", "_internal/pyzbar/libiconv.dll", "_internal/msvcr120.dll",
                     "_internal/msvcp140.dll"):
            assert part in joined
    else:
        for part in ("_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
                     "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so"):
            assert part in joined
        assert "libzbar" not in joined


def fake_bundle(root: Path, platform: str) -> Path:
    for pattern in bundle.required_files(platform):
        path = root / pattern.replace("**/", "zxingcpp/").replace("*", "x")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    return root


@pytest.mark.parametrize("platform", [LINUX, WINDOWS])
def test_a_complete_bundle_passes_and_a_missing_file_is_named(tmp_path, platform):
    folder = fake_bundle(tmp_path, platform)
    assert bundle.missing_files(folder, platform) == []
    (folder / "_internal" / "escpos" / "capabilities.json").unlink()
    assert bundle.missing_files(folder, platform) == ["_internal/escpos/capabilities.json"]


def test_the_installer_version_is_the_program_version():
    import station_app

    assert bundle.project_version() == station_app.__version__


def test_folder_size_and_largest_parts(tmp_path):
    (tmp_path / "_internal" / "big").mkdir(parents=True)
    (tmp_path / "_internal" / "big" / "a").write_bytes(b"x" * 300)
    (tmp_path / "_internal" / "small").write_bytes(b"x" * 10)
    (tmp_path / "station-app").write_bytes(b"x" * 5)
    assert bundle.folder_size(tmp_path) == 315
    assert bundle.largest_parts(tmp_path) == [("big", 300), ("small", 10)]


def test_the_spec_uses_the_lists_here():
    spec = (bundle.HERE / "station.spec").read_text("utf-8")
    compile(spec, "station.spec", "exec")
    for use in ("bundle.asset_datas()", "bundle.escpos_datas()", "bundle.zbar_binaries(", "bundle.vc_runtime_binaries(",
                "bundle.hidden_imports(", "bundle.excludes(", "bundle.trimmed(", "rthook_station.py",
                "bundle.programs(", "COLLECT(", "module_collection_mode=component.COLLECTION_MODE",
                "component.files(", "component.split_off("):
        assert use in spec, use


def test_the_bundle_size_is_compared_with_its_goal():
    from installer.build import size_verdict

    assert size_verdict(150 * 1024 * 1024, 150) == "meets the size goal: 150 MB (goal ≤ 150 MB)"
    assert size_verdict(355 * 1024 * 1024, 150).startswith("MISSES the size goal: 355 MB")


def test_the_size_report_gives_the_base_bundle_and_the_camera_component(tmp_path):
    from installer.build import size_report

    for folder, part, size in (("station-app", "PySide6", 3 * 1024 * 1024), ("station-camera", "cv2", 2 * 1024 * 1024)):
        (tmp_path / folder / "_internal" / part).mkdir(parents=True)
        (tmp_path / folder / "_internal" / part / "lib").write_bytes(b"x" * size)
    base, camera, both = size_report(tmp_path / "station-app", tmp_path / "station-camera")
    assert base.startswith("base bundle ") and ": 3 MB (3145728 bytes); largest parts: PySide6 3 MB" in base
    assert camera.startswith("camera component ") and ": 2 MB (2097152 bytes); largest parts: cv2 2 MB" in camera
    assert both == "a station with the camera component: 5 MB"


def test_the_build_refuses_a_base_with_the_camera_in_it_or_a_camera_component_lacking_a_file(tmp_path, capsys):
    import re
    import sys

    from installer import build, component

    folder = fake_bundle(tmp_path / bundle.BUNDLE_NAME, sys.platform)
    camera = tmp_path / component.NAME
    for pattern in component.required_files(sys.platform):
        (camera / pattern.replace("*", "x")).parent.mkdir(parents=True, exist_ok=True)
        (camera / pattern.replace("*", "x")).write_bytes(b"x")
    build.verify(folder, False)
    assert "camera component complete" in capsys.readouterr().out
    (camera / "_internal" / "numpy" / "__init__.pyc").unlink()
    with pytest.raises(build.BuildError, match=re.escape(f"{component.NAME}/_internal/numpy/__init__.pyc")):
        build.verify(folder, False)
    (camera / "_internal" / "numpy" / "__init__.pyc").write_bytes(b"x")
    (folder / "_internal" / "numpy.libs").mkdir()
    with pytest.raises(build.BuildError, match=re.escape("was not split off: numpy.libs")):
        build.verify(folder, False)
