"""Every test gets its own real station file in a temp folder and a clock it controls."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from station_app import i18n
from station_app.clock import FixedClock
from station_app.core.operators import OPERATOR, add_operator
from station_app.core.station import create_station
from station_app.db import open_station

START = datetime(2026, 11, 2, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai


@pytest.fixture(autouse=True)
def _language():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("zh_CN")


@pytest.fixture
def clock():
    return FixedClock(START)


@pytest.fixture
def db(tmp_path, clock):
    database = open_station(tmp_path / "station.sqlite", clock=clock)
    yield database
    database.close()


@pytest.fixture
def manager(db):
    _, mgr = create_station(db, name="幸福村电商服务站", village="幸福村", county="示范县",
                            manager_name="王建国", manager_pin="1234")
    return mgr


@pytest.fixture
def operator(db, manager):
    return add_operator(db, manager, name="李秀英", role=OPERATOR, pin="5678")
