"""`station-hub` and `station-app enroll|sync` from the command line."""

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from station_app import cli as station_cli
from sync.hub import cli as hub_cli
from sync.lock import SyncLock


def test_station_hub_enroll_code_prints_the_code_alone_on_its_last_line(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    assert hub_cli.main(["enroll-code", "--station", "幸福村电商服务站", "--village", "幸福村", "--db", url]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", out[-1])
    password = tmp_path / "pw"
    password.write_text("a long enough secret\n", encoding="utf-8")
    assert hub_cli.main(["add-admin", "wangli", "--password-file", str(password), "--db", url]) == 0
    password.write_text("short", encoding="utf-8")
    assert hub_cli.main(["add-admin", "wangli", "--password-file", str(password), "--db", url]) == 2
    assert "8 characters" in capsys.readouterr().err
    assert hub_cli.main(["revoke", "nobody", "--db", url]) == 0
    assert hub_cli.main(["serve", "--cert", "x.pem", "--db", url]) == 2  # a certificate needs its key


def test_station_app_enroll_and_sync_once_json(live_hub, simulated_template, tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(simulated_template, data / "station.sqlite")
    _, code = live_hub.hub.enroll_code("幸福村电商服务站")
    assert station_cli.main(["enroll", "--hub", live_hub.url, "--code", code, "--data-dir", str(data)]) == 0
    assert "enrolled" in capsys.readouterr().out
    assert station_cli.main(["sync", "--once", "--json", "--data-dir", str(data)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    report = json.loads(lines[0])
    for key in ("station_id", "acked_seq", "pending", "pulled", "hub_time", "clock_offset_ms", "reconcile"):
        assert key in report, key
    assert report["pending"] == 0 and report["ok"] is True

    with SyncLock(data / "station.sqlite"):
        assert station_cli.main(["sync", "--once", "--data-dir", str(data)]) == 3
    live_hub.hub.revoke(report["station_id"])
    assert station_cli.main(["sync", "--once", "--json", "--data-dir", str(data)]) == 2
    failed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert failed["ok"] is False and failed["error"] == "bad_token"
    live_hub.stop()
    assert station_cli.main(["sync", "--once", "--data-dir", str(data)]) == 1
    assert "station-app sync:" in capsys.readouterr().err


def test_station_app_enroll_refuses_plain_http_to_another_machine(simulated_template, tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(simulated_template, data / "station.sqlite")
    assert station_cli.main(["enroll", "--hub", "http://10.9.8.7:8765", "--code", "X", "--data-dir", str(data)]) == 2
    assert "https" in capsys.readouterr().err


def test_sync_of_a_missing_station_file_is_a_clear_error(tmp_path, capsys):
    assert station_cli.main(["sync", "--once", "--data-dir", str(tmp_path / "none")]) == 2
    assert "station" in capsys.readouterr().err.lower()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_station_hub_serve_runs_the_hub(backend, request, tmp_path):
    url = request.getfixturevalue("pg_cluster").create_database() if backend == "postgres" else \
        f"sqlite:///{tmp_path / 'hub.sqlite'}"
    from sync.testing.pg_cluster import free_port

    port = free_port()
    script = Path(sys.executable).parent / "station-hub"
    command = [str(script)] if script.exists() else [sys.executable, "-c", "import sys; from sync.hub.cli import main; sys.exit(main())"]
    server = subprocess.Popen([*command, "serve", "--demo", "--db", url, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = requests.get(f"http://127.0.0.1:{port}/v1/health", timeout=1)
                break
            except requests.ConnectionError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read() if server.stderr else ""
                time.sleep(0.1)
        assert health.json()["ok"] is True
    finally:
        server.terminate()
        server.wait(10)
