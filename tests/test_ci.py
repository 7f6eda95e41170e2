"""A test whose outside program is missing skips on a PC and fails under CI=true (tests/ci.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ci import missing

ROOT = Path(__file__).resolve().parent.parent


def test_missing_skips_here_and_fails_under_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no PostgreSQL"):
        missing("no PostgreSQL")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no PostgreSQL"):
        missing("no PostgreSQL")


def test_the_tls_tests_fail_under_ci_without_openssl(tmp_path):
    """The TLS tests, run under CI=true with a PATH where no openssl is found, fail and say why."""
    env = os.environ | {"CI": "true", "PATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rE",
                             "tests/sync/test_tls.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    summary = result.stdout.strip().splitlines()[-1]
    assert result.returncode == 1 and "error" in summary and "passed" not in summary, result.stdout
    assert "the openssl command is not installed" in result.stdout and "CI=true" in result.stdout
