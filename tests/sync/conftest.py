"""Sync tests run the real hub (uvicorn on a loopback port) and real station files.

A simulated station is made once per session and copied for each test that needs one.
PostgreSQL tests get a throwaway cluster in a temporary folder (skipped, with the reason,
only when the PostgreSQL server programs are not installed; under CI=true that fails them).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from station_app.db import StationDB, open_station
from sync.client import BatchSize
from sync.link import Retry
from sync.testing import stations
from sync.testing.live_hub import LiveHub
from sync.testing.pg_cluster import PgCluster, unavailable_reason
from tests.ci import missing


def fast_retry(attempts: int | None = 8) -> Retry:
    """Retries that do not slow the tests down (the backoff shape is the same)."""
    return Retry(attempts=attempts, base=0.002, cap=0.02)


SHORT = (3.0, 5.0)  # connect and read timeouts on loopback


@pytest.fixture(scope="session")
def simulated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two days of a busy station (parcels, bills, people, cash), made once."""
    return stations.simulated_file(tmp_path_factory.mktemp("template") / "station.sqlite", days=2, seed=5)


@pytest.fixture
def station_file(tmp_path: Path, simulated_template: Path) -> Path:
    path = tmp_path / "station" / "station.sqlite"
    path.parent.mkdir()
    shutil.copyfile(simulated_template, path)
    return path


@pytest.fixture
def station(station_file: Path) -> Iterator[StationDB]:
    db = open_station(station_file)
    yield db
    db.close()


@pytest.fixture
def live_hub(tmp_path: Path) -> Iterator[LiveHub]:
    with LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite'}") as hub:
        yield hub


@pytest.fixture
def enrolled(live_hub: LiveHub, station: StationDB) -> StationDB:
    """The simulated station, enrolled with the live hub (nothing sent yet)."""
    assert live_hub.hub is not None
    stations.enroll(live_hub.hub, live_hub.url, station, "幸福村电商服务站")
    return station


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    reason = unavailable_reason()
    if reason:
        missing(reason)
    with PgCluster() as cluster:
        yield cluster


@pytest.fixture
def pg_hub(pg_cluster: PgCluster) -> Iterator[LiveHub]:
    with LiveHub(pg_cluster.create_database()) as hub:
        yield hub


def small_batches() -> BatchSize:
    return BatchSize(size=20, high=80)
