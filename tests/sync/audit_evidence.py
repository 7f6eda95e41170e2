"""Shared steps of the audit-evidence tests (issue 21): a county hub with staff, stations enrolled
and synced, real image files as a webcam would save them, the dashboard logged in."""

from __future__ import annotations

import re
from pathlib import Path

import requests
from PIL import Image

from station_app.clock import local_day
from sync.hub import roles, targets
from sync.testing.live_hub import LiveHub

STAFF, PASSWORD = "县运营中心", "secret-pass-1"
COUNTY = "360735"  # 石城县


def photo(folder: Path, name: str, colour: tuple[int, int, int]) -> Path:
    """A real JPEG (a webcam frame saved to a file), different bytes for each colour."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.jpg"
    Image.new("RGB", (64, 48), colour).save(path, "JPEG")
    return path


def county_sets(live: LiveHub, values: dict[str, object]) -> None:
    """The county sets its settings for every station (`station-hub set-target`)."""
    assert live.hub is not None
    for key, value in values.items():
        targets.set_value(live.hub, key, value, STAFF)


def this_quarter(live: LiveHub) -> str:
    assert live.hub is not None
    today = local_day(live.hub.clock.now())
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"


def logged_in(live: LiveHub, name: str = STAFF, role: str | None = None) -> tuple[requests.Session, str]:
    """A county staff member's browser session on the dashboard (an admin unless `role`) and its CSRF token."""
    assert live.hub is not None
    live.hub.add_admin(name, PASSWORD)
    if role is not None:
        roles.set_role(live.hub, name, role, STAFF)
    browser = requests.Session()
    answer = browser.post(f"{live.url}/dashboard/login", data={"name": name, "password": PASSWORD},
                          allow_redirects=False, timeout=10)
    assert answer.status_code == 303, answer.text
    page = browser.get(f"{live.url}/dashboard/logout", timeout=10)
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert found is not None
    return browser, found.group(1)
