"""The simulated station keeps a real station's day: one cash day per local day, opened first and
closed last, everything else inside opening hours, and the same seed gives the same file."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest

from station_app.clock import SHANGHAI, parse_iso
from station_app.core import simulate
from station_app.db import open_station

END = datetime(2026, 6, 1, tzinfo=UTC)  # the week runs Monday 25 May to Sunday 31 May (a stock-take, the Sunday clear-out)
DAYS = 7
SEED = 2  # a week with a training session, proxy orders and an online order
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TRACE_CODE = re.compile(r"\b[0-9A-Z]{5}(\d{9})[0-9A-Z]{6}\b")  # station tag and MAC come from the station's random salt
SECRETS = {"id_salt", "pin_salt", "pin_hash", "id_hash", "card_hash"}  # and the keyed hashes of ID and card numbers


def simulated_week(path: Any) -> Any:
    db = open_station(path)
    simulate.run(db, DAYS, seed=SEED, end=END)
    return db


@pytest.fixture(scope="module")
def week(tmp_path_factory):
    db = simulated_week(tmp_path_factory.mktemp("week") / "station.sqlite")
    yield db
    db.close()


def local(text: str) -> datetime:
    return parse_iso(text).astimezone(SHANGHAI)


def minute_of_day(text: str) -> int:
    t = local(text)
    return t.hour * 60 + t.minute


def test_each_cash_day_has_one_label_day_and_is_opened_and_closed_once(week):
    periods = week.rows("SELECT * FROM cash_periods ORDER BY opened_at")
    assert len(periods) == DAYS
    assert len({p["label_day"] for p in periods}) == DAYS
    opened = Counter(r["entity_id"] for r in week.rows("SELECT entity_id FROM events WHERE kind = 'cash.day_opened'"))
    closed = Counter(r["entity_id"] for r in week.rows("SELECT entity_id FROM events WHERE kind = 'cash.day_closed'"))
    for p in periods:
        assert p["status"] == "closed"
        assert (opened[p["id"]], closed[p["id"]]) == (1, 1), p["label_day"]
        assert local(p["opened_at"]).date().isoformat() == p["label_day"] == local(p["closed_at"]).date().isoformat()
    assert set(opened) == set(closed) == {p["id"] for p in periods}
    # the ledger balances, each transaction and as a whole
    assert week.value("SELECT count(*) FROM (SELECT txn_id FROM cash_entries GROUP BY txn_id HAVING sum(amount) != 0)") == 0
    assert week.value("SELECT coalesce(sum(amount), 0) FROM cash_entries") == 0


def test_everything_happens_in_opening_hours_and_the_close_comes_last(week):
    rows = week.rows("SELECT seq, kind, station_time FROM events ORDER BY seq")
    days: dict[str, list[Any]] = {}
    for r in rows:
        days.setdefault(local(r["station_time"]).date().isoformat(), []).append(r)
    assert len(days) == DAYS
    for day, evs in days.items():
        assert evs[0]["kind"] in ("station.created", "cash.day_opened"), day
        assert evs[-1]["kind"] == "cash.day_closed", day
        close = evs[-1]["station_time"]
        assert minute_of_day(close) == simulate.CLOSES
        for r in evs[:-1]:
            assert simulate.OPENS <= minute_of_day(r["station_time"]) < simulate.CLOSES, (r["kind"], r["station_time"])
            assert r["kind"] != "cash.day_closed"
            assert r["station_time"] <= close
    closes = {r["label_day"]: r["closed_at"] for r in week.rows("SELECT label_day, closed_at FROM cash_periods")}
    late = [(r["kind"], r["station_time"]) for r in rows if r["kind"].split(".")[0] in ("consign", "bill", "order")
            and r["station_time"] >= closes[local(r["station_time"]).date().isoformat()]]
    assert late == []
    # what the county sends arrives during the day too
    for r in week.rows("SELECT kind, hub_time FROM hub_events"):
        assert simulate.OPENS <= minute_of_day(r["hub_time"]) < simulate.CLOSES, (r["kind"], r["hub_time"])
    services = {r["kind"].split(".")[0] for r in rows}
    assert {"parcel", "outbound", "bill", "consign", "order", "training", "cash", "person"} <= services


def comparable(db: Any) -> list[Any]:
    """Every event and county event in order, with ids numbered by first use and the station's
    random secrets (and what is made from them) left out."""
    ids: dict[str, str] = {}

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if k not in SECRETS}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, str):
            value = UUID.sub(lambda m: ids.setdefault(m.group(0), f"#{len(ids)}"), value)
            return TRACE_CODE.sub(r"code-\1", value)
        return value

    out = [plain([r["kind"], r["entity_id"], json.loads(r["payload"]), r["operator_id"], r["station_time"]])
           for r in db.rows("SELECT * FROM events ORDER BY seq")]
    out += [plain([r["kind"], r["entity_id"], json.loads(r["payload"]), r["hub_time"]])
            for r in db.rows("SELECT * FROM hub_events ORDER BY hub_seq")]
    return out


def test_the_same_seed_makes_the_same_events(week, tmp_path):
    again = simulated_week(tmp_path / "station.sqlite")
    try:
        first, second = comparable(week), comparable(again)
        assert len(first) == len(second)
        for a, b in zip(first, second, strict=True):
            assert a == b
    finally:
        again.close()
