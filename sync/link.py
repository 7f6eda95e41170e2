"""The station's HTTP link to the hub (requests): TLS, headers, answer checks, retries.

Only a JSON object with the expected fields counts as an answer: a captive portal's HTML
page with status 200 is a failure like no answer at all. Every answer's `hub_time`
gives a clock sample; the one with the shortest round trip estimates the PC clock's
offset. Network errors and 5xx are retried with full-jitter exponential backoff.
"""

from __future__ import annotations

import ipaddress
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any, TypeVar
from urllib.parse import urlsplit

import requests

from station_app.clock import iso
from sync import errors
from sync import protocol as p

USER_AGENT = "village-station/1"
T = TypeVar("T")


@dataclass
class Retry:
    """How long to keep trying: `attempts=None` is forever (the background worker);
    the command line uses a few. Sleeps are interruptible through `stop`."""

    attempts: int | None = None
    base: float = 2.0
    cap: float = 1800.0
    stop: threading.Event = field(default_factory=threading.Event)
    rng: random.Random = field(default_factory=random.Random)

    def delays(self) -> Iterator[float]:
        n = 0
        while self.attempts is None or n < self.attempts - 1:
            yield self.rng.uniform(0, min(self.cap, self.base * 2**n))
            n += 1

    def sleep(self, seconds: float) -> None:
        if self.stop.wait(seconds):
            raise errors.stopped()

    def check(self) -> None:
        if self.stop.is_set():
            raise errors.stopped()

    def run(self, call: Callable[[], T]) -> T:
        """`call()` until it answers, with backoff between failures (LinkDown) as allowed."""
        delays = self.delays()
        while True:
            self.check()
            try:
                return call()
            except errors.LinkDown:
                delay = next(delays, None)
                if delay is None:
                    raise
                self.sleep(delay)


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_hub_url(url: str, *, allow_http: bool = False) -> str:
    """The hub address, normalised. Raises Refused for plain http to another machine
    (unless allowed by the `sync.allow_plain_http` local setting) or a malformed address."""
    url = (url or "").strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise errors.refused("malformed", detail=url or "?")
    if parts.scheme == "http" and not (allow_http or is_loopback(parts.hostname)):
        raise errors.refused("plain_http")
    return url


class HubLink:
    """One station's conversation with the hub; not shared between threads."""

    def __init__(self, hub_url: str, *, token: str = "", ca_file: str | None = None, allow_http: bool = False,
                 pc_now: Callable[[], datetime] | None = None, timeout: tuple[float, float] = (15.0, 60.0)) -> None:
        self.url = check_hub_url(hub_url, allow_http=allow_http)
        self.token = token
        self.timeout = timeout
        self.pc_now = pc_now or (lambda: datetime.now().astimezone())
        self.session = requests.Session()
        # given on every request: a session-wide `verify` loses to $REQUESTS_CA_BUNDLE (requests#3829)
        self.verify: str | bool = ca_file or True
        # every header byte crosses the 2G link on every request: only what the hub reads
        self.session.headers.clear()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept-Encoding": "gzip", p.HEADER_PROTOCOL: str(p.PROTOCOL)})
        self.best_rtt: float | None = None
        self.offset_ms: int | None = None
        self.requests = 0
        self.hub_time: str | None = None

    def close(self) -> None:
        self.session.close()

    def call(self, method: str, path: str, expect: tuple[str, ...], *, params: dict[str, Any] | None = None,
             json_body: Any = None, gzip_body: bytes | None = None, raw_body: bytes | IO[bytes] | None = None,
             content_type: str = "application/octet-stream", timeout: tuple[float, float] | None = None,
             station_time: bool = False, headers: dict[str, str] | None = None) -> dict[str, Any]:
        """One request; the answer's JSON object when it has every `expect`ed field.

        `raw_body` (bytes, or an open file streamed from where it stands) is sent as it is,
        as `content_type`. Raises LinkDown/LinkTimeout (retry), Refused (needs a person) or
        HubRefusal (a protocol answer the caller handles: gap, too large, digest mismatch).
        `station_time` sends the PC's time for the hub to note (the clock offset is
        estimated from every answer anyway); `headers` are sent as well (ASCII values)."""
        headers = {**(headers or {}), **({p.HEADER_STATION_TIME: iso(self.pc_now())} if station_time else {})}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data: bytes | IO[bytes] | None = None
        if gzip_body is not None:
            headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
            data = gzip_body
        elif raw_body is not None:
            headers["Content-Type"] = content_type
            data = raw_body
        sent_at, started = self.pc_now(), time.monotonic()
        self.requests += 1
        try:
            answer = self.session.request(method, self.url + path, params=params, json=json_body, data=data,
                                          headers=headers, timeout=timeout or self.timeout, allow_redirects=False,
                                          verify=self.verify)
            body = _json_object(answer)
        except requests.Timeout:
            raise errors.timed_out() from None
        except requests.exceptions.SSLError as exc:
            raise errors.no_answer(f"TLS: {_short(exc)}") from None
        except (requests.RequestException, OSError) as exc:
            raise errors.no_answer(_short(exc)) from None
        rtt = time.monotonic() - started
        if body is not None and isinstance(body.get("hub_time"), str):
            self._clock_sample(body["hub_time"], sent_at, rtt)
        if answer.status_code >= 500:
            raise errors.hub_trouble(answer.status_code)
        if body is None:
            raise errors.not_the_hub(answer.status_code)
        if answer.status_code >= 400:
            raise _refusal(answer.status_code, body)
        if 200 <= answer.status_code < 300 and all(k in body for k in expect):
            return body
        raise errors.not_the_hub(answer.status_code)

    def _clock_sample(self, hub_time: str, sent_at: datetime, rtt: float) -> None:
        try:
            hub_ms = p.ms_of(hub_time)
        except ValueError:
            return
        self.hub_time = hub_time
        if self.best_rtt is None or rtt <= self.best_rtt:
            self.best_rtt = rtt
            self.offset_ms = hub_ms - (p.ms_of(iso(sent_at)) + int(rtt * 500))


class HubRefusal(Exception):
    """A refusal the sync loop handles itself (gap: resend from acked_seq; too large: halve;
    digest mismatch: an evidence file changed on its way)."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("message", ""))
        self.status, self.code, self.body = status, str(body.get("error", "")), body


def _refusal(status: int, body: dict[str, Any]) -> Exception:
    code = str(body.get("error", ""))
    if code in (p.GAP, p.TOO_LARGE, p.DIGEST_MISMATCH):
        return HubRefusal(status, body)
    if status == 429:  # busy (this station's earlier request is still being stored) or rate limited: wait
        return errors.hub_trouble(status)
    if status == 426 or code == p.UPGRADE:
        return errors.refused("upgrade")
    if status == 401 and code == p.BAD_CODE:
        return errors.refused("bad_code")
    if status == 401:
        return errors.refused("bad_token")
    if status == 403:
        return errors.refused("wrong_station")
    if code in (p.FORK, p.BROKEN_CHAIN):
        return errors.refused(code, seq=body.get("seq", "?"))
    if "error" not in body:
        return errors.not_the_hub(status)
    return errors.refused("malformed", detail=str(body.get("message", code))[:200])


def _json_object(answer: requests.Response) -> dict[str, Any] | None:
    if "json" not in answer.headers.get("content-type", ""):
        return None
    try:
        body = answer.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 160 else text[:157] + "..."
