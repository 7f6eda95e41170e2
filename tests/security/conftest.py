"""Security tests: each replays an attack on the real program and fails if the attack works.

The hub's (`test_hub_*.py`) run against the real hub on loopback, on SQLite and, where the
attack is about PostgreSQL, on a throwaway cluster: the fixtures are the sync tests' own.
"""

from tests.sync.conftest import (  # noqa: F401 - fixtures the hub's security tests share with the sync tests
    live_hub,
    pg_cluster,
    pg_hub,
    simulated_template,
    station,
    station_file,
)
