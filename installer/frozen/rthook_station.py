"""PyInstaller runtime hook: runs in the frozen bundle before station-app's own code.

- python-escpos finds its printer database (capabilities.json) through
  ESCPOS_CAPABILITIES_FILE; a frozen build has no package folder for importlib_resources
  to look in (python-escpos #343, #391, #556). Its parsed-file cache goes to a fixed folder
  instead of a new temp folder on every start.
- The windowed Windows program (shortcuts, the nightly `sync --once` task) has no
  stdout/stderr; its output and any traceback go to a log file in the user's data area,
  where a technician can read them.
Never stops the program: whatever fails here is left as it was.
"""

import contextlib
import os
import sys

LOG_LIMIT_BYTES = 1_000_000


def _escpos() -> None:
    base = getattr(sys, "_MEIPASS", None)
    if not base:
        return
    capabilities = os.path.join(base, "escpos", "capabilities.json")
    if os.path.isfile(capabilities):
        os.environ.setdefault("ESCPOS_CAPABILITIES_FILE", capabilities)
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        import platformdirs

        cache = os.path.join(platformdirs.user_cache_dir("VillageStation", "VillageStation"), "escpos")
        os.makedirs(cache, exist_ok=True)
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = cache


def _windowed_output() -> None:
    if sys.stdout is not None and sys.stderr is not None:
        return
    import platformdirs

    folder = platformdirs.user_log_dir("VillageStation", "VillageStation")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "station-app.log")
    try:
        if os.path.getsize(path) > LOG_LIMIT_BYTES:
            os.replace(path, path + ".1")
    except OSError:  # no log yet, or the other program has it open
        pass
    log = open(path, "a", encoding="utf-8", errors="backslashreplace", buffering=1)  # noqa: SIM115 (open for the process's life)
    import time

    log.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} pid {os.getpid()}: {' '.join(sys.argv[1:]) or '(desktop)'}\n")
    if sys.stdout is None:
        sys.stdout = log
    if sys.stderr is None:
        sys.stderr = log


for _step in (_escpos, _windowed_output):
    with contextlib.suppress(Exception):  # a runtime hook must never stop the program
        _step()
