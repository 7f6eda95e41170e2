"""The hub's biller gateway: the interface a real biller adapter implements, a simulated biller,
and the hub's side of paying a bill (`settle`, `follow_up`).

Stations never call a biller. They record `bill.accepted` and push it; the hub pays with the
bill's id (the event's entity id) as the **request id**, which the biller keeps as its
idempotency key: one request id is paid at most once however often it is sent — after a
timeout, a hub restart in the middle of a payment, a station pushing the same batch three
times. When the hub does not know what became of a request it asks (`query`) and sends `pay`
again, with the same id, only when the biller says it never saw it.

Answers become `county.bill_result` hub events (`BillerResult.payload()`), which the station
folds through `station_app.core.bills` without ever letting a repeated or late one regress a bill.

A biller answers paid, failed, pending (充值中) or *partial* (部分成功: `paid_amount` fen of the
amount went through; the station refunds the rest). The real adapter is
`sync.hub.aggregator.AggregatorBiller` (the signed top-up/bill aggregator); `SimulatedBiller`
is for demos and tests only and marks every answer `demo` (the station's receipts say 演示).
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, and_, or_, select

from station_app.clock import iso
from station_app.core import bills as station_bills
from station_app.core.events import Event
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub.db import changes
from sync.hub.inspect import Finding, kept

PAID, FAILED, PENDING, PARTIAL = "paid", "failed", "pending", "partial"
FINAL = (PAID, FAILED, PARTIAL)
DEMO_PAID = "演示：模拟缴费，没有真正支付"  # what a simulated "paid" says, to the station and on its receipts


@dataclass(frozen=True)
class BillRequest:
    """What the hub asks a biller to pay: from one station's `bill.accepted` event."""

    request_id: str
    product: str
    account: str
    amount: int  # fen; the station's fee stays at the station

    @classmethod
    def from_accepted(cls, entity_id: str, payload: dict[str, Any]) -> BillRequest:
        """From a pushed `bill.accepted` event (its entity id and payload)."""
        return cls(entity_id, str(payload["product_id"]), str(payload["account"]), int(payload["amount"]))


@dataclass(frozen=True)
class BillerResult:
    """A biller's answer for one request."""

    request_id: str
    status: str  # paid | failed | pending | partial
    biller_ref: str = ""
    message: str = ""
    at: str = ""
    holder: str = ""  # the account holder's (masked) name, when the biller tells it
    paid_amount: int | None = None  # fen that went through, when partial
    demo: bool = False  # a simulated answer: nothing was paid

    @property
    def final(self) -> bool:
        return self.status in FINAL

    def payload(self) -> dict[str, Any]:
        """The payload of the `county.bill_result` hub event (entity id: the request id)."""
        out: dict[str, Any] = {"request_id": self.request_id, "status": self.status, "biller_ref": self.biller_ref,
                               "message": self.message, "at": self.at}
        if self.holder:
            out["holder"] = self.holder
        if self.status == PARTIAL and self.paid_amount is not None:
            out["paid_amount"] = self.paid_amount
        if self.demo:
            out["demo"] = True
        return out


class BillerTimeout(Exception):
    """No answer in time: the request may or may not have been processed. Ask with `query`."""


class BillerUnavailable(Exception):
    """The biller could not be reached at all, or refused for now; nothing was sent."""


class BillerNeedsCounty(BillerUnavailable):
    """Nothing was sent, and nothing will be until the county acts: its balance with the
    aggregator is too low, or the adapter's configuration (merchant id, key) is refused."""


def order_number(request_id: str) -> str:
    """Our order number for a bill at a biller: derived from the bill's id (the same however
    often it is sent, so the biller's duplicate check is our idempotency), 32 characters of
    letters and digits that no other bill id gives."""
    return "VS" + hashlib.sha256(request_id.encode()).hexdigest()[:30]


class BillerGateway(Protocol):
    """A biller adapter. Both calls may raise BillerTimeout or BillerUnavailable."""

    def pay(self, request_id: str, product: str, account: str, amount: int) -> BillerResult:
        """Pay once per request id; the same id again returns what became of the first."""
        ...

    def query(self, request_id: str) -> BillerResult | None:
        """What became of a request; None when the biller never received it (safe to pay again)."""
        ...


# -- the hub's side ---------------------------------------------------------------------------------


def settle(gateway: BillerGateway, request: BillRequest, *, attempts: int = 3) -> BillerResult | None:
    """Pay a request, or find out what became of an earlier try (after a timeout, a restart).

    Returns the biller's answer (paid, failed, partial or pending: send it down as
    `county.bill_result`) or None when it still cannot be known (nothing to send; try again
    later). Raises BillerNeedsCounty (nothing sent: the county must top up or fix the adapter).
    Never pays twice: `pay` is only ever sent with the request's own id."""
    for _ in range(max(1, attempts)):
        try:
            return gateway.pay(request.request_id, request.product, request.account, request.amount)
        except BillerNeedsCounty:
            raise  # nothing was sent and nothing will be until the county acts: no point asking
        except (BillerTimeout, BillerUnavailable):
            pass
        try:
            known = gateway.query(request.request_id)
        except (BillerTimeout, BillerUnavailable):
            continue
        if known is not None:
            return known
    return None


def follow_up(gateway: BillerGateway, request_id: str) -> BillerResult | None:
    """Ask again about a pending request; None when the biller cannot be reached (or never saw
    it: then `settle` it again)."""
    try:
        return gateway.query(request_id)
    except (BillerTimeout, BillerUnavailable):
        return None


def worth_sending(last_sent: str | None, result: BillerResult) -> bool:
    """Send a result down only when it says something new (stations ignore repeats anyway)."""
    return result.status != last_sent


def county_catalogue(conn: Connection, station_id: str) -> station_bills.Catalogue:
    """The catalogue the county last published to this station (or to all), else the built-in one."""
    row = conn.execute(select(changes.c.payload, changes.c.hub_time)
                       .where(and_(changes.c.kind == "county.biller_catalogue",
                                   or_(changes.c.station_id == station_id, changes.c.station_id.is_(None))))
                       .order_by(changes.c.hub_seq.desc()).limit(1)).first()
    if row is not None:
        payload = json.loads(row.payload)
        specs, problems = station_bills.clean_catalogue(payload)
        if specs:
            products = tuple(station_bills.product_from_spec(s) for s in specs)
            return station_bills.Catalogue(str(payload.get("version", "")), True, products, row.hub_time, len(problems))
    return station_bills.Catalogue("built-in", False, station_bills.DEFAULT_PRODUCTS)


def inspect_bill_accepted(conn: Connection, station_id: str, ev: Event) -> list[Finding]:
    """Hub inspector for `bill.accepted` (register with `inspect.register("bill.accepted", ...)`):
    the product must be in the county's catalogue and the account and amount must keep its
    rules. A station offline with an old catalogue may break them; the event is still stored,
    and the flag travels back to the station (有警告)."""
    p = ev.payload
    try:
        catalogue = kept(("county_catalogue", station_id), lambda: county_catalogue(conn, station_id))
        product = catalogue.product(str(p.get("product_id")))
    except UserError:
        return [Finding("unknown_bill_product", QT_TRANSLATE_NOOP(
            "hubflags", "The county's catalogue has no biller product {product}: it cannot be paid as it is"),
            {"product": str(p.get("product_id"))})]
    try:
        station_bills.check_account(product, str(p.get("account", "")))
        station_bills.check_amount(product, p.get("amount"))
    except UserError:
        return [Finding("bill_breaks_rules", QT_TRANSLATE_NOOP(
            "hubflags", "The account number or amount breaks the county's rules for {product}"),
            {"product": product.label})]
    return []


# -- a simulated biller --------------------------------------------------------------------------


@dataclass
class _Record:
    request_id: str
    product: str
    account: str
    amount: int
    status: str
    final_status: str
    polls_left: int
    biller_ref: str
    message: str
    at: str
    payments: int = 0  # how many times money moved for this request id (must never exceed 1)
    mismatches: list[str] = field(default_factory=list)


class SqliteStore(MutableMapping[str, str]):
    """The simulated biller's idempotency store in a file, so it outlives a hub restart."""

    def __init__(self, path: str | Path) -> None:
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("CREATE TABLE IF NOT EXISTS requests (id TEXT PRIMARY KEY, record TEXT NOT NULL)")

    def __getitem__(self, key: str) -> str:
        row = self._conn.execute("SELECT record FROM requests WHERE id = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return str(row[0])

    def __setitem__(self, key: str, value: str) -> None:
        self._conn.execute("INSERT INTO requests (id, record) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET record = excluded.record",
                           (key, value))

    def __delitem__(self, key: str) -> None:
        self._conn.execute("DELETE FROM requests WHERE id = ?", (key,))

    def __iter__(self) -> Iterator[str]:
        return iter([r[0] for r in self._conn.execute("SELECT id FROM requests ORDER BY id")])

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM requests").fetchone()[0])

    def close(self) -> None:
        self._conn.close()


FAILURE_MESSAGES = ("户号不存在", "账户已销户", "运营商系统维护中", "超过单笔限额")


class SimulatedBiller:
    """A biller for development, demos and tests, with the faults real ones have. It pays
    nothing: every answer says `demo`, and a "paid" one says 演示 in its message.

    Knobs: `failure_rate` (answers failed), `pending_rate` (answers pending, settling after
    `pending_polls` queries), `timeout_rate` (a call raises BillerTimeout; half of those after
    the request was processed, so only `query` can tell), `unavailable_rate` (BillerUnavailable,
    nothing sent), `latency` (seconds, a (low, high) range; a call slower than `timeout` times
    out after it was processed). Outcomes depend only on the seed and the request id, never on
    the order of calls. Thread-safe. `store` keeps the idempotency records (a dict, or a
    `SqliteStore` to survive restarts)."""

    name = "simulated"
    demo = True
    concurrency = 8  # thread-safe (`gateway_pool`)

    def __init__(self, *, failure_rate: float = 0.05, pending_rate: float = 0.1, timeout_rate: float = 0.0,
                 unavailable_rate: float = 0.0, latency: tuple[float, float] = (0.0, 0.0), timeout: float = 10.0,
                 pending_polls: tuple[int, int] = (1, 3), seed: int = 0, sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], datetime] | None = None, store: MutableMapping[str, str] | None = None) -> None:
        self.failure_rate, self.pending_rate = failure_rate, pending_rate
        self.timeout_rate, self.unavailable_rate = timeout_rate, unavailable_rate
        self.latency, self.timeout, self.pending_polls = latency, timeout, pending_polls
        self.seed = seed
        self._sleep = sleep
        self._now = now or (lambda: datetime.now(UTC))
        self._store: MutableMapping[str, str] = {} if store is None else store
        self._lock = threading.Lock()
        self._faults = random.Random(seed ^ 0x5EED)
        self.calls = {"pay": 0, "query": 0}

    # -- the gateway ----------------------------------------------------------------------------

    def pay(self, request_id: str, product: str, account: str, amount: int) -> BillerResult:
        fault = self._fault_before("pay")
        with self._lock:
            self.calls["pay"] += 1
            rec = self._get(request_id)
            if rec is None:
                rec = self._decide(request_id, product, account, amount)
            elif (rec.product, rec.account, rec.amount) != (product, account, amount):
                # a reused id with other details is never a second payment
                rec.mismatches.append(f"{product}/{account}/{amount}")
            self._put(rec)
            result = self._result(rec)
        self._fault_after(fault)
        return result

    def query(self, request_id: str) -> BillerResult | None:
        fault = self._fault_before("query")
        with self._lock:
            self.calls["query"] += 1
            rec = self._get(request_id)
            if rec is None:
                return None
            if rec.status == PENDING:
                rec.polls_left -= 1
                if rec.polls_left <= 0:
                    self._finish(rec)
                self._put(rec)
            result = self._result(rec)
        self._fault_after(fault)
        return result

    # -- what tests and the dashboard look at ---------------------------------------------------

    def payments_made(self, request_id: str) -> int:
        with self._lock:
            rec = self._get(request_id)
            return rec.payments if rec else 0

    def records(self) -> list[_Record]:
        with self._lock:
            return [r for r in (self._get(k) for k in list(self._store)) if r is not None]

    # -- inside ---------------------------------------------------------------------------------

    def _rng(self, request_id: str) -> random.Random:
        digest = hashlib.sha256(f"{self.seed}:{request_id}".encode()).digest()
        return random.Random(int.from_bytes(digest[:8], "big"))

    def _decide(self, request_id: str, product: str, account: str, amount: int) -> _Record:
        rng = self._rng(request_id)
        roll = rng.random()
        final = FAILED if roll < self.failure_rate else PAID
        pending = rng.random() < self.pending_rate
        rec = _Record(request_id, product, account, amount, status=PENDING, final_status=final,
                      polls_left=rng.randint(*self.pending_polls) if pending else 0,
                      biller_ref=f"SB{rng.randrange(10**14):014d}",
                      message=rng.choice(FAILURE_MESSAGES) if final == FAILED else "", at="")
        if not pending:
            self._finish(rec)
        return rec

    def _finish(self, rec: _Record) -> None:
        rec.status = rec.final_status
        rec.at = iso(self._now())
        if rec.status == PAID:
            rec.payments += 1

    def _result(self, rec: _Record) -> BillerResult:
        message = rec.message if rec.status == FAILED else DEMO_PAID if rec.status == PAID else ""
        return BillerResult(rec.request_id, rec.status, rec.biller_ref if rec.status == PAID else "",
                            message, rec.at or iso(self._now()), demo=True)

    def _get(self, request_id: str) -> _Record | None:
        raw = self._store.get(request_id)
        return _Record(**json.loads(raw)) if raw else None

    def _put(self, rec: _Record) -> None:
        self._store[rec.request_id] = json.dumps(asdict(rec), ensure_ascii=False)

    def _fault_before(self, call: str) -> tuple[bool, float]:
        """Raise the faults that strike before the request arrives; return (answer lost, delay)
        for `_fault_after`. Kept local so concurrent calls never share them."""
        with self._lock:
            unavailable = self._faults.random() < self.unavailable_rate
            lost = self._faults.random() < self.timeout_rate
            before = self._faults.random() < 0.5
            delay = self._faults.uniform(*self.latency) if self.latency[1] > 0 else 0.0
        if unavailable:
            raise BillerUnavailable(f"{call}: the biller cannot be reached")
        if lost and before:
            self._sleep(self.timeout)
            raise BillerTimeout(f"{call}: no answer (the request never arrived)")
        return lost, delay

    def _fault_after(self, fault: tuple[bool, float]) -> None:
        lost, delay = fault
        if delay > self.timeout:
            self._sleep(self.timeout)
            raise BillerTimeout("no answer in time (the request was processed)")
        if delay:
            self._sleep(delay)
        if lost:
            raise BillerTimeout("no answer (the answer was lost after the request was processed)")
