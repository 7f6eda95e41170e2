"""The one HTTP call the hub's gateways make, telling apart the two failures that matter for
money and messages:

- `NotReached`: no connection was made (refused, no route, name unknown, connect timeout):
  the provider never saw the request, so it may be sent again.
- `NoAnswer`: the request was (or may have been) sent and no whole answer came: the provider
  may have acted on it; only asking it (a query) can tell.
"""

from __future__ import annotations

import http.client
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit


class NotReached(Exception):
    """The provider was not reached: the request was not sent."""


class NoAnswer(Exception):
    """The request may have reached the provider; no (whole) answer came back."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def call(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None, *,
         timeout: float = 10.0, limit: int = 4 * 1024 * 1024) -> Answer:
    """One request; the answer, whatever its status. Raises NotReached / NoAnswer."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NotReached(f"not an http(s) address: {url[:80]}")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    conn: http.client.HTTPConnection
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout,
                                           context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        try:
            conn.connect()
        except (OSError, ssl.SSLError) as exc:
            raise NotReached(f"{parts.hostname}: {exc}") from None
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read(limit + 1)
        except (OSError, http.client.HTTPException) as exc:
            raise NoAnswer(f"{parts.hostname}: {type(exc).__name__}") from None
        if len(data) > limit:
            raise NoAnswer(f"{parts.hostname}: an answer over {limit} bytes")
        return Answer(response.status, data, response.getheader("content-type") or "")
    finally:
        conn.close()

