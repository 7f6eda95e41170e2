"""Build Village Station for a station PC: `python installer/build.py [--smoke] [--goal-mb N] [--with-hub]`.

1. checks that this Python has what the bundle needs (PyInstaller, the station's packages)
2. compiles the translations (.ts -> .qm) when they are missing or older than the source
3. runs PyInstaller on installer/station.spec -> dist/station-app/ (one folder, the base
   bundle) and dist/station-camera/ (the optional camera component: OpenCV and numpy,
   installer/component.py)
4. checks the bundle holds every file in installer/bundle.py's required_files() and nothing
   of the camera component, and the component every file it needs; on Linux strips
   Python's own debugging information (bundle.STRIP_DEBUG)
5. on Windows, compiles installer/station.iss with Inno Setup's ISCC.exe (if installed)
   -> dist/VillageStation-Setup-<version>.exe, the camera a component the operator ticks
6. with --smoke, runs installer/smoke.py on the bundle, strictly (a subcommand the bundle
   lacks is a failure), without the camera component and then with it
7. with --estimate-windows (on Linux), estimates the Windows bundle from the Windows wheels of
   the same packages (installer/estimate_windows.py); an estimate that cannot be made (no
   network) is said, not a failure
8. with --goal-mb, compares the base bundle's size with that goal (`make package`: 150 MB)

Prints the build time and the sizes of the base bundle and of the camera component, with
their largest parts. Exits non-zero with the reason on any failure, a failed smoke test or
a base bundle above the size goal.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from installer import bundle, component  # noqa: E402

DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
ISCC_PLACES = (
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe",
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "Inno Setup 6" / "ISCC.exe",
    Path(os.environ.get("LOCALAPPDATA", "")) / "Programs" / "Inno Setup 6" / "ISCC.exe",
)


class BuildError(Exception):
    pass


def tool(name: str) -> Path:
    """A console script installed beside this Python (bin/ or Scripts/)."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file():
            return candidate
    found = shutil.which(name)
    if not found:
        raise BuildError(f"{name} not found beside {sys.executable} or on PATH")
    return Path(found)


def check_environment() -> None:
    try:
        import PyInstaller
    except ImportError:
        raise BuildError(f"PyInstaller is not installed: {sys.executable} -m pip install pyinstaller") from None
    missing = bundle.missing_packages()
    if missing:
        why = bundle.needed_packages()
        raise BuildError("not installed: " + ", ".join(f"{n} ({why[n]})" for n in missing)
                         + f"; run: {sys.executable} -m pip install -e \".[station,camera]\"")
    print(f"build: Python {sys.version.split()[0]}, PyInstaller {PyInstaller.__version__}, {sys.platform}")


def stale_translations(root: Path = ROOT) -> list[tuple[Path, Path]]:
    """(.ts, .qm) pairs whose .qm is missing or older than its .ts."""
    out = []
    for ts in sorted((root / "assets" / "translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            out.append((ts, qm))
    return out


def compile_translations() -> None:
    for ts, qm in stale_translations():
        print(f"build: compiling {ts.name} -> {qm.name}")
        subprocess.run([str(tool("pyside6-lrelease")), "-silent", str(ts), "-qm", str(qm)], check=True)


def run_pyinstaller(with_hub: bool, clean: bool) -> Path:
    env = dict(os.environ, VILLAGE_STATION_WITH_HUB="1" if with_hub else "0")
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(WORK), str(ROOT / "installer" / "station.spec")]
    if clean:
        command.insert(3, "--clean")
    print("build: " + " ".join(command))
    result = subprocess.run(command, env=env, cwd=ROOT)
    if result.returncode:
        raise BuildError(f"PyInstaller failed (exit {result.returncode}); its messages are above")
    return DIST / bundle.BUNDLE_NAME


def verify(folder: Path, with_hub: bool) -> None:
    missing = bundle.missing_files(folder, sys.platform, with_hub)
    missing += [f"{component.NAME}/{m}" for m in component.missing_files(folder.parent / component.NAME, sys.platform)]
    left = component.leftovers(folder)
    if left:
        raise BuildError(f"the camera component was not split off: {', '.join(left)} still in {folder}")
    if missing:
        hints = []
        if any("msvcr120" in m for m in missing):
            hints.append("msvcr120.dll comes from the 'Visual C++ Redistributable for Visual Studio 2013' "
                         "(x64): install it on this build PC and build again")
        if any("msvcp140" in m or "vcruntime140" in m for m in missing):
            hints.append("msvcp140/vcruntime140 come from the 'Visual C++ Redistributable 2015-2022' (x64)")
        raise BuildError("the bundle lacks: " + ", ".join(missing) + "".join(f"\n  - {h}" for h in hints))
    print(f"build: bundle complete ({len(bundle.required_files(sys.platform, with_hub))} required files present), "
          f"camera component complete ({len(component.required_files(sys.platform))}), none of it in the base")


def strip_debug_info(folder: Path) -> None:
    """`strip --strip-debug` on the binaries bundle.STRIP_DEBUG names (when `strip` is here)."""
    strip = shutil.which("strip")
    files = bundle.files_to_strip(folder)
    if not bundle.strips_debug_info(sys.platform) or not files:
        return
    if strip is None:
        print("build: no `strip` here (Debian: binutils); Python's debugging information stays in")
        return
    before = sum(f.stat().st_size for f in files)
    subprocess.run([strip, "--strip-debug", *map(str, files)], check=True)
    after = sum(f.stat().st_size for f in files)
    print(f"build: stripped debugging information from {len(files)} of Python's binaries: "
          f"{before / 1024 / 1024:.0f} MB -> {after / 1024 / 1024:.0f} MB")


def find_iscc() -> Path | None:
    on_path = shutil.which("ISCC") or shutil.which("iscc")
    if on_path:
        return Path(on_path)
    return next((p for p in ISCC_PLACES if p.is_file()), None)


def compile_installer(folder: Path) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        print("build: Inno Setup 6 (ISCC.exe) not found: install it to make the Setup.exe; the bundle is ready")
        return None
    version = bundle.project_version()
    command = [str(iscc), f"/DAppVersion={version}", f"/DBundleDir={folder}",
               f"/DCameraDir={folder.parent / component.NAME}", f"/O{DIST}", str(ROOT / "installer" / "station.iss")]
    print("build: " + " ".join(command))
    if subprocess.run(command, cwd=ROOT / "installer").returncode:
        raise BuildError("Inno Setup failed; its messages are above")
    return DIST / f"VillageStation-Setup-{version}.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Village Station bundle (and the Windows installer).")
    parser.add_argument("--with-hub", action="store_true", help="add the county hub's station-hub program")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-installer", action="store_true", help="on Windows: stop after the bundle")
    parser.add_argument("--smoke", action="store_true", help="run installer/smoke.py --strict on the bundle")
    parser.add_argument("--estimate-windows", action="store_true",
                        help="also estimate the Windows bundle's size from the Windows wheels (on Linux)")
    parser.add_argument("--goal-mb", type=float,
                        help="fail if the base bundle (without the camera component) is larger than this many MB")
    args = parser.parse_args(argv)

    started = time.monotonic()
    try:
        check_environment()
        compile_translations()
        folder = run_pyinstaller(args.with_hub, args.clean)
        verify(folder, args.with_hub)
        strip_debug_info(folder)
        print(f"build: built in {time.monotonic() - started:.0f} s")
        camera = folder.parent / component.NAME
        for line in size_report(folder, camera):
            print(f"build: {line}")
        if bundle.is_windows(sys.platform) and not args.no_installer:
            setup = compile_installer(folder)
            if setup:
                print(f"build: installer {setup} ({setup.stat().st_size / 1024 / 1024:.0f} MB)")
    except (BuildError, subprocess.CalledProcessError) as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 1
    status = 0
    if args.smoke:
        from installer import smoke

        status = smoke.main(["--bundle", str(folder), "--camera", str(camera), "--strict"])
    if args.estimate_windows and not bundle.is_windows(sys.platform):
        from installer import estimate_windows

        estimate_windows.main(["--bundle", str(folder), "--camera", str(camera),
                               "--goal-mb", str(args.goal_mb or 150)])
    if args.goal_mb is not None:
        verdict = size_verdict(bundle.folder_size(folder), args.goal_mb)
        print(f"build: base bundle {verdict}; the camera component adds "
              f"{bundle.folder_size(camera) / 1024 / 1024:.0f} MB when ticked")
        status = status or int(verdict.startswith("MISSES"))
    return status


def size_report(folder: Path, camera: Path) -> list[str]:
    """Lines that give the base bundle's size, the camera component's, and their largest parts."""
    mb = 1024 * 1024
    base, cam = bundle.folder_size(folder), bundle.folder_size(camera)

    def parts(where: Path) -> str:
        return ", ".join(f"{name} {n / mb:.0f} MB" for name, n in bundle.largest_parts(where, 8))

    return [
        f"base bundle {folder}: {base / mb:.0f} MB ({base} bytes); largest parts: {parts(folder)}",
        f"camera component {camera}: {cam / mb:.0f} MB ({cam} bytes); largest parts: {parts(camera)}",
        f"a station with the camera component: {(base + cam) / mb:.0f} MB",
    ]


def size_verdict(size: int, goal_mb: float) -> str:
    """One line: the bundle's size against the goal, starting "meets" or "MISSES"."""
    mb = size / 1024 / 1024
    return f"{'meets' if mb <= goal_mb else 'MISSES'} the size goal: {mb:.0f} MB (goal ≤ {goal_mb:g} MB)"


if __name__ == "__main__":
    sys.exit(main())
