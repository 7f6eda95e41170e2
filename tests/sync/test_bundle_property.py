"""Any interleaving of HTTP syncs (some cut mid-way) and USB-stick bundles (lost, duplicated,
reordered, truncated, replayed) ends with the hub holding exactly the station's events and the
station exactly the county's changes, reconcile agreeing (hypothesis, against the real hub on
loopback). On the way, nothing is ever half-applied: after every step the hub holds a prefix of
the station's chain, the station only county changes the hub sent it, and a damaged bundle
changes nothing on either side."""

import contextlib
import itertools
import json
import random

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import or_, select

from station_app.core import events, people
from station_app.core import sync_state as state
from sync import courier, errors
from sync.hub import bundles
from sync.hub.db import changes, reading
from sync.link import Retry
from sync.testing.fault_proxy import FaultProxy, Plan
from sync.testing.live_hub import LiveHub

from .fresh import new_station, sync
from .test_bundle_sync import held, mine
from .test_faults import check_converged

BETWEEN = ("work", "work", "county", "http", "http_cut", "http_cut", "lose")  # what happens between courier trips
names = itertools.count(1)


@contextlib.contextmanager
def county(folder):
    """A hub of its own for each example (enrollment is rate-limited per address: a county enrolls a
    room of PCs, not hundreds a minute) and a proxy that can cut the link."""
    with LiveHub(f"sqlite:///{folder / 'hub.sqlite'}") as live:
        cutting = {"on": False, "rng": random.Random(7)}

        def plan(_n):
            if not cutting["on"] or cutting["rng"].random() < 0.3:
                return Plan()
            at = cutting["rng"].randrange(700)  # requests and answers are small: cut inside them
            return Plan(cut_up=at) if cutting["rng"].random() < 0.5 else Plan(cut_down=at)

        with FaultProxy(live.port, plan=plan) as proxy:
            yield live, proxy, cutting


def county_changes(live, sid):
    with reading(live.hub.engine) as conn:
        return {r.hub_seq: (r.kind, r.entity_id, r.payload) for r in conn.execute(
            select(changes).where(or_(changes.c.station_id == sid, changes.c.station_id.is_(None))))}


def received(db):
    return {r["hub_seq"]: (r["kind"], r["entity_id"], r["payload"])
            for r in db.rows("SELECT hub_seq, kind, entity_id, payload FROM hub_events")}


def station_view(db):
    return (events.last_seq(db), state.acked_seq(db), state.local_int(db, state.CURSOR), sorted(received(db)))


def consistent(live, db, sid):
    """Nothing half-applied: the hub holds a prefix of the station's chain, the station knows no
    more of it than the hub holds, and applied only county changes the hub has for it."""
    theirs = held(live, sid)
    assert theirs == mine(db)[:len(theirs)]
    assert state.acked_seq(db) <= len(theirs)
    sent = county_changes(live, sid)
    assert all(hub_seq in sent and sent[hub_seq] == row for hub_seq, row in received(db).items())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(data=st.data())
def test_any_interleaving_of_http_and_bundles_converges(tmp_path_factory, data):
    n = next(names)
    folder = tmp_path_factory.mktemp(f"example-{n}")
    with county(folder) as (live, proxy, cutting):
        run(live, proxy, cutting, folder, n, data)


def run(live, proxy, cutting, folder, n, data):
    db, manager = new_station(folder / "st", live, name=f"第{n}村服务站", village=f"第{n}村")
    sid = db.local(state.STATION_ID)
    with db.transaction():
        db.set_local("setting:sync.hub_url", json.dumps(proxy.url))
    station_stick, county_stick = folder / "stick-at-station", folder / "stick-at-county"
    station_stick.mkdir()
    county_stick.mkdir()
    to_county: list[tuple[str, bytes]] = []  # bundles in the courier's bag, any order, any number of copies
    to_station: list[tuple[str, bytes]] = []
    made = itertools.count()
    cutting["rng"] = random.Random(data.draw(st.integers(0, 2**16), label="where the link is cut"))
    patient = Retry(attempts=200, base=0.005, cap=0.05)  # a cut push may still be stored: the hub says 429 till then

    def step(op):
        if op == "work":
            for i in range(data.draw(st.integers(1, 4), label="records")):
                people.add_person(db, manager, name=f"村民{next(made)}", phone=f"137{n % 10000:04d}{i:04d}",
                                  village=f"第{n}村")
        elif op == "county":
            everyone = data.draw(st.booleans(), label="county-wide")
            live.hub.push_setting("parcels.overdue_days", data.draw(st.integers(1, 9), label="days"),
                                  station_id=None if everyone else sid)
        elif op in ("http", "http_cut"):
            cutting["on"] = op == "http_cut"
            try:
                sync(db, retry=Retry(attempts=1) if op == "http_cut" else patient, timeout=(2.0, 3.0))
                event(f"{op}: got through")
            except errors.LinkDown:
                assert op == "http_cut"
                event("http_cut: cut")
            finally:
                cutting["on"] = False
        elif op == "write":
            path = courier.write_to(db, station_stick).path
            to_county.append((path.name, path.read_bytes()))
            path.unlink()
        elif op == "to_hub" and to_county:
            deliver_to_county(live, db, sid, county_stick, to_county, to_station, data)
        elif op == "to_station" and to_station:
            deliver_to_station(live, db, sid, station_stick, to_station, data)
        elif op == "lose":
            bag = data.draw(st.sampled_from([to_county, to_station]), label="bag")
            if bag:
                bag.pop(data.draw(st.integers(0, len(bag) - 1), label="lost"))

    try:
        for _trip in range(data.draw(st.integers(1, 5), label="courier trips")):
            steps = data.draw(st.lists(st.sampled_from(BETWEEN), max_size=4), label="between trips")
            if data.draw(st.integers(0, 4), label="write a bundle") > 0:
                steps.append("write")
            steps += ["to_hub"] * data.draw(st.integers(0, 2), label="bundles the county gets")
            steps += ["to_station"] * data.draw(st.integers(0, 2), label="answers the station gets")
            for op in steps:
                step(op)
                consistent(live, db, sid)
        # the last round trip gets through whole, by the network or by the stick
        live.hub.push_setting("parcels.overdue_days", 7, station_id=sid)
        if data.draw(st.booleans(), label="last by stick"):
            for _ in range(2):  # the second trip brings back the ack of what the first one carried
                courier.write_to(db, station_stick)
                for path in station_stick.iterdir():
                    path.rename(county_stick / path.name)
                assert bundles.import_stick(live.hub, county_stick).ok
                for path in county_stick.glob("*.to-station.vsb"):
                    path.rename(station_stick / path.name)
                assert courier.import_from(db, station_stick).imported == 1
                for path in county_stick.iterdir():
                    path.unlink()
        else:
            sync(db, retry=patient)
        check_converged(live, db, sid)
        assert state.status(db).needs_person is False
    finally:
        db.close()


def deliver_to_county(live, db, sid, stick, bag, back, data):
    """The courier hands one bundle (any of them: an old one, a copy) to the county, whole or cut."""
    index = data.draw(st.integers(0, len(bag) - 1), label="which bundle")
    name, raw = bag[index] if data.draw(st.booleans(), label="keep a copy") else bag.pop(index)
    cut = data.draw(st.sampled_from([None, None, 1, 0.5, 0.9]), label="cut")
    before = held(live, sid), county_changes(live, sid)
    (stick / name).write_bytes(raw if cut is None else raw[:max(1, int(len(raw) * cut)) - 1])
    report = bundles.import_stick(live.hub, stick)
    (stick / name).unlink()
    if cut is not None:
        assert not report.imported[0].ok and report.imported[0].error and report.return_files == []
        assert (held(live, sid), county_changes(live, sid)) == before
        event("to county: cut, refused")
        return
    assert report.imported[0].ok and len(report.return_files) == 1
    event("to county: " + ("new records" if report.imported[0].new_events else "nothing new (replay or HTTP first)"))
    for path in report.return_files:
        back.append((path.name, path.read_bytes()))
        path.unlink()


def deliver_to_station(live, db, sid, stick, bag, data):
    print("TO STATION", len(bag))
    """One return bundle reaches the station (any of them: late, twice), whole or cut."""
    index = data.draw(st.integers(0, len(bag) - 1), label="which answer")
    name, raw = bag[index] if data.draw(st.booleans(), label="keep a copy") else bag.pop(index)
    cut = data.draw(st.sampled_from([None, None, 0.3, 0.99]), label="cut answer")
    before = station_view(db)
    (stick / name).write_bytes(raw if cut is None else raw[:int(len(raw) * cut)])
    got = courier.import_from(db, stick)
    for path in stick.iterdir():
        path.unlink()
    if cut is not None:
        assert got.imported == 0 and got.problems and station_view(db) == before
        event("to station: cut, refused")
        return
    assert got.imported == 1 and not got.problems and got.refused is None
    event("to station: " + ("changed" if station_view(db) != before else "nothing new (replay or HTTP first)"))
