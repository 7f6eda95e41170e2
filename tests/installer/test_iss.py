"""The Inno Setup script (installer/station.iss), read as text: it can only be compiled on Windows."""

from __future__ import annotations

import re

import pytest

from installer import bundle, component

ISS = bundle.HERE / "station.iss"


def read_iss() -> tuple[dict[str, str], dict[str, list[str]], str]:
    """(ISPP #defines, section name -> its lines without comments, the [Code] text)."""
    defines: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.read_text("utf-8-sig").splitlines():
        line = raw.strip()
        if m := re.match(r'#define\s+(\w+)\s+"(.*)"$', line):
            defines.setdefault(m.group(1), m.group(2))
        if m := re.match(r"^\[(\w+)\]$", line):
            current = m.group(1)
            sections[current] = []
        elif line and not line.startswith((";", "#")) and current:
            sections[current].append(line)
    code = "\n".join(sections.get("Code", []))
    return defines, sections, code


DEFINES, SECTIONS, CODE = read_iss()


def setup(key: str) -> str:
    for line in SECTIONS["Setup"]:
        k, _, v = line.partition("=")
        if k.strip() == key:
            return v.strip()
    raise KeyError(key)


def expand(text: str) -> str:
    return re.sub(r"\{#(\w+)\}", lambda m: DEFINES[m.group(1)], text)


def test_file_is_utf8_with_bom_so_iscc_reads_the_chinese():
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")


def test_fixed_app_id_makes_every_version_an_upgrade_of_the_last():
    assert DEFINES["AppGuid"] == bundle.APP_GUID == "6F1C7A52-3D4B-4E8A-9B0E-5A2C7D91E4B3"
    assert setup("AppId") == "{{{#AppGuid}}"  # "{{" is Inno's escaped "{"
    assert setup("UsePreviousAppDir") == "yes"
    assert "Uninstall\\{{#AppGuid}}_is1" in CODE  # where the installed version is read


def test_per_machine_install_into_program_files_on_64_bit_windows_10_or_newer():
    assert setup("PrivilegesRequired") == "admin"
    assert setup("DefaultDirName").startswith("{autopf}\\")
    assert setup("ArchitecturesInstallIn64BitMode") == "x64compatible"
    assert setup("MinVersion") == "10.0"


def test_installs_the_bundle_that_build_py_makes():
    assert DEFINES["BundleDir"] == f"..\\dist\\{bundle.BUNDLE_NAME}"
    assert any(line.startswith('Source: "{#BundleDir}\\*"') and "recursesubdirs" in line for line in SECTIONS["Files"])
    programs = bundle.programs("win32")
    assert DEFINES["AppExe"] == "station-app.exe" and programs["station-app"]["console"] is False
    assert DEFINES["CliExe"] == "station-app-cli.exe" and programs["station-app-cli"]["console"] is True
    assert setup("OutputBaseFilename") == "VillageStation-Setup-{#AppVersion}"


def test_start_menu_and_desktop_shortcuts_start_the_windowed_program():
    icons = SECTIONS["Icons"]
    for place in ("{group}", "{autodesktop}"):
        assert any(line.startswith(f'Name: "{place}\\') and 'Filename: "{app}\\{#AppExe}"' in line for line in icons), place
    assert any("{#CliExe}" in line and " check" in line for line in icons)


def test_the_data_folder_is_never_installed_into_or_deleted():
    assert DEFINES["DataFolder"] == bundle.DATA_FOLDER_WINDOWS
    for section in ("Files", "Dirs", "InstallDelete", "UninstallDelete"):
        for line in SECTIONS.get(section, []):
            assert not re.search(r"localappdata|userappdata|DataFolder|VillageStation\\", line, re.I), line
    assert "UninstallDelete" not in SECTIONS
    assert SECTIONS["InstallDelete"] == ['Type: filesandordirs; Name: "{app}\\_internal"']
    assert not re.search(r"DelTree|DeleteFile|RemoveDir", CODE)


def test_data_folder_is_where_the_program_keeps_the_station_on_windows(monkeypatch):
    import inspect

    from platformdirs import windows

    from station_app.db import connection

    assert 'user_data_dir("VillageStation", "VillageStation")' in inspect.getsource(connection.default_data_dir)
    monkeypatch.setattr(windows, "get_win_folder", lambda csidl: {"CSIDL_LOCAL_APPDATA": "%LOCALAPPDATA%"}[csidl])
    got = windows.Windows(appname="VillageStation", appauthor="VillageStation").user_data_dir
    assert got.replace("/", "\\") == bundle.DATA_FOLDER_WINDOWS


def test_nightly_sync_task_is_created_for_the_station_user_and_removed_on_uninstall():
    assert "schtasks.exe" in CODE and "/Create /F /TN \"{#TaskName}\" /SC DAILY /ST {#SyncTime}" in CODE
    assert "\\\" sync --once\"" in CODE
    create = CODE[CODE.index("procedure CreateNightlyTask"):]
    assert "ExecAsOriginalUser(ExpandConstant('{sys}\\schtasks.exe')" in create
    assert "-StartWhenAvailable" in create
    assert re.search(r"ssPostInstall then\s+CreateNightlyTask", CODE)
    assert any("/Delete /TN \"\"{#TaskName}\"\"" in line for line in SECTIONS["UninstallRun"])


def test_nightly_time_is_the_station_setting_default():
    from station_app.core.settings import BY_KEY

    assert DEFINES["SyncTime"] == BY_KEY["sync.nightly_at"].default


def test_upgrade_closes_the_program_and_backs_up_the_station_file_first():
    assert setup("CloseApplications") == "force"
    assert ".pyd" in setup("CloseApplicationsFilter")
    prepare = CODE[CODE.index("function PrepareToInstall"):]
    assert "BackupBeforeUpgrade" in prepare
    backup = CODE[CODE.index("function BackupBeforeUpgrade"):CODE.index("function PrepareToInstall")]
    assert "PreviousFolder + '\\{#CliExe}'" in backup  # the old program: it does not migrate the file
    assert "backups\\before-upgrade-{#AppVersion}.sqlite" in backup
    assert "if exist \"' + Station + '\" if not exist \"' + Target" in backup
    assert "{#DataFolder}\\station.sqlite" in backup
    assert "RunAsStationUser" in backup and "ExecAsOriginalUser" in CODE


def test_every_custom_message_used_is_defined_in_each_language():
    defined: dict[str, set[str]] = {}
    for line in SECTIONS["CustomMessages"]:
        lang, _, rest = line.partition(".")
        defined.setdefault(lang, set()).add(rest.partition("=")[0])
    assert defined["zh"] == defined["en"]
    used = set(re.findall(r"CustomMessage\('(\w+)'\)", CODE))
    used |= set(re.findall(r"\{cm:(\w+)", ISS.read_text("utf-8-sig"))) - {"LaunchProgram"}
    assert used <= defined["en"], used - defined["en"]


def _pascal_tokens(code: str) -> list[str]:
    code = re.sub(r"'(?:[^']|'')*'", "''", code)  # string literals
    code = re.sub(r"\{[^}]*\}", " ", code)  # { comments }
    code = re.sub(r"//[^\n]*", " ", code)
    return re.findall(r"[A-Za-z_]\w*", code.lower())


def test_pascal_blocks_are_balanced():
    words = _pascal_tokens(CODE)
    assert words.count("begin") == words.count("end")
    for name in ("InitializeSetup", "PrepareToInstall", "CurStepChanged", "CurUninstallStepChanged"):
        assert re.search(rf"\b(function|procedure) {name}\(", CODE), name


@pytest.mark.parametrize("name", ["AppVersion", "BundleDir", "CameraDir"])
def test_build_py_can_override_version_and_bundle(name):
    text = ISS.read_text("utf-8-sig")
    assert f"#ifndef {name}" in text
    assert f"/D{name}=" in (bundle.HERE / "build.py").read_text("utf-8")


def test_expanded_task_command_runs_the_installed_windowed_program():
    create = expand(CODE[CODE.index("procedure CreateNightlyTask"):])
    assert "ExpandConstant('{app}\\station-app.exe')" in create
    assert '/TN "VillageStation Nightly Sync"' in create


def test_the_camera_is_a_component_installed_over_the_program_only_when_ticked():
    assert DEFINES["CameraDir"] == f"..\\dist\\{component.NAME}"
    [program] = [line for line in SECTIONS["Files"] if line.startswith('Source: "{#BundleDir}\\*"')]
    [camera] = [line for line in SECTIONS["Files"] if line.startswith('Source: "{#CameraDir}\\*"')]
    assert "Components: program;" in program
    assert "Components: camera;" in camera and 'DestDir: "{app}"' in camera and "recursesubdirs" in camera
    components = {line.split('"')[1]: line for line in SECTIONS["Components"]}
    assert set(components) == {"program", "camera"}
    assert "Flags: fixed" in components["program"] and "Types: station full custom" in components["program"]
    assert "Types: full;" not in components["camera"] and components["camera"].endswith("Types: full")
    types = [line.split('"')[1] for line in SECTIONS["Types"]]
    assert types[0] == "station", "the default type (the first) is the program without the camera"
    assert any("Flags: iscustom" in line for line in SECTIONS["Types"])
    # a component no longer ticked goes with the old program files before the new ones are installed
    assert SECTIONS["InstallDelete"] == ['Type: filesandordirs; Name: "{app}\\_internal"']


def test_the_component_is_named_as_the_program_tells_the_operator_to_tick_it():
    from station_app.devices import camera

    messages = dict(line.split("=", 1) for line in SECTIONS["CustomMessages"])
    assert messages["zh.CompCamera"].startswith("摄像头扫码")
    english = messages["en.CompCamera"].partition(" (")[0]
    assert f"“{english}”" in camera.HOW_TO_ADD["setup"]


def test_build_py_hands_the_camera_component_to_inno_setup(monkeypatch, tmp_path):
    import subprocess

    from installer import build

    commands = []
    monkeypatch.setattr(build, "find_iscc", lambda: tmp_path / "ISCC.exe")
    monkeypatch.setattr(subprocess, "run", lambda command, **kw: commands.append(command)
                        or subprocess.CompletedProcess(command, 0))
    build.compile_installer(tmp_path / "dist" / bundle.BUNDLE_NAME)
    [command] = commands
    assert f"/DBundleDir={tmp_path / 'dist' / bundle.BUNDLE_NAME}" in command
    assert f"/DCameraDir={tmp_path / 'dist' / component.NAME}" in command
