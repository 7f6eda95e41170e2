"""The hub's guard (ASGI middleware, outermost): what every request goes through before a route.

In order:
1. **Proxies**: `X-Forwarded-Proto` / `X-Forwarded-For` count only from the addresses
   `serve --trusted-proxy` names; then the request's scheme and client are the real ones
   (the session cookie is Secure behind a TLS proxy; limits apply to the real address).
2. **Rates** (`RATES`): enrollment, the login form and the public trace page, per address.
3. **Bodies**: refused (413) when the declared length is over the route's limit, before a byte
   is read; otherwise read here up to the limit as it streams (the station push and evidence
   upload stream through their routes, which count and inflate with their own limits).
4. **Other sites**: an unsafe request (POST, PUT, PATCH, DELETE) that a browser made from
   another site is refused (403), whatever its credentials: `Sec-Fetch-Site`, `Origin`, or
   `Referer` naming another host. With the dashboard's session cookie it must also carry the
   session's CSRF token (`X-CSRF-Token` or the form field `csrf`). With HTTP Basic (machine
   clients) a body type a browser may send across sites (text/plain, forms) is refused (415),
   and no answer to a Basic request sets a cookie.
5. **Headers** on every answer: no framing (X-Frame-Options, CSP frame-ancestors), nosniff,
   Referrer-Policy, a CSP for the pages, HSTS under TLS, no caching of county pages.
Station endpoints (a Bearer token, which no browser adds by itself) skip step 4.

Every refusal is the hub's JSON error (`{"error", "message", "hub_time"}`), or a short Chinese
page for a person in the dashboard.
"""

from __future__ import annotations

import ipaddress
import json
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from html import escape
from typing import Any
from urllib.parse import parse_qs, urlsplit

from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync import protocol as p
from sync.hub import sessions
from sync.hub.lockout import address_key
from sync.hub.store import Hub

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
ZH = "zh_CN"  # the dashboard's language

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_BODY = 64 * 1024
UPLOAD_BODY = 8 * 1024 * 1024
# buffered routes with a larger body than DEFAULT_BODY: (method or None for any, path prefix, bytes)
BODY_LIMITS: list[tuple[str | None, str, int]] = [
    ("POST", "/v1/evidence/missing", 128 * 1024),  # p.MAX_ASK digests of 67 bytes, and room to refuse more
    (None, "/county/", UPLOAD_BODY),
    ("POST", "/dashboard/", UPLOAD_BODY),
]
_PUSH = re.compile(r"^/v1/stations/[^/]+/events$")
_EVIDENCE = re.compile(r"^/v1/evidence/[^/]+$")
STATION_PATHS = ("/v1/enroll", "/v1/stations/", "/v1/evidence/")  # Bearer tokens / a code: no ambient credentials
SIMPLE_TYPES = ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data")
CSRF_HEADER = "x-csrf-token"
LOGIN = "/dashboard/login"

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'none'"  # Swagger UI: its own scripts and styles


@dataclass(frozen=True)
class Rate:
    """At most `burst` requests at once, refilled at `per_minute`, per address."""

    method: str | None
    prefix: str
    burst: int
    per_minute: float


RATES: tuple[Rate, ...] = (
    Rate("POST", "/v1/enroll", 30, 30),  # a county office enrolling a room full of stations behind one address
    Rate("POST", "/dashboard/login", 20, 20),
    Rate(None, "/t/", 60, 60),
)


class RateLimiter:
    """Token buckets per (rule, address), at most `keep` of them (the oldest are forgotten)."""

    def __init__(self, rates: Sequence[Rate], keep: int = 20_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.rates, self.keep, self.clock = tuple(rates), keep, clock
        self._buckets: OrderedDict[tuple[int, str], tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, method: str, path: str, address: str) -> int:
        """0 when the request may go on (and is counted), else the seconds to wait."""
        for n, rate in enumerate(self.rates):
            if (rate.method is None or rate.method == method) and path.startswith(rate.prefix):
                return self._take((n, address_key(address)), rate)
        return 0

    def _take(self, key: tuple[int, str], rate: Rate) -> int:
        now = self.clock()
        per_second = rate.per_minute / 60
        with self._lock:
            tokens, at = self._buckets.pop(key, (float(rate.burst), now))
            tokens = min(float(rate.burst), tokens + (now - at) * per_second)
            if tokens >= 1:
                self._buckets[key] = (tokens - 1, now)
                wait = 0
            else:
                self._buckets[key] = (tokens, now)
                wait = max(1, math.ceil((1 - tokens) / per_second))
            while len(self._buckets) > self.keep:
                self._buckets.popitem(last=False)
        return wait


def parse_networks(texts: Sequence[str]) -> tuple[Network, ...]:
    """`--trusted-proxy` values (addresses or networks). Raises ValueError for anything else."""
    return tuple(ipaddress.ip_network(t.strip(), strict=False) for t in texts if t.strip())


class HubGuard:
    """The middleware; `create_app` puts it outermost."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], *,
                 trusted_proxies: Sequence[Network] = (), rates: Sequence[Rate] = RATES) -> None:
        self.app = app
        self.trusted = tuple(trusted_proxies)
        self.limiter = RateLimiter(rates)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self._proxy(scope)
        request = _Request(scope)
        send = _headers_for(request, send)
        hub: Hub = scope["app"].state.hub
        method, path = request.method, request.path

        wait = self.limiter.wait(method, path, request.address)
        if wait:
            await _refuse(request, send, hub, 429, "busy", f"too many requests from this address: wait {wait} s",
                          headers=[(b"retry-after", str(wait).encode())])
            return

        limit, streamed = body_limit(method, path, hub)
        declared = request.header("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            status = 400 if not declared.isdigit() else 413
            await _refuse(request, send, hub, status, p.MALFORMED if status == 400 else p.TOO_LARGE,
                          f"the body may be at most {limit} bytes", max_body=limit)
            return
        body = b""
        if method in UNSAFE and not streamed:
            read = await _read(receive, limit)
            if read is None:
                await _refuse(request, send, hub, 413, p.TOO_LARGE, f"the body may be at most {limit} bytes",
                              max_body=limit)
                return
            body = read
            receive = _replay(body, receive)

        if method in UNSAFE and not path.startswith(STATION_PATHS):
            refusal = cross_site_refusal(request, hub, body)
            if refusal is not None:
                await _refuse(request, send, hub, *refusal)
                return
        await self.app(scope, receive, send)

    def _proxy(self, scope: Scope) -> None:
        client = scope.get("client")
        if not self.trusted or not client or not _within(client[0], self.trusted):
            return
        request = _Request(scope)
        proto = (request.header("x-forwarded-proto") or "").split(",")[-1].strip().lower()
        if proto in ("http", "https"):
            scope["scheme"] = proto
        hops = ",".join(v for k, v in request.headers if k == "x-forwarded-for")
        for hop in reversed([h.strip() for h in hops.split(",") if h.strip()]):
            try:
                ipaddress.ip_address(hop)
            except ValueError:
                break
            scope["client"] = (hop, 0)
            if not _within(hop, self.trusted):
                break


def body_limit(method: str, path: str, hub: Hub) -> tuple[int, bool]:
    """(the most bytes a request's body may have, whether the route reads it itself)."""
    if method == "POST" and _PUSH.match(path):
        return hub.max_body, True
    if method == "PUT" and _EVIDENCE.match(path):
        return p.MAX_EVIDENCE, True
    for wanted, prefix, limit in BODY_LIMITS:
        if (wanted is None or wanted == method) and path.startswith(prefix):
            return limit, False
    return DEFAULT_BODY, False


def cross_site_refusal(request: _Request, hub: Hub, body: bytes) -> tuple[int, str, str] | None:
    """Why an unsafe request must not go on, or None: (status, error code, message)."""
    site = request.header("sec-fetch-site")
    if site in ("cross-site", "same-site"):
        return 403, "cross_site", "refused: a request from another site"
    origin = request.header("origin")
    referer = request.header("referer")
    if origin is not None:
        if origin == "null" or not _same_host(origin, request):
            return 403, "cross_site", "refused: a request from another site"
    elif referer and not _same_host(referer, request):
        return 403, "cross_site", "refused: a request from another site"
    kind = (request.header("content-type") or "").split(";")[0].strip().lower()
    if request.basic and kind in SIMPLE_TYPES:
        return 415, "unsupported_type", "county staff's HTTP API takes JSON, CSV or file bodies, not forms"
    cookie = request.cookie(sessions.COOKIE)
    if cookie is not None and request.path != LOGIN:  # logging in starts a session: the site checks above suffice
        token = request.header(CSRF_HEADER) or _form_field(kind, request.header("content-type") or "", body, "csrf")
        if not sessions.csrf_ok(hub, cookie, token or ""):
            return 403, "csrf", "this form has expired or did not come from the hub's own page: open the page again"
    return None


def _same_host(url: str, request: _Request) -> bool:
    parts = urlsplit(url)
    host = request.header("host") or ""
    return bool(parts.netloc) and _plain_host(parts.netloc, parts.scheme) == _plain_host(host, request.scheme)


def _plain_host(netloc: str, scheme: str) -> str:
    netloc = netloc.lower().rsplit("@", 1)[-1]
    for default in ((":80",) if scheme == "http" else (":443",) if scheme == "https" else ()):
        if netloc.endswith(default):
            return netloc[: -len(default)]
    return netloc


def _form_field(kind: str, content_type: str, body: bytes, name: str) -> str | None:
    if kind == "application/x-www-form-urlencoded":
        values = parse_qs(body.decode("utf-8", "replace"), max_num_fields=1000).get(name)
        return values[0] if values else None
    if kind == "multipart/form-data":
        message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode("latin-1", "replace")
                                                      + b"\r\n\r\n" + body)
        for part in message.iter_parts():
            if part.get_param("name", header="content-disposition") == name:
                payload = part.get_payload(decode=True)
                return payload.decode("utf-8", "replace").strip() if isinstance(payload, bytes) else None
    return None


def _within(address: str, networks: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


class _Request:
    """What the guard reads of a request (headers decoded once)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.method: str = scope.get("method", "GET")
        self.path: str = scope.get("path", "")
        self.scheme: str = scope.get("scheme", "http")
        self.headers = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope.get("headers", [])]
        client = scope.get("client")
        self.address: str = client[0] if client else ""
        self.basic = (self.header("authorization") or "").lower().startswith("basic ")

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k == name), None)

    def cookie(self, name: str) -> str | None:
        for k, v in self.headers:
            if k == "cookie":
                for part in v.split(";"):
                    key, _, value = part.strip().partition("=")
                    if key == name:
                        return value
        return None

    @property
    def wants_page(self) -> bool:
        return self.path.startswith("/dashboard") or self.path == "/" or self.path.startswith("/t/")


async def _read(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None past `limit` bytes (then the rest is not read)."""
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        body += message.get("body", b"")
        if len(body) > limit:
            return None
        if not message.get("more_body", False):
            break
    return bytes(body)


def _replay(body: bytes, rest: Receive) -> Receive:
    """The body read already, then whatever the connection says next (its disconnect)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await rest()

    return receive


def _headers_for(request: _Request, send: Send) -> Send:
    docs = request.path in ("/docs", "/dashboard/docs") or request.path.startswith("/docs/")
    county_page = request.path == "/" or request.path.startswith(("/dashboard", "/v1/admin", "/county"))

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", [])
                       if not (request.basic and k.lower() == b"set-cookie")]  # Basic: machine clients, no cookie
            present = {k.lower() for k, _ in headers}
            extra = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                     (b"referrer-policy", b"same-origin"),
                     (b"content-security-policy", (DOCS_CSP if docs else CSP).encode())]
            if request.scheme == "https":
                extra.append((b"strict-transport-security", b"max-age=31536000"))
            if county_page:
                extra.append((b"cache-control", b"no-store"))
            headers += [(k, v) for k, v in extra if k not in present]
            message = {**message, "headers": headers}
        await send(message)

    return sending


async def _refuse(request: _Request, send: Send, hub: Hub, status: int, code: str, message: str,
                  headers: Sequence[tuple[bytes, bytes]] = (), **extra: Any) -> None:
    if request.wants_page:
        text = translate("dashboard", _PAGE_TEXT.get(code, REFUSED), ZH)
        body = (f"<!doctype html><html lang=zh-CN><meta charset=utf-8><title>{status}</title>"
                f"<h1>{escape(text)}</h1><p><small>{escape(message)}</small></p>"
                f"<p><a href='/dashboard'>{escape(translate('dashboard', BACK, ZH))}</a></p></html>").encode()
        kind = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"error": code, "message": message, "hub_time": hub.now(), **extra},
                          ensure_ascii=False).encode()
        kind = b"application/json"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


_PAGE_TEXT = {
    "busy": QT_TRANSLATE_NOOP("dashboard", "Too many requests: please wait a moment and try again"),
    "too_large": QT_TRANSLATE_NOOP("dashboard", "What was sent is too large"),
    "cross_site": QT_TRANSLATE_NOOP("dashboard", "Refused: this request came from another website"),
    "csrf": QT_TRANSLATE_NOOP("dashboard", "This page has expired: open it again, then send the form again"),
    "unsupported_type": QT_TRANSLATE_NOOP("dashboard", "This kind of request is not accepted here"),
    "malformed": QT_TRANSLATE_NOOP("dashboard", "The request is not in the right form"),
}
REFUSED = QT_TRANSLATE_NOOP("dashboard", "The request was not accepted")
BACK = QT_TRANSLATE_NOOP("dashboard", "Back to the overview")
