"""Smoke test of the frozen Village Station bundle: `python installer/smoke.py [--bundle DIR] [--camera DIR]`.

Runs the built programs (never the source) in temporary data folders, the way a station
PC meets them. Every step runs the base bundle, as installed without the camera component:

  help         station-app --help lists its subcommands
  first run    the desktop program, offscreen, reaches the first-run wizard in Chinese,
               with the stylesheet, Qt's own translations and every native library of the
               bundle working, no OpenCV or numpy anywhere, and the scanner page saying
               that the camera component is missing (reported from inside by
               frozen/smoke_probe.py)
  simulate     a day of station activity, then `check`
  login        the desktop program on that station reaches the login
  new PC       backup, restore into an empty folder, check
  upgrade      the oldest station file kept in tests/fixtures, with machine settings
               added, opens in this build: migrations run, check passes, no event and no
               setting is lost
  scan-image   a generated picture with a Code128 waybill number and a QR code
  print-test   the test page to file:PATH is ESC/POS
  sync         `sync --once`, which the installer's nightly task runs, exists
  hub          station-hub makes an enrolment code, when the bundle has it
  camera       the bundle with the camera component copied in (--camera, as a station PC
               has it after ticking 摄像头扫码): the desktop program reaches the login,
               OpenCV and numpy turn a frame and its code is read, and the scanner page
               offers the camera

Prints one line per step and the sizes; exits 1 if a step failed. A subcommand that this
build does not have yet, or a camera component that is not there, is reported MISSING
(exit 0 unless --strict).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from installer import bundle, component  # noqa: E402

PASS, FAIL, MISSING, SKIP = "PASS", "FAIL", "MISSING", "SKIP"
WAYBILL = "SF1234567890123"
QR_TEXT = "VS-SMOKE-QR-2026"
RUN_TIMEOUT = 180


@dataclass
class Step:
    name: str
    status: str
    detail: str
    seconds: float = 0.0


class Missing(Exception):
    """The bundle's station-app has no such subcommand (yet)."""


class Failed(Exception):
    pass


# --- pieces that need no bundle (tests/installer/test_smoke.py covers them) ----------------

WINDOWED = "station-app (windowed)"


def program_path(bundle_dir: Path, name: str, platform: str = sys.platform) -> Path:
    """The program to run for `name`. Commands run, on Windows, through the console twin of
    the windowed station-app (station-app-cli.exe), whose output can be read; the desktop
    program (WINDOWED) through the windowed one that the shortcuts start."""
    if name == WINDOWED:
        name = "station-app"
    elif bundle.is_windows(platform) and name == "station-app":
        name = "station-app-cli"
    return bundle_dir / bundle.exe_name(name, platform)


def subcommands_in_help(text: str) -> set[str]:
    """The subcommands listed under "positional arguments" in argparse's `--help`, whether
    shown one per line (with a metavar) or as {simulate,check,...}."""
    names: set[str] = set()
    inside = False
    for line in text.splitlines():
        if line.startswith("positional arguments"):
            inside = True
        elif inside and line and not line[0].isspace():
            break
        elif inside and (braces := re.match(r"^ {2}\{([a-z0-9_,-]+)\}", line)):
            names.update(braces.group(1).split(","))
        elif inside and (one := re.match(r"^ {4}([a-z][a-z0-9-]*)(?:\s|$)", line)):
            names.add(one.group(1))
    return names


def is_missing_subcommand(stderr: str, name: str) -> bool:
    """argparse's complaint about an unknown subcommand."""
    return "invalid choice" in stderr and f"'{name}'" in stderr


def parse_scan_output(stdout: str) -> list[tuple[str, str]]:
    """`scan-image` prints FORMAT<TAB>TEXT per code."""
    out = []
    for line in stdout.splitlines():
        fmt, tab, text = line.partition("\t")
        if tab:
            out.append((fmt.strip(), text.rstrip("\r")))
    return out


def escpos_problem(data: bytes) -> str | None:
    """Why `data` is not a plausible ESC/POS job (None = it is): not empty, starts by
    initialising the printer (ESC @) and contains printable text."""
    if not data:
        return "the output file is empty"
    if not data.startswith(b"\x1b@"):
        return f"does not start with ESC @ (starts {data[:8].hex(' ')})"
    if not re.search(rb"[\x20-\x7e]{4}", data):
        return "has no text"
    return None


def probe_problems(report: dict[str, Any], window: str, camera: bool = False) -> list[str]:
    """What is wrong in a smoke_probe report, expecting the first window `window`, and the
    camera component installed and working (`camera`) or absent and said to be absent."""
    problems = []
    if report.get("window") != window:
        extra = f": {report.get('text') or report.get('error') or ''}".rstrip(": ")
        problems.append(f"first window is {report.get('window')}, not {window}{extra}")
    if not report.get("frozen"):
        problems.append("not running frozen")
    if report.get("platform") != "offscreen":
        problems.append(f"Qt platform {report.get('platform')!r}, not offscreen")
    if not re.search(r"[\u4e00-\u9fff]", report.get("title", "")):
        problems.append(f"window title {report.get('title')!r} is not Chinese: station_zh_CN.qm not loaded")
    if not report.get("stylesheet_chars"):
        problems.append("no stylesheet (assets/style.qss)")
    if not report.get("qtbase_zh_CN"):
        problems.append("Qt's own Chinese translation (qtbase_zh_CN.qm) missing")
    for name, result in sorted(report.get("libraries", {}).items()):
        if not str(result).startswith("ok"):
            problems.append(f"{name}: {result}")
    return problems + camera_problems(report, camera)


def camera_problems(report: dict[str, Any], camera: bool) -> list[str]:
    """What is wrong with the camera component in a smoke_probe report."""
    found = report.get("camera", {})
    page = report.get("scanner_page", {})
    if "error" in page:
        return [f"the scanner page does not open: {page['error']}"]
    problems = []
    if camera:
        if not str(found.get("check")).startswith("ok"):
            problems.append(f"camera component: {found.get('check')} (missing: {found.get('missing')})")
        if not page.get("open_camera_enabled") or page.get("camera_missing"):
            problems.append(f"the scanner page does not offer the camera: {page.get('camera_missing')!r}")
    else:
        if sorted(found.get("missing", [])) != sorted(component.PACKAGES):
            problems.append(f"the base bundle carries part of the camera component: only {found.get('missing')} "
                            f"of {', '.join(component.PACKAGES)} are missing")
        if page.get("open_camera_enabled") or not page.get("camera_missing"):
            problems.append("the scanner page offers the camera without the camera component, "
                            "instead of saying that it is missing")
    return problems


def events_digest(path: Path) -> tuple[int, str]:
    """(number of events, hash over their ids and hashes): equal before and after an upgrade
    when no record was lost or changed."""
    conn = sqlite3.connect(str(path))
    try:
        rows = conn.execute("SELECT id, hash FROM events ORDER BY seq").fetchall()
    finally:
        conn.close()
    h = hashlib.sha256()
    for event_id, event_hash in rows:
        h.update(f"{event_id}:{event_hash}\n".encode())
    return len(rows), h.hexdigest()


def table_rows(path: Path, table: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(str(path))
    try:
        return sorted(conn.execute(f"SELECT * FROM {table}").fetchall())
    finally:
        conn.close()


def make_scan_picture(path: Path) -> list[tuple[str, str]]:
    """A PNG with a Code128 waybill number and a QR code, like a phone photo of a label but
    clean; returns the codes in it as scan-image prints them."""
    import qrcode
    from PIL import Image, ImageDraw

    from printer import code128

    bars = code128.encode(WAYBILL).modules()
    module, height, quiet = 3, 120, 30
    code_w = len(bars) * module + 2 * quiet
    qr = qrcode.QRCode(border=4, box_size=8)
    qr.add_data(QR_TEXT)
    qr_img = qr.make_image().get_image().convert("L")
    picture = Image.new("L", (max(code_w, qr_img.width) + 40, height + qr_img.height + 100), 255)
    draw = ImageDraw.Draw(picture)
    for i, bit in enumerate(bars):
        if bit == "1":
            x = 20 + quiet + i * module
            draw.rectangle([x, 30, x + module - 1, 30 + height], fill=0)
    picture.paste(qr_img, (20, height + 70))
    picture.save(path)
    return [("Code128", WAYBILL), ("QRCode", QR_TEXT)]


def human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


# --- running the bundle ---------------------------------------------------------------------

class Smoke:
    def __init__(self, bundle_dir: Path, work: Path, fixture: Path | None, camera_dir: Path | None = None) -> None:
        self.bundle = bundle_dir
        self.work = work
        self.fixture = fixture
        self.camera_dir = camera_dir
        self.steps: list[Step] = []
        self.subcommands: set[str] = set()
        self.env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
        # keep the program's caches and logs inside the work folder
        self.env["XDG_CACHE_HOME"] = str(work / "cache")
        self.env["XDG_STATE_HOME"] = str(work / "state")
        self.env.pop(bundle.SMOKE_ENV, None)

    def run(self, *args: str, program: str = "station-app", env: dict[str, str] | None = None,
            timeout: int = RUN_TIMEOUT, bundle_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
        exe = program_path(bundle_dir or self.bundle, program)
        result = subprocess.run([str(exe), *args], capture_output=True, text=True, encoding="utf-8",
                                errors="replace", env=env or self.env, timeout=timeout, cwd=self.work)
        if result.returncode == 2 and args and is_missing_subcommand(result.stderr, args[0]):
            raise Missing(f"this build's station-app has no `{args[0]}` subcommand yet")
        return result

    def expect_ok(self, *args: str, program: str = "station-app") -> subprocess.CompletedProcess[str]:
        result = self.run(*args, program=program)
        if result.returncode != 0:
            raise Failed(f"`{program} {' '.join(args)}` exited {result.returncode}: "
                         f"{(result.stderr or result.stdout).strip()[-400:]}")
        return result

    def step(self, name: str, action: Callable[[], str]) -> None:
        started = time.monotonic()
        try:
            status, detail = PASS, action()
        except Missing as exc:
            status, detail = MISSING, str(exc)
        except (Failed, subprocess.TimeoutExpired, OSError, sqlite3.Error, ValueError) as exc:
            status, detail = FAIL, str(exc)
        self.steps.append(Step(name, status, detail, time.monotonic() - started))
        s = self.steps[-1]
        print(f"{s.status:8} {s.name:12} {s.seconds:6.1f}s  {s.detail}", flush=True)

    # the steps

    def help(self) -> str:
        result = self.expect_ok("--help")
        self.subcommands = subcommands_in_help(result.stdout)
        return "subcommands: " + ", ".join(sorted(self.subcommands))

    def gui(self, data: Path, window: str, *, bundle_dir: Path | None = None, camera: bool = False) -> str:
        report_path = self.work / f"probe-{window}.json"
        report_path.unlink(missing_ok=True)
        env = dict(self.env, **{bundle.SMOKE_ENV: str(report_path)})
        result = self.run("--data-dir", str(data), env=env, program=WINDOWED, bundle_dir=bundle_dir)
        if not report_path.exists():
            raise Failed(f"no window reported (exit {result.returncode}): {result.stderr.strip()[-400:]}")
        report = json.loads(report_path.read_text("utf-8"))
        problems = probe_problems(report, window, camera)
        if result.returncode != 0:
            problems.append(f"exit {result.returncode} after closing the window")
        if problems:
            raise Failed("; ".join(problems))
        libs = ", ".join(f"{k} {v.removeprefix('ok: ')}" for k, v in sorted(report["libraries"].items()))
        cam = (report["camera"]["check"].removeprefix("ok: ") if camera
               else f"no camera component, the scanner page says «{report['scanner_page']['camera_missing']}»")
        return f"{report['window']} «{report['title']}» on {report['platform']}; {libs}; {cam}"

    def first_run(self) -> str:
        data = self.work / "station"
        detail = self.gui(data, "FirstRunWizard")
        if not (data / "station.sqlite").is_file():
            raise Failed("the station file was not created")
        return detail

    def simulate(self) -> str:
        data = self.work / "station"
        summary = json.loads(self.expect_ok("simulate", "--days", "1", "--data-dir", str(data)).stdout.strip()
                             .splitlines()[-1])
        checked = self.expect_ok("check", "--data-dir", str(data)).stdout.strip()
        return f"{json.dumps(summary, ensure_ascii=False)[:160]}; {checked}"

    def login(self) -> str:
        return self.gui(self.work / "station", "LoginDialog")

    def new_pc(self) -> str:
        copy = self.work / "usb-stick" / "station-backup.sqlite"
        self.expect_ok("backup", str(copy), "--data-dir", str(self.work / "station"))
        new_pc = self.work / "new-pc"
        # a new PC has no data folder until the program first starts; `restore` does not
        # make it yet (reported to the lead), and the first-run wizard's restore has one
        new_pc.mkdir()
        self.expect_ok("restore", str(copy), "--data-dir", str(new_pc))
        checked = self.expect_ok("check", "--data-dir", str(new_pc)).stdout.strip()
        before = events_digest(self.work / "station" / "station.sqlite")
        after = events_digest(new_pc / "station.sqlite")
        if before != after:
            raise Failed(f"events differ after restore: {before[0]} -> {after[0]}")
        return f"{after[0]} events restored; {checked}"

    def upgrade(self) -> str:
        if self.fixture is None or not self.fixture.is_file():
            raise Missing(f"no old station file at {self.fixture}")
        data = self.work / "old-station"
        data.mkdir()
        path = data / "station.sqlite"
        shutil.copy(self.fixture, path)
        conn = sqlite3.connect(str(path))
        with conn:  # machine settings of the old PC (never events: the chain stays as it was)
            conn.execute("INSERT OR REPLACE INTO local_settings (key, value) VALUES "
                         "('setting:printer.spec', '\"win:XP-58\"'), ('setting:ui.font_size', '18')")
        conn.close()
        events_before = events_digest(path)
        settings_before = table_rows(path, "local_settings")
        station_settings_before = table_rows(path, "settings")
        migrations_before = len(table_rows(path, "_sqlite_migrations"))
        checked = self.expect_ok("check", "--data-dir", str(data)).stdout.strip()
        if events_digest(path) != events_before:
            raise Failed(f"events changed by the upgrade: {events_before[0]} -> {events_digest(path)[0]}")
        settings_after = table_rows(path, "local_settings")
        lost = [row for row in settings_before if row not in settings_after]
        lost += [row for row in station_settings_before if row not in table_rows(path, "settings")]
        if lost:
            raise Failed(f"settings lost by the upgrade: {lost}")
        migrations_after = len(table_rows(path, "_sqlite_migrations"))
        backups = sorted(p.name for p in data.rglob("*.sqlite") if p != path)
        return (f"{self.fixture.name}: migrations {migrations_before} -> {migrations_after}, "
                f"{events_before[0]} events and {len(settings_before)} machine settings kept; {checked}; "
                f"backup taken before migrating: {', '.join(backups) or 'none'}")

    def scan_image(self) -> str:
        picture = self.work / "label.png"
        expected = make_scan_picture(picture)
        result = self.run("scan-image", str(picture))
        found = parse_scan_output(result.stdout)
        if result.returncode != 0 or sorted(found) != sorted(expected):
            raise Failed(f"exit {result.returncode}, read {found}, expected {expected}: {result.stderr.strip()[-300:]}")
        return "read " + ", ".join(f"{f} {t}" for f, t in found)

    def print_test(self) -> str:
        out = self.work / "receipt.bin"
        result = self.run("print-test", "--printer", f"file:{out}", "--data-dir", str(self.work / "station"))
        if result.returncode != 0:
            raise Failed(f"exit {result.returncode}: {(result.stderr or result.stdout).strip()[-400:]}")
        problem = escpos_problem(out.read_bytes() if out.exists() else b"")
        if problem:
            raise Failed(problem)
        return f"{out.stat().st_size} bytes of ESC/POS; {result.stdout.strip()[:120]}"

    def nightly_sync(self) -> str:
        result = self.expect_ok("sync", "--help")
        if "--once" not in result.stdout:
            raise Failed("`station-app sync` has no --once option, which the installer's nightly task runs")
        # no hub here: an unenrolled station must say so in its JSON line, not crash
        result = self.run("sync", "--once", "--json", "--data-dir", str(self.work / "station"))
        lines = result.stdout.strip().splitlines()
        try:
            state = json.loads(lines[-1]) if lines else {}
        except json.JSONDecodeError:
            state = {}
        if result.returncode not in (0, 1, 2, 3) or "ok" not in state:
            raise Failed(f"sync --once --json exited {result.returncode}: {(result.stderr or result.stdout).strip()[-400:]}")
        return (f"sync --once (the nightly task) ran without a hub: exit {result.returncode}, "
                f"{state.get('error') or 'ok'}, {state.get('pending')} events pending")

    def hub(self) -> str:
        if not program_path(self.bundle, "station-hub").exists():
            return "not in this bundle (build.py --with-hub adds it)"
        db = f"sqlite:///{(self.work / 'hub.sqlite').as_posix()}"
        out = self.expect_ok("enroll-code", "--station", "烟测站", "--db", db, program="station-hub").stdout
        code = out.strip().splitlines()[-1] if out.strip() else ""
        if not re.fullmatch(r"[A-Z0-9-]{6,}", code):
            raise Failed(f"enroll-code printed {out!r}")
        return f"station-hub made a county database and the enrolment code {code}"

    def camera(self) -> str:
        if self.camera_dir is None or not self.camera_dir.is_dir():
            raise Missing(f"no camera component at {self.camera_dir} (build.py makes dist/{component.NAME})")
        merged = component.merged(self.bundle, self.camera_dir, self.work / "with-camera")
        return f"with {self.camera_dir.name} copied in: " + self.gui(
            self.work / "station", "LoginDialog", bundle_dir=merged, camera=True)

    def run_all(self) -> list[Step]:
        self.step("help", self.help)
        self.step("first run", self.first_run)
        self.step("simulate", self.simulate)
        self.step("login", self.login)
        self.step("new PC", self.new_pc)
        self.step("upgrade", self.upgrade)
        self.step("scan-image", self.scan_image)
        self.step("print-test", self.print_test)
        self.step("sync", self.nightly_sync)
        self.step("hub", self.hub)
        self.step("camera", self.camera)
        return self.steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / bundle.BUNDLE_NAME)
    parser.add_argument("--camera", type=Path, default=ROOT / "dist" / component.NAME,
                        help="the camera component built beside the bundle")
    parser.add_argument("--fixture", type=Path, default=ROOT / "tests" / "fixtures" / "station-v0.1.0.sqlite",
                        help="an old station file for the upgrade step")
    parser.add_argument("--strict", action="store_true", help="a MISSING subcommand fails the smoke test")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where")
    args = parser.parse_args(argv)

    if not program_path(args.bundle, "station-app").exists():
        print(f"smoke: no bundle at {args.bundle} (build it: python installer/build.py)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="station-smoke-"))
    try:
        steps = Smoke(args.bundle.resolve(), work, args.fixture, args.camera.resolve()).run_all()
    finally:
        if args.keep:
            print(f"smoke: temporary files kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    size = bundle.folder_size(args.bundle)
    parts = ", ".join(f"{name} {human_size(n)}" for name, n in bundle.largest_parts(args.bundle, 6))
    print(f"bundle: {args.bundle} {human_size(size)} ({size} bytes); largest: {parts}")
    if args.camera.is_dir():
        size = bundle.folder_size(args.camera)
        print(f"camera component: {args.camera} {human_size(size)} ({size} bytes)")
    counts = {s: sum(1 for step in steps if step.status == s) for s in (PASS, FAIL, MISSING)}
    print(f"smoke: {counts[PASS]} steps passed, {counts[FAIL]} failed, {counts[MISSING]} missing")
    if counts[FAIL] or (args.strict and counts[MISSING]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
