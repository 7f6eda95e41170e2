"""Issue 18 items 1, 3 and 15 (enrollment): nobody takes a station over with a used code, a
code dies in hours, revoking a station ends its codes, tokens and retries, refusals say
nothing about the code, enrollment is rate limited, and concurrent enrollment with one code
gives exactly one token (SQLite and PostgreSQL)."""

import threading

import pytest
import requests
from sqlalchemy import func, select

from station_app import keystore
from station_app.clock import Clock
from station_app.core import sync_state as state
from sync import client
from sync.hub.db import reading as hub_reading
from sync.hub.db import tokens
from sync.testing.live_hub import LiveHub

from .intruder import H, enroll_raw

STATION = "幸福村电商服务站"


def enroll_post(live, code, proof=None, address=None):
    body = {"code": code, **({"proof": proof} if proof is not None else {})}
    head = {**H, "X-Forwarded-For": address} if address else H
    return requests.post(f"{live.url}/v1/enroll", json=body, headers=head, timeout=10)


def works(live, station_id, token):
    answer = requests.get(f"{live.url}/v1/stations/{station_id}/changes", timeout=10,
                          headers={**H, "Authorization": f"Bearer {token}"})
    return answer.status_code == 200


def live_tokens(live, station_id):
    with hub_reading(live.hub.engine) as conn:
        return conn.execute(select(func.count()).select_from(tokens).where(
            (tokens.c.station_id == station_id) & tokens.c.revoked_at.is_(None))).scalar_one()


def test_a_used_code_and_the_station_file_s_instance_id_take_nothing_over(live_hub, station):
    """The old attack: code + nonce (= the file's instance id, which the hub saw in URLs and
    pushes) gave a fresh token and revoked the station's own."""
    sid, code = live_hub.hub.enroll_code(STATION, "幸福村")
    client.enroll(station, live_hub.url, code, retry=None)
    token = state.token(station)
    assert works(live_hub, sid, token)
    instance = station.value("SELECT value FROM meta WHERE key = 'instance_id'")
    for body in ({"nonce": instance}, {"proof": instance}, {"nonce": instance, "proof": instance}, {}):
        answer = requests.post(f"{live_hub.url}/v1/enroll", json={"code": code, **body}, headers=H, timeout=10)
        assert answer.status_code == 401 and "token" not in answer.json()
    assert works(live_hub, sid, token) and live_tokens(live_hub, sid) == 1


def test_the_station_proves_its_retry_with_a_secret_in_the_body_never_in_a_url(live_hub, station, monkeypatch):
    sent = []
    real = requests.Session.request

    def recording(self, method, url, **kw):
        sent.append((method, url, kw.get("params"), kw.get("json")))
        return real(self, method, url, **kw)

    monkeypatch.setattr(requests.Session, "request", recording)
    _, code = live_hub.hub.enroll_code(STATION, "幸福村")
    client.enroll(station, live_hub.url, code, retry=None)
    ((_method, url, params, body),) = [s for s in sent if s[1].endswith("/v1/enroll")]
    instance = station.value("SELECT value FROM meta WHERE key = 'instance_id'")
    assert "?" not in url and not params and set(body) == {"code", "proof", "bundle_key"}  # the key is public
    assert len(body["proof"]) >= 40 and body["proof"] != instance and instance not in url
    assert keystore.get(station.path, client.ENROLL_PROOF) is None  # gone once the answer is stored


def test_a_lost_answer_is_answered_again_only_for_the_secret_and_only_while_unused(live_hub):
    hub = live_hub.hub
    sid, code = hub.enroll_code(STATION, "幸福村")
    first = enroll_post(live_hub, code, "secret-of-the-pc")
    assert first.status_code == 200
    assert enroll_post(live_hub, code, "a guess").status_code == 401
    assert enroll_post(live_hub, code, "").status_code == 401
    again = enroll_post(live_hub, code, "secret-of-the-pc")  # the answer was lost: the station asks again
    assert again.status_code == 200 and not works(live_hub, sid, first.json()["token"])
    assert works(live_hub, sid, again.json()["token"])  # now used: the answer was not lost after all
    assert enroll_post(live_hub, code, "secret-of-the-pc").status_code == 401
    assert works(live_hub, sid, again.json()["token"]) and live_tokens(live_hub, sid) == 1


def test_a_code_dies_in_hours_and_refusals_say_nothing_about_the_code(live_hub):
    hub = live_hub.hub
    t = [hub.clock.now().timestamp()]
    hub.clock = Clock(source=lambda: t[0])
    sid, code = hub.enroll_code(STATION, "幸福村")
    _, used = hub.enroll_code("东山村服务站", "东山村")
    _, revoked = hub.enroll_code("石桥村服务站", "石桥村")
    assert enroll_post(live_hub, used, "p1").status_code == 200
    hub.revoke(hub.enroll_code("石桥村服务站")[0])
    t[0] += 25 * 3600  # a day and an hour later
    answers = [enroll_post(live_hub, c, "p1") for c in (code, used, revoked, "AAAA-BBBB-CCCC", "")]
    assert {a.status_code for a in answers} == {401}
    assert len({(a.json()["error"], a.json()["message"]) for a in answers}) == 1  # the same words for all
    assert live_tokens(live_hub, sid) == 0
    fresh_sid, fresh = hub.enroll_code(STATION, "幸福村")
    assert fresh_sid == sid and enroll_post(live_hub, fresh, "p2").status_code == 200


def test_revoke_ends_unused_codes_tokens_and_the_retry_path(live_hub):
    hub = live_hub.hub
    sid, used = hub.enroll_code(STATION, "幸福村")
    first = enroll_post(live_hub, used, "secret-of-the-pc")  # its answer "lost": never used
    _, unused = hub.enroll_code(STATION, "幸福村")
    assert hub.revoke(sid) == 1
    assert not works(live_hub, sid, first.json()["token"])
    assert enroll_post(live_hub, used, "secret-of-the-pc").status_code == 401  # no retry after a revoke
    assert enroll_post(live_hub, unused, "anything").status_code == 401  # the code made before the revoke
    assert live_tokens(live_hub, sid) == 0


def test_enrollment_is_rate_limited_per_address(live_hub):
    answers = [enroll_post(live_hub, f"AAAA-BBBB-{n:04d}", "p").status_code for n in range(34)]
    assert answers[:30] == [401] * 30 and set(answers[30:]) == {429}
    refused = enroll_post(live_hub, "AAAA-BBBB-CCCC", "p")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_one_code_sent_by_many_at_once_gives_exactly_one_token(backend, request, tmp_path):
    url = request.getfixturevalue("pg_cluster").create_database() if backend == "postgres" else \
        f"sqlite:///{tmp_path / 'hub.sqlite'}"
    with LiveHub(url, trusted_proxies=("127.0.0.1",)) as live:  # each thread a station behind the county's proxy
        hub = live.hub
        for round_no in range(3):
            sid, code = hub.enroll_code(f"并发站{round_no}", "幸福村")
            start = threading.Barrier(12)
            results: list[int] = []

            def attempt(n, code=code, start=start, results=results, net=round_no):
                start.wait()
                results.append(enroll_post(live, code, f"pc-{n}", f"10.{net}.0.{n}").status_code)

            threads = [threading.Thread(target=attempt, args=(n,)) for n in range(12)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            assert sorted(results) == [200] + [401] * 11, results
            with hub_reading(hub.engine) as conn:
                assert conn.execute(select(func.count()).select_from(tokens)
                                    .where(tokens.c.station_id == sid)).scalar_one() == 1
        # the same station retrying at once (the same secret): still one token that works
        sid, code = hub.enroll_code("并发站同机", "幸福村")
        assert enroll_post(live, code, "same-pc", "10.9.0.1").status_code == 200
        start = threading.Barrier(8)
        answers: list[requests.Response] = []

        def retry(n):
            start.wait()
            answers.append(enroll_post(live, code, "same-pc", f"10.9.1.{n}"))

        threads = [threading.Thread(target=retry, args=(n,)) for n in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert live_tokens(live, sid) == 1
        assert sum(works(live, sid, a.json()["token"]) for a in answers if a.status_code == 200) == 1


def test_a_restored_station_enrolls_again_through_the_real_client(live_hub, station, tmp_path):
    """The station side still works end to end: enroll, sync, and a second PC for the same
    station with a new code (the county's way to move a station)."""
    sid = enroll_raw(live_hub, STATION).station_id
    _, code = live_hub.hub.enroll_code(STATION)
    enrolled = client.enroll(station, live_hub.url, code, retry=None)
    assert enrolled.station_id == sid and works(live_hub, sid, state.token(station))


def test_an_older_hub_database_gets_the_new_columns(tmp_path):
    """A hub made before `tokens.first_used_at` existed keeps its tokens and gains the column."""
    from sync.hub.db import open_hub

    url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    engine = open_hub(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE tokens DROP COLUMN first_used_at")
    engine.dispose()
    with LiveHub(url) as live:
        thief = enroll_raw(live, STATION)
        assert works(live, thief.station_id, thief.token)
        with hub_reading(live.hub.engine) as conn:
            assert conn.execute(select(tokens.c.first_used_at)).scalar() is not None
