"""Issue 20: the county overview reads every station's month from the hub's figures store and
computes again only the stations whose stamp moved; the figures are the station's own to the fen."""

import json
import threading

import pytest

from station_app.core import reports
from station_app.core.events import canonical
from sync.hub import figures
from sync.hub import shadows as shadows_mod
from sync.hub.county_report import county_month
from sync.hub.shadows import Shadows
from sync.testing.live_hub import LiveHub
from tests.sync import county as county_mod
from tests.sync.county import MONTH


def plain(obj):
    return json.loads(json.dumps(obj, ensure_ascii=False))


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    return county_mod.county(tmp_path_factory.getbasetemp() / "county-base", tmp_path_factory.mktemp("hub-figures"))


@pytest.fixture(scope="module")
def live(place):
    with LiveHub(place.hub_url) as hub:
        yield hub


@pytest.fixture
def shadows(live, tmp_path):
    s = Shadows(live.hub, tmp_path / "shadows")
    yield s
    s.close()


def test_every_stamp_read_at_once_is_each_stations_own(live, shadows):
    found = figures.stamps(live.hub)
    assert len(found) >= 2
    for station_id, stamp in found.items():
        assert stamp == canonical(shadows.stamp(station_id))


def test_the_overview_computes_a_station_once_until_its_stamp_moves(place, live, shadows, monkeypatch):
    figures.forget(live.hub)
    first = county_month(shadows, MONTH)
    kept = figures.stored(live.hub, MONTH)
    assert set(kept) >= set(place.ids.values())
    for key in ("a", "b"):
        db = place.station(key)
        try:
            mine = plain(reports.monthly_report(db, MONTH))
        finally:
            db.close()
        assert plain(kept[place.ids[key]][1].report) == mine  # the kept figures are the station's own

    def refuse(*_args, **_kwargs):
        raise AssertionError("a station whose stamp did not move was computed again")

    with monkeypatch.context() as m:  # warm: nothing is folded or computed, the same answer
        m.setattr(Shadows, "monthly", refuse)
        m.setattr(Shadows, "view", refuse)
        assert plain(county_month(shadows, MONTH)) == plain(first)

    computed = []
    real = Shadows.monthly

    def counting(self, station_id, month):
        computed.append(station_id)
        return real(self, station_id, month)

    monkeypatch.setattr(Shadows, "monthly", counting)
    monkeypatch.setattr(figures, "CODE", "another-program")  # an upgrade: every stamp moves
    again = county_month(shadows, MONTH)
    assert sorted(computed) == sorted(place.ids.values())
    assert plain(again["total"]) == plain(first["total"])


def test_after_an_upgrade_the_overview_shows_the_previous_figures_while_they_are_computed_again(
        place, live, shadows, monkeypatch):
    first = plain(county_month(shadows, MONTH))
    monkeypatch.setattr(figures, "CODE", "the-next-program")  # an upgrade that changed the station's core
    monkeypatch.setattr(shadows_mod, "CODE", "the-next-program")
    gate = threading.Event()
    real = figures.month_figures

    def held(*args, **kwargs):
        assert gate.wait(120)
        return real(*args, **kwargs)

    monkeypatch.setattr(figures, "month_figures", held)  # the background work waits until the page was served
    served = plain(county_month(shadows, MONTH, stale_ok=True))
    counted = [s for s in served["stations"] if s["counted"]]
    assert len(counted) == first["covered"] and served["total"] == first["total"]
    assert all(any(p["code"] == "recomputing" and p["text"] for p in s["problems"]) for s in counted)
    gate.set()
    assert figures.wait_recomputed(shadows)
    monkeypatch.setattr(figures, "month_figures", real)
    again = plain(county_month(shadows, MONTH, stale_ok=True))
    assert not any(p["code"] == "recomputing" for s in again["stations"] for p in s["problems"])
    assert again["total"] == first["total"]
    assert all("the-next-program" in stamp for stamp, _ in figures.stored(live.hub, MONTH).values())
