"""The hub's HTTP protocol, request by request, against the real server on a loopback port."""

import gzip
import json

import pytest
import requests
from sqlalchemy import or_, select

from station_app.core import events
from station_app.core.events import Event, chain_hash
from sync import protocol as p
from sync.hub import credentials
from sync.hub.db import changes, reading
from sync.hub.db import events as hub_events

from .conftest import fast_retry, stations

H = {p.HEADER_PROTOCOL: str(p.PROTOCOL)}


@pytest.fixture
def setup(live_hub, station):
    """A hub, an enrolled station and its token (via the raw endpoint)."""
    sid, code = live_hub.hub.enroll_code("幸福村电商服务站", "幸福村")
    answer = requests.post(f"{live_hub.url}/v1/enroll", json={"code": code, "nonce": "n1"}, headers=H, timeout=5)
    assert answer.status_code == 200, answer.text
    token = answer.json()["token"]
    return live_hub, station, sid, token


def body_of(db, first=1, last=None, **kw):
    evs = [e for e in events.events_after(db, first - 1) if last is None or e.seq <= last]
    return p.pack(p.encode_batch(evs, **kw))


def post(live, sid, token, body, headers=None):
    head = {**H, "Authorization": f"Bearer {token}", "Content-Encoding": "gzip", "Content-Type": "application/json",
            **(headers or {})}
    return requests.post(f"{live.url}/v1/stations/{sid}/events", data=body, headers=head, timeout=10)


def get(live, sid, token, path, **params):
    return requests.get(f"{live.url}/v1/stations/{sid}/{path}", params=params, timeout=10,
                        headers={**H, "Authorization": f"Bearer {token}"})


def stored(live, sid):
    with reading(live.hub.engine) as conn:
        return [(r.seq, r.hash) for r in conn.execute(
            hub_events.select().where(hub_events.c.station_id == sid).order_by(hub_events.c.seq))]


def test_a_batch_is_stored_whole_and_a_replay_changes_nothing(setup):
    live, db, sid, token = setup
    first = post(live, sid, token, body_of(db, 1, 100))
    assert first.status_code == 200 and first.json()["acked_seq"] == 100
    rows = stored(live, sid)
    assert [s for s, _ in rows] == list(range(1, 101))
    assert [h for _, h in rows] == [e.hash for e in events.events_after(db, 0, 100)]
    for _ in range(10):
        again = post(live, sid, token, body_of(db, 1, 100))
        assert again.status_code == 200 and again.json()["acked_seq"] == 100
    assert stored(live, sid) == rows
    overlapping = post(live, sid, token, body_of(db, 50, 150))
    assert overlapping.json()["acked_seq"] == 150 and len(stored(live, sid)) == 150


def test_the_same_seq_with_another_hash_is_a_409_and_nothing_is_overwritten(setup):
    live, db, sid, token = setup
    post(live, sid, token, body_of(db, 1, 20))
    before = stored(live, sid)
    evs = events.events_after(db, 0, 20)
    forged, prev = [], evs[9].prev_hash
    for ev in evs[9:]:  # a clone that went its own way from record 10 on
        body = {**ev.body(), "payload": {**ev.payload, "note": "clone"}}
        forged.append(Event(**{**body, "prev_hash": prev, "hash": chain_hash(prev, body)}))
        prev = forged[-1].hash
    answer = post(live, sid, token, p.pack(p.encode_batch(forged)))
    assert answer.status_code == 409
    assert answer.json()["error"] == "fork" and answer.json()["seq"] == 10
    assert stored(live, sid) == before
    assert any("fork" in w for w in live.hub.station_rows()[0]["warnings"])


def test_a_batch_that_does_not_hash_to_its_head_is_a_broken_chain(setup):
    live, db, sid, token = setup
    obj = p.encode_batch(events.events_after(db, 0, 30))
    obj["h"] = "0" * 64
    answer = post(live, sid, token, p.pack(obj))
    assert answer.status_code == 409 and answer.json()["error"] == "broken_chain"
    obj = p.encode_batch(events.events_after(db, 0, 30))
    obj["p"] = "f" * 64  # seq 1 must start from the genesis hash
    obj["h"] = p.decode_batch(obj).events[-1].hash
    assert post(live, sid, token, p.pack(obj)).json()["error"] == "broken_chain"
    assert stored(live, sid) == []


def test_a_gap_is_refused_with_where_to_start(setup):
    live, db, sid, token = setup
    post(live, sid, token, body_of(db, 1, 10))
    answer = post(live, sid, token, body_of(db, 20, 30))
    refusal = answer.json()
    assert answer.status_code == 409 and set(refusal) == {"error", "message", "acked_seq", "hub_time"}
    assert refusal["error"] == "gap" and refusal["acked_seq"] == 10 and "send from 11" in refusal["message"]
    assert [seq for seq, _ in stored(live, sid)] == list(range(1, 11))  # nothing of the refused batch is kept


def test_tokens_wrong_revoked_or_of_another_station(setup):
    live, db, sid, token = setup
    assert post(live, sid, "nonsense", body_of(db, 1, 5)).status_code == 401
    assert post(live, sid, "", body_of(db, 1, 5), {"Authorization": ""}).status_code == 401
    other, code = live.hub.enroll_code("东山村服务站")
    other_token = requests.post(f"{live.url}/v1/enroll", json={"code": code}, headers=H, timeout=5).json()["token"]
    refused = post(live, sid, other_token, body_of(db, 1, 5))
    assert refused.status_code == 403 and refused.json()["error"] == "wrong_station"
    assert "东山" not in refused.text and get(live, other, token, "changes").status_code == 403
    assert live.hub.revoke(sid) == 1
    answer = post(live, sid, token, body_of(db, 1, 5))
    assert answer.status_code == 401 and answer.json()["error"] == "bad_token"
    assert stored(live, sid) == []


@pytest.mark.parametrize("body, encoding", [
    (b"", "gzip"), (b"\x1f\x8b\x08\x00garbage", "gzip"), (gzip.compress(b'{"s": 1, "p"')[:-4], "gzip"),
    (gzip.compress(b"{not json"), "gzip"), (gzip.compress(b'{"s": 1}'), "gzip"), (b"{", None),
])
def test_malformed_or_truncated_bodies_are_400(setup, body, encoding):
    live, _db, sid, token = setup
    answer = post(live, sid, token, body, {} if encoding else {"Content-Encoding": "identity"})
    assert answer.status_code == 400 and answer.json()["error"] == "malformed"
    assert stored(live, sid) == []


def test_a_body_over_the_limit_is_413(setup):
    live, db, sid, token = setup
    body = body_of(db)
    live.hub.max_body = len(body) - 1
    answer = post(live, sid, token, body)
    assert answer.status_code == 413 and answer.json()["error"] == "too_large"
    bomb = gzip.compress(b" " * (p.MAX_INFLATED + 10))
    assert len(bomb) < live.hub.max_body  # small packed, too large unpacked
    assert post(live, sid, token, bomb).status_code == 413


def test_an_unknown_protocol_version_is_426_with_an_upgrade_message(setup):
    live, _db, sid, token = setup
    for version in ("2", "0", "abc", None):
        head = {p.HEADER_PROTOCOL: version} if version else {}
        answer = requests.get(f"{live.url}/v1/stations/{sid}/status", headers={**head, "Authorization": f"Bearer {token}"},
                              timeout=5)
        assert answer.status_code == 426 and answer.json()["error"] == "upgrade"
        assert "install" in answer.json()["message"]


def test_enrollment_codes_are_single_use_but_a_lost_answer_can_be_retried(live_hub):
    hub = live_hub.hub
    sid, code = hub.enroll_code("河湾村服务站", "河湾村")
    typed = code.lower().replace("-", " ").replace("0", "o")  # as a person might type it
    proof = "a secret this PC made for the exchange"
    first = requests.post(f"{live_hub.url}/v1/enroll", json={"code": typed, "proof": proof}, headers=H, timeout=5)
    assert first.status_code == 200 and first.json()["station_id"] == sid
    retry = requests.post(f"{live_hub.url}/v1/enroll", json={"code": code, "proof": proof}, headers=H, timeout=5)
    assert retry.status_code == 200 and retry.json()["token"] != first.json()["token"]
    assert get(live_hub, sid, first.json()["token"], "changes").status_code == 401  # the unseen token is revoked
    assert get(live_hub, sid, retry.json()["token"], "changes").status_code == 200
    other = requests.post(f"{live_hub.url}/v1/enroll", json={"code": code, "proof": "another"}, headers=H, timeout=5)
    assert other.status_code == 401 and other.json()["error"] == "bad_code"
    used = requests.post(f"{live_hub.url}/v1/enroll", json={"code": code, "proof": proof}, headers=H, timeout=5)
    assert used.status_code == 401  # the token was used: the answer was not lost, and nobody gets another
    bad = requests.post(f"{live_hub.url}/v1/enroll", json={"code": "AAAA-BBBB-CCCC"}, headers=H, timeout=5)
    assert bad.status_code == 401 and bad.json()["message"] == other.json()["message"]  # says nothing more
    assert credentials.normalise_code("k7qm 2xda-9wpe") == "K7QM-2XDA-9WPE"


def test_changes_are_keyset_paged_and_only_the_stations_own(setup):
    live, _db, sid, token = setup
    other, _ = live.hub.enroll_code("东山村服务站")
    live.hub.push_setting("parcels.overdue_days", 4)
    live.hub.publish("county.notice", "n1", {"text": "东山村专用"}, station_id=other)
    for days in (5, 6, 7):
        live.hub.push_setting("parcels.return_days", days, station_id=sid)
    seen, cursor = [], 0
    while True:
        page = get(live, sid, token, "changes", after=cursor, limit=2).json()
        seen += page["changes"]
        cursor = page["next"]
        if not page["more"]:
            break
    assert [c["e"] for c in seen] == ["parcels.overdue_days", "parcels.return_days", "parcels.return_days",
                                      "parcels.return_days"]
    assert [c["c"] for c in seen] == sorted(c["c"] for c in seen)
    assert get(live, sid, token, "changes", after=cursor).json()["changes"] == []
    with pytest.raises(Exception, match="county setting"):
        live.hub.push_setting("ui.language", "en")


def test_status_reconcile_and_own_events(setup):
    live, db, sid, token = setup
    post(live, sid, token, body_of(db, 1, 200))
    status = get(live, sid, token, "status", seq=150).json()
    evs = events.events_after(db, 0)
    assert status["acked_seq"] == 200 and status["hash_at"] == evs[149].hash and status["head_hash"] == evs[199].hash
    days = [p.day_of(e.hlc) for e in evs[:200]]
    answer = get(live, sid, token, "reconcile", **{"from": days[0], "to": days[-1]}).json()
    assert p.tally_from_rows(answer["days"]) == p.tally(evs[:200])
    assert get(live, sid, token, "reconcile", **{"from": "2026-1-1", "to": "x"}).status_code == 400
    page = get(live, sid, token, "events", after=120, limit=50).json()
    back = p.decode_batch(page)
    assert back.events == evs[120:170] and page["more"] is True
    assert get(live, sid, token, "events", after=200).json()["more"] is False


def test_the_hub_flags_wrong_content_but_stores_it(setup):
    live, db, sid, token = setup
    evs = events.events_after(db, 0, 3)
    last = evs[-1]
    strange = []
    for i, kind in enumerate(("future.kind", "cash.taken")):
        body = {**last.body(), "seq": last.seq + 1 + i, "id": f"x-{i}", "kind": kind, "entity_id": "rec-1",
                "payload": {"amount": -5} if i else {}}
        prev = strange[-1].hash if strange else last.hash
        strange.append(Event(**{**body, "prev_hash": prev, "hash": chain_hash(prev, body)}))
    answer = post(live, sid, token, p.pack(p.encode_batch(evs + strange)))
    assert answer.status_code == 200 and answer.json()["acked_seq"] == 5
    flags = [c for c in get(live, sid, token, "changes").json()["changes"] if c["k"] == "sync.flag_raised"]
    assert [(f["e"], f["p"]["reason"], f["p"]["seq"]) for f in flags] == [
        ("rec-1", "unknown_kind", 4), ("rec-1", "amount_out_of_range", 5)]
    assert live.hub.station_rows()[0]["open_flags"] == 2
    assert live.hub.clear_flag(flags[0]["c"]) and not live.hub.clear_flag(flags[0]["c"])
    cleared = [c for c in get(live, sid, token, "changes").json()["changes"] if c["k"] == "sync.flag_cleared"]
    assert cleared[0]["p"]["flags"] == [f"hub:{flags[0]['c']}"]
    # a later clean event on the same record (a correction) settles what is still open
    body = {**strange[-1].body(), "seq": 6, "id": "x-fix", "kind": "cash.taken", "payload": {"amount": 5}}
    fix = Event(**{**body, "prev_hash": strange[-1].hash, "hash": chain_hash(strange[-1].hash, body)})
    assert post(live, sid, token, p.pack(p.encode_batch([fix]))).json()["acked_seq"] == 6
    cleared = [c for c in get(live, sid, token, "changes").json()["changes"] if c["k"] == "sync.flag_cleared"]
    assert cleared[-1]["p"]["flags"] == [f"hub:{flags[1]['c']}"] and cleared[-1]["p"]["seq"] == 6
    assert live.hub.station_rows()[0]["open_flags"] == 0


def test_openapi_spec_lists_the_protocol(live_hub):
    assert requests.get(f"{live_hub.url}/openapi.json", timeout=5).status_code == 401  # staff only
    live_hub.hub.add_admin("县运营中心", "correct horse")
    spec = requests.get(f"{live_hub.url}/openapi.json", auth=("县运营中心".encode(), b"correct horse"), timeout=5).json()
    paths = spec["paths"]
    for path in ("/v1/enroll", "/v1/stations/{station_id}/events", "/v1/stations/{station_id}/changes",
                 "/v1/stations/{station_id}/reconcile", "/v1/stations/{station_id}/status", "/v1/health",
                 "/v1/clock", "/v1/admin/enroll-codes", "/v1/admin/stations/{station_id}/revoke", "/v1/admin/settings"):
        assert path in paths, path
    push = paths["/v1/stations/{station_id}/events"]
    assert {"200", "401", "403", "409", "413", "426"} <= set(push["post"]["responses"])
    assert push["post"]["requestBody"]["required"] is True
    assert set(spec["components"]["schemas"]["Ack"]["required"]) == {"acked_seq", "hub_time"}
    assert "get" in push  # the station's own events back, for a restore
    assert requests.get(f"{live_hub.url}/v1/health", timeout=5).json()["protocol"] == p.PROTOCOL


def test_county_staff_log_in_to_make_codes_and_see_the_stations_page(setup):
    live, db, sid, token = setup
    live.hub.add_admin("县运营中心", "correct horse")
    nobody = requests.get(f"{live.url}/", timeout=5, allow_redirects=False)  # a person: the login form
    assert nobody.status_code == 303 and nobody.headers["location"].startswith("/dashboard/login")
    staff = ("县运营中心".encode(), b"correct horse")
    assert requests.get(f"{live.url}/", auth=(staff[0], b"wrong pass"), timeout=5, allow_redirects=False
                        ).status_code == 303
    made = requests.post(f"{live.url}/v1/admin/enroll-codes", json={"station": "石桥村服务站", "village": "石桥村"},
                         auth=staff, timeout=5)
    assert made.status_code == 200 and len(made.json()["code"]) == 14
    post(live, sid, token, body_of(db, 1, 10))
    page = requests.get(f"{live.url}/", auth=staff, timeout=5)
    assert page.status_code == 200 and "服务站同步情况" in page.text and "石桥村服务站" in page.text
    assert "幸福村电商服务站" in page.text and "待上传" in page.text
    pushed = requests.post(f"{live.url}/v1/admin/settings", json={"key": "parcels.overdue_days", "value": 99},
                           auth=staff, timeout=5)
    assert pushed.status_code == 400  # out of the declared range
    revoked = requests.post(f"{live.url}/v1/admin/stations/{sid}/revoke", auth=staff, timeout=5)
    assert revoked.json() == {"revoked": 1}
    listed = requests.get(f"{live.url}/v1/admin/stations", auth=staff, timeout=5).json()
    assert {s["name"]: s["enrolled"] for s in listed} == {"幸福村电商服务站": False, "石桥村服务站": False}


def test_station_app_simulate_on_an_enrolled_station_invents_no_county_data(live_hub, station, capsys):
    """The README's path: enroll, simulate, sync. The county's side comes from the hub only."""
    from station_app import cli as station_cli
    from sync import client

    sid = stations.enroll(live_hub.hub, live_hub.url, station, "幸福村电商服务站")
    live_hub.hub.push_setting("parcels.overdue_days", 5)
    county_before = station.value("SELECT count(*) FROM hub_events")
    assert station_cli.main(["simulate", "--days", "2", "--seed", "4", "--data-dir", str(station.path.parent)]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["county_data"] == "from the county hub" and summary["events"] > 100
    assert station.value("SELECT count(*) FROM hub_events") == county_before  # nothing made up
    report = client.sync_once(station, retry=fast_retry())
    assert report.pending == 0 and report.pulled_kinds == ["county.setting_changed"]
    with reading(live_hub.hub.engine) as conn:
        held = conn.execute(select(changes.c.hub_seq).where(or_(changes.c.station_id == sid,
                                                                changes.c.station_id.is_(None)))).all()
    assert sorted(r["hub_seq"] for r in station.rows("SELECT hub_seq FROM hub_events")) == sorted(r[0] for r in held)
