"""Outside programs some tests need: a PostgreSQL server, the openssl command, Chromium with
its driver.

On a developer's PC a test whose program is missing is skipped, with the reason. Under CI=true
(`.ci/run`, and every CI service) it fails instead: a green CI run means every test ran, so
"tested on PostgreSQL" cannot be green without PostgreSQL.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def on_ci() -> bool:
    """Whether this run is CI's (CI=true, as .ci/run and CI services set it)."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing(reason: str) -> NoReturn:
    """The test cannot run here because of `reason`: skip it, or under CI=true fail it."""
    if on_ci():
        pytest.fail(f"{reason} (CI=true: a test that cannot run here is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)
