"""Issue 18 items 9, 12 and 15 (the county's web face): sessions that logout ends and that a
reader (or writer) of hub.db cannot mint; CSRF tokens and other-site checks on every
state-changing route, Basic only for machine clients; lockout with backoff before any scrypt;
security headers, HSTS under TLS and behind a trusted proxy only; /docs behind a login; real
admin passwords; rate limits on /t/; `serve` refusing plain HTTP on a reachable address; the
trace page under the county's name for the station."""

import base64
import hashlib
import hmac
import os
import re
import shutil
import stat
import subprocess
import time

import pytest
import requests
from sqlalchemy import insert, select, update

from station_app.clock import Clock
from station_app.core import consignment, people
from station_app.core.consignment import IntakeItem
from sync.hub import lockout, sessions
from sync.hub.cli import main as hub_main
from sync.hub.db import admins, reading, stations, writing
from sync.hub.lockout import login_failures
from sync.hub.store import HubError
from sync.testing.live_hub import LiveHub
from tests.ci import missing
from tests.sync.fresh import new_station, sync

from .intruder import enroll_raw

NAME, PASSWORD = "县运营中心", "correct horse battery"
STAFF = (NAME.encode(), PASSWORD.encode())
EVIL = "https://evil.example"


@pytest.fixture
def hub(live_hub):
    live_hub.hub.add_admin(NAME, PASSWORD)
    return live_hub


def log_in(live, session=None):
    browser = session or requests.Session()
    answer = browser.post(f"{live.url}/dashboard/login", data={"name": NAME, "password": PASSWORD},
                          allow_redirects=False, timeout=10)
    assert answer.status_code == 303, answer.text
    return browser


def csrf_of(live, browser):
    page = browser.get(f"{live.url}/dashboard/logout", timeout=10)  # a page with a POST form
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)


def test_logout_ends_the_session_on_the_hub(hub):
    browser = log_in(hub)
    cookie = browser.cookies.get(sessions.COOKIE, path="/dashboard")
    assert browser.get(f"{hub.url}/dashboard", allow_redirects=False, timeout=10).status_code == 200
    out = browser.post(f"{hub.url}/dashboard/logout", data={"csrf": csrf_of(hub, browser)}, allow_redirects=False,
                       timeout=10)
    assert out.status_code == 303
    replayed = requests.get(f"{hub.url}/dashboard", cookies={sessions.COOKIE: cookie}, allow_redirects=False,
                            timeout=10)
    assert replayed.status_code == 303 and "/dashboard/login" in replayed.headers["location"]


def test_setting_the_password_again_ends_every_session(hub):
    browser = log_in(hub)
    hub.hub.add_admin(NAME, "another good password")
    assert browser.get(f"{hub.url}/dashboard", allow_redirects=False, timeout=10).status_code == 303


def test_a_reader_or_writer_of_hub_db_cannot_mint_a_session(hub, tmp_path):
    with reading(hub.hub.engine) as conn:
        row = conn.execute(select(admins)).one()
    # the old cookie: an HMAC keyed by the stored password hash, good for ten years
    expires = int(time.time()) + 10 * 365 * 86400
    old = (base64.urlsafe_b64encode(NAME.encode()).decode().rstrip("=") + f".{expires}." +
           hmac.new(bytes.fromhex(row.password_hash), f"{NAME}|{expires}".encode(), hashlib.sha256).hexdigest())
    log_in(hub)
    with reading(hub.hub.engine) as conn:
        stored_keys = [r.key for r in conn.execute(select(sessions.staff_sessions.c.key))]
    chosen = "a-cookie-value-the-intruder-chose"
    with writing(hub.hub.engine) as conn:  # even writing a session row does not help without the hub's secret
        conn.execute(insert(sessions.staff_sessions).values(
            key=hashlib.sha256(chosen.encode()).hexdigest(), name=NAME, password_salt=row.password_salt,
            address="", created_at="2000-01-01T00:00:00.000Z", expires_at="2999-01-01T00:00:00.000Z"))
    for cookie in (old, chosen, *stored_keys):
        answer = requests.get(f"{hub.url}/dashboard", cookies={sessions.COOKIE: cookie}, allow_redirects=False,
                              timeout=10)
        assert answer.status_code == 303, cookie
    secret = hub.hub.secret_file
    assert secret.exists() and stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert secret.read_text().strip() not in (tmp_path / "hub.sqlite").read_bytes().decode("latin-1")


def test_state_changing_requests_need_the_csrf_token_and_the_hub_s_own_origin(hub):
    browser = log_in(hub)
    token = csrf_of(hub, browser)
    url = f"{hub.url}/dashboard/logout"
    assert browser.post(url, allow_redirects=False, timeout=10).status_code == 403  # no token
    assert browser.post(url, data={"csrf": "0" * 64}, allow_redirects=False, timeout=10).status_code == 403
    assert browser.post(url, data={"csrf": token}, headers={"Origin": EVIL}, allow_redirects=False,
                        timeout=10).status_code == 403
    assert browser.post(url, data={"csrf": token}, headers={"Sec-Fetch-Site": "cross-site"}, allow_redirects=False,
                        timeout=10).status_code == 403
    assert browser.post(url, files={"csrf": (None, token)}, headers={"Origin": hub.url}, allow_redirects=False,
                        timeout=10).status_code == 303  # multipart forms carry it too
    assert browser.get(f"{hub.url}/dashboard", allow_redirects=False, timeout=10).status_code == 303  # logged out


def test_basic_auth_from_another_site_or_as_a_form_changes_nothing(hub):
    thief = enroll_raw(hub, "幸福村电商服务站")
    revoke = f"{hub.url}/v1/admin/stations/{thief.station_id}/revoke"
    for headers in ({"Origin": EVIL}, {"Origin": "null"}, {"Referer": f"{EVIL}/page"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Content-Type": "text/plain"}, {"Content-Type": "application/x-www-form-urlencoded"}):
        answer = requests.post(revoke, auth=STAFF, headers=headers, timeout=10)
        assert answer.status_code in (403, 415), headers
    assert thief.head()  # the station's token still works
    catalogue = "品名,规格,单位,价格,供应商\n尿素,50kg,袋,168.50,示范县供销社\n".encode()
    for kind in ("text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"):
        answer = requests.post(f"{hub.url}/county/catalogue", data=catalogue, auth=STAFF,
                               headers={"Content-Type": kind}, timeout=10)
        assert answer.status_code == 415, kind
    done = requests.post(revoke, auth=STAFF, timeout=10)  # a script: no Origin, no form
    assert done.status_code == 200 and done.json() == {"revoked": 1}
    assert "www-authenticate" not in {k.lower() for k in requests.post(revoke, timeout=10).headers}


def test_basic_answers_never_set_a_cookie(hub):
    for path in ("/dashboard", "/dashboard/login?next=/dashboard", "/v1/admin/stations"):
        answer = requests.get(hub.url + path, auth=STAFF, timeout=10)
        assert answer.status_code == 200 and "set-cookie" not in {k.lower() for k in answer.headers}, path
    login = requests.post(f"{hub.url}/dashboard/login", data={"name": NAME, "password": PASSWORD}, auth=STAFF,
                          allow_redirects=False, timeout=10)
    assert "set-cookie" not in {k.lower() for k in login.headers}


def test_wrong_passwords_lock_the_name_and_the_address_with_backoff_before_any_scrypt(hub):
    checked = []
    real = hub.hub.check_admin

    def counting(name, password):
        checked.append(name)
        return real(name, password)

    hub.hub.check_admin = counting
    answers = [requests.post(f"{hub.url}/dashboard/login", data={"name": NAME, "password": f"guess {n}"},
                             timeout=10).status_code for n in range(8)]
    assert answers[:4] == [401] * 4 and set(answers[4:]) == {429}  # the fifth wrong one starts a wait
    assert len(checked) == 5  # no password was checked while locked
    right = requests.post(f"{hub.url}/dashboard/login", data={"name": NAME, "password": PASSWORD},
                          allow_redirects=False, timeout=10)
    assert right.status_code == 429 and len(checked) == 5  # not even the right one
    other_name = requests.get(f"{hub.url}/v1/admin/stations", auth=("另一个人".encode(), b"whatever pass"), timeout=10)
    assert other_name.status_code == 429  # the address is locked too
    assert other_name.json()["error"] == "locked" and int(other_name.headers["retry-after"]) > 0
    with reading(hub.hub.engine) as conn:
        rows = {r.key: r for r in conn.execute(select(login_failures))}
    assert len(rows) == 2 and all(r.locked_until for r in rows.values())
    assert [lockout.wait_after(n).total_seconds() for n in (4, 5, 6, 7, 30)] == [0, 30, 60, 120, 3600]  # backoff
    later = hub.hub.clock.now().timestamp() + 3601
    hub.hub.clock = Clock(source=lambda: later)
    right = requests.post(f"{hub.url}/dashboard/login", data={"name": NAME, "password": PASSWORD},
                          allow_redirects=False, timeout=10)
    assert right.status_code == 303 and len(checked) == 6  # after the wait, the right password works


def test_security_headers_and_no_hsts_over_plain_http(hub):
    for path in ("/", "/dashboard/login", "/v1/health", "/t/NOTACODE"):
        headers = requests.get(hub.url + path, timeout=10).headers
        assert headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in headers, path


def test_the_docs_and_the_spec_want_a_login(hub):
    assert requests.get(f"{hub.url}/openapi.json", timeout=10).status_code == 401
    assert requests.get(f"{hub.url}/docs", allow_redirects=False, timeout=10).headers["location"] == "/dashboard/docs"
    assert "/dashboard/login" in requests.get(f"{hub.url}/dashboard/docs", allow_redirects=False,
                                               timeout=10).headers["location"]
    browser = log_in(hub)
    assert "swagger" in browser.get(f"{hub.url}/dashboard/docs", timeout=10).text.lower()
    assert "/v1/enroll" in browser.get(f"{hub.url}/dashboard/openapi.json", timeout=10).json()["paths"]


def test_a_trusted_tls_proxy_gives_a_secure_cookie_and_hsts_and_nobody_else_does(tmp_path):
    with LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite'}", trusted_proxies=("127.0.0.1",)) as proxied:
        proxied.hub.add_admin(NAME, PASSWORD)
        answer = requests.post(f"{proxied.url}/dashboard/login", data={"name": NAME, "password": PASSWORD},
                               headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"},
                               allow_redirects=False, timeout=10)
        assert "secure" in answer.headers["set-cookie"].lower()
        assert answer.headers["strict-transport-security"].startswith("max-age=")
    with LiveHub(f"sqlite:///{tmp_path / 'other.sqlite'}") as direct:  # 127.0.0.1 is not a trusted proxy here
        direct.hub.add_admin(NAME, PASSWORD)
        answer = requests.post(f"{direct.url}/dashboard/login", data={"name": NAME, "password": PASSWORD},
                               headers={"X-Forwarded-Proto": "https"}, allow_redirects=False, timeout=10)
        assert "secure" not in answer.headers["set-cookie"].lower()
        assert "strict-transport-security" not in answer.headers


def test_hsts_and_a_secure_cookie_under_tls(tmp_path):
    if shutil.which("openssl") is None:
        missing("the openssl command is not installed (Debian: openssl)")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", "hub.key", "-out", "hub.pem", "-days", "1", "-subj", "/CN=127.0.0.1"],
                   cwd=tmp_path, check=True, capture_output=True)
    with LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite'}", cert=tmp_path / "hub.pem", key=tmp_path / "hub.key") as live:
        live.hub.add_admin(NAME, PASSWORD)
        answer = requests.post(f"{live.url}/dashboard/login", data={"name": NAME, "password": PASSWORD},
                               allow_redirects=False, verify=False, timeout=10)
        assert "secure" in answer.headers["set-cookie"].lower() and "strict-transport-security" in answer.headers


def test_admin_passwords_must_be_real(live_hub, tmp_path):
    for weak in (" " * 8, "12345678", "aaaaaaaa", "abababab", " padded password ", "short", "x" * 2000):
        with pytest.raises(HubError):
            live_hub.hub.add_admin(NAME, weak)
    secret = tmp_path / "pw"
    secret.write_text(" " * 8 + "\n", encoding="utf-8")
    assert hub_main(["add-admin", NAME, "--password-file", str(secret), "--db", live_hub.db_url]) == 2


def test_serve_refuses_plain_http_on_a_reachable_address(tmp_path, capsys, monkeypatch):
    import uvicorn

    ran = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: ran.append(kw))
    db = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    for host in ("0.0.0.0", "192.168.1.10", "::", "hub.county.example"):
        assert hub_main(["serve", "--demo", "--host", host, "--db", db]) == 2
        assert "refusing to serve plain HTTP" in capsys.readouterr().err
    assert ran == []
    assert hub_main(["serve", "--demo", "--host", "0.0.0.0", "--insecure", "--trusted-proxy", "10.0.0.5", "--db", db]) == 0
    assert "WARNING" in capsys.readouterr().err
    assert hub_main(["serve", "--demo", "--db", db]) == 0  # 127.0.0.1 by default
    assert [kw["host"] for kw in ran] == ["0.0.0.0", "127.0.0.1"] and all(kw["proxy_headers"] is False for kw in ran)
    assert hub_main(["serve", "--demo", "--trusted-proxy", "not an address", "--db", db]) == 2
    assert stat.S_IMODE(os.stat(tmp_path / "hub.secret").st_mode) == 0o600  # made by serve, private


def test_the_trace_page_is_rate_limited_and_names_the_station_as_the_county_registered_it(live_hub, tmp_path):
    db, manager = new_station(tmp_path / "st", live_hub, name="县电商服务中心直营店")  # what the station calls itself
    with writing(live_hub.hub.engine) as conn:  # what the county registered it as
        conn.execute(update(stations).where(stations.c.id == db.local("sync.station_id")).values(name="青山村服务站"))
    villager = people.add_person(db, manager, name="张桂英", phone="13812345678", village="东山村")
    her = consignment.register_consignor(db, manager, person_id=villager.id)
    intake = consignment.take_in(db, manager, consignor_id=her.id, items=[IntakeItem("土鸡蛋", "fresh", "盒", 1, 3000)])
    (code,) = consignment.codes_of(db, intake.lots[0].id)
    sync(db)
    page = requests.get(f"{live_hub.url}/t/{code}", timeout=10)
    assert page.status_code == 200 and "青山村服务站" in page.text and "直营店" not in page.text
    answers = [requests.get(f"{live_hub.url}/t/NOTACODE{n}", timeout=10).status_code for n in range(70)]
    assert answers[:59] == [404] * 59 and answers[-1] == 429
    db.close()
