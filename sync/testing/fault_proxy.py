"""A TCP proxy between a station and the hub that breaks things on purpose.

Per connection a `Plan` says where to cut (after N bytes towards the hub or N bytes
back: the connection is reset there, mid-header or mid-body), or what to answer instead
of the hub (a captive portal's page). The link can be slowed to a 2G line: a bandwidth
in bit/s and a round-trip time, with a delay line so packets in flight overlap as on a
real link. It counts the bytes it carried in each direction.
"""

from __future__ import annotations

import contextlib
import queue
import random
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

CHUNK = 1460  # about one TCP segment


@dataclass(frozen=True)
class Plan:
    cut_up: int | None = None  # reset after this many bytes station -> hub
    cut_down: int | None = None  # reset after this many bytes hub -> station
    reply: bytes | None = None  # answer this instead of forwarding


def random_cuts(seed: int, probability: float = 0.5, up_to: int = 4000) -> Callable[[int], Plan]:
    """Plans cutting about `probability` of connections at a random byte (either way)."""
    rng = random.Random(seed)

    def plan(_n: int) -> Plan:
        if rng.random() >= probability:
            return Plan()
        position = rng.randrange(up_to)
        return Plan(cut_up=position) if rng.random() < 0.5 else Plan(cut_down=position)

    return plan


def http_reply(status: int, body: bytes, content_type: str = "text/html; charset=utf-8") -> bytes:
    return (f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n").encode() + body


CAPTIVE_PORTAL = http_reply(200, "<html><body><h1>欢迎使用免费WiFi</h1>请先登录</body></html>".encode())


class FaultProxy:
    def __init__(self, upstream_port: int, *, upstream_host: str = "127.0.0.1",
                 plan: Callable[[int], Plan] | None = None, rate_bps: float | None = None, rtt: float = 0.0) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.plan = plan or (lambda _n: Plan())
        self.rate_bps, self.rtt = rate_bps, rtt
        self.bytes_up = self.bytes_down = self.connections = self.cuts = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._open: set[socket.socket] = set()
        self._stopping = False
        self._thread = threading.Thread(target=self._accept, daemon=True, name="fault-proxy")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping = True
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        self._listener.close()
        with self._lock:
            for s in list(self._open):
                _reset(s)
        self._thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _accept(self) -> None:
        while not self._stopping:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                n = self.connections
                self.connections += 1
            threading.Thread(target=self._serve, args=(client, self.plan(n)), daemon=True).start()

    def _serve(self, client: socket.socket, plan: Plan) -> None:
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if plan.reply is not None:
            with contextlib.suppress(OSError):
                client.settimeout(5)
                client.recv(65536)
                client.sendall(plan.reply)
            client.close()
            return
        try:
            upstream = socket.create_connection(self.upstream, timeout=10)
        except OSError:
            _reset(client)
            return
        upstream.settimeout(None)
        upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._lock:
            self._open.update((client, upstream))
        pair = (client, upstream)
        other = threading.Thread(target=self._pump, args=(client, upstream, plan.cut_up, True, pair), daemon=True)
        other.start()
        self._pump(upstream, client, plan.cut_down, False, pair)
        other.join()
        with self._lock:
            self._open.difference_update(pair)
        for s in pair:
            with contextlib.suppress(OSError):
                s.close()

    def _pump(self, src: socket.socket, dst: socket.socket, cut: int | None, up: bool,
              pair: tuple[socket.socket, socket.socket]) -> None:
        """Read from src; deliver to dst through the emulated link; cut at `cut` bytes."""
        line: queue.Queue[tuple[float, bytes] | None] = queue.Queue()
        sender = threading.Thread(target=self._deliver, args=(line, dst, cut, up, pair), daemon=True)
        sender.start()
        free_at = 0.0
        try:
            while True:
                data = src.recv(CHUNK)
                if not data:
                    break
                now = time.monotonic()
                if self.rate_bps:
                    free_at = max(now, free_at) + len(data) * 8 / self.rate_bps
                    line.put((free_at + self.rtt / 2, data))
                else:
                    line.put((now + self.rtt / 2, data))
        except OSError:
            pass
        line.put(None)
        sender.join()

    def _deliver(self, line: queue.Queue[tuple[float, bytes] | None], dst: socket.socket, cut: int | None, up: bool,
                 pair: tuple[socket.socket, socket.socket]) -> None:
        sent = 0
        while True:
            item = line.get()
            if item is None:
                with contextlib.suppress(OSError):
                    dst.shutdown(socket.SHUT_WR)
                return
            due, data = item
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            if cut is not None and sent + len(data) >= cut:
                data = data[:cut - sent]
                self._count(up, len(data))
                with contextlib.suppress(OSError):
                    dst.sendall(data)
                with self._lock:
                    self.cuts += 1
                for s in pair:
                    _reset(s)
                return
            try:
                dst.sendall(data)
            except OSError:
                for s in pair:
                    _reset(s)
                return
            sent += len(data)
            self._count(up, len(data))

    def _count(self, up: bool, n: int) -> None:
        with self._lock:
            if up:
                self.bytes_up += n
            else:
                self.bytes_down += n


def _reset(s: socket.socket) -> None:
    """Drop a connection hard (RST), as a broken link does. Shutting the reading side first
    wakes the thread blocked reading it, so the close really happens now."""
    with contextlib.suppress(OSError):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        s.shutdown(socket.SHUT_RD)
    with contextlib.suppress(OSError):
        s.close()
