"""Bill payment and top-up (代缴费 / 话费充值): accepted at the station, paid by the county hub.

The station never calls a biller. It takes the villager's cash and records `bill.accepted`
(受理); the event goes up with the next sync, the hub pays the biller with the bill's id as
the request id (the idempotency key, so no retry anywhere can pay twice) and sends the
outcome down as a hub event `county.bill_result`. Until then the bill is only *accepted*,
and every receipt says exactly that.

A bill's state is ranked and only moves forward:

    accepted (0) < pending (1) < paid (2)
                               < refund_due (2, the biller said failed) < refunded (3)

Results that arrive twice or out of order never lower it. A result that contradicts a
final state (paid after the cash was refunded, failed after paid) does not move it either:
it raises a conflict on the bill for a person to settle, and is never dropped.

Money (cash ledger): accepting posts drawer +(amount + fee), payable:bills -amount,
income:bills -fee. Results post nothing (they often arrive at night with no cash day
open). A refund hands back the amount AND the fee (policy: the villager got no service, so
the station keeps nothing): payable:bills +amount, income:bills +fee, drawer -(amount + fee).
The commission the county pays per paid bill is recorded for the figures only; the county
settles it with the station outside the drawer.

Account numbers travel whole in `bill.accepted` because the hub pays with them (for
城乡居民医保 that is the insured person's ID number); screens and receipts mask them.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from station_app.clock import SHANGHAI, iso, local_day, parse_iso, show
from station_app.core import cash, events, people, settings
from station_app.core.events import Event, canonical
from station_app.core.identity import check_id_number, clean_phone, mask_id, mask_phone
from station_app.core.money import check_fen, format_fen
from station_app.core.operators import Operator, check_name
from station_app.core.station import get_station
from station_app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from station_app.ids import new_id

SERVICE = "bills"
PAYABLE, INCOME = "payable:bills", "income:bills"

KINDS: dict[str, str] = {
    "electricity": QT_TRANSLATE_NOOP("bills", "Electricity"),
    "water": QT_TRANSLATE_NOOP("bills", "Water"),
    "phone": QT_TRANSLATE_NOOP("bills", "Phone top-up"),
    "cable_tv": QT_TRANSLATE_NOOP("bills", "Cable TV"),
    "health_insurance": QT_TRANSLATE_NOOP("bills", "Rural health insurance"),
    "other": QT_TRANSLATE_NOOP("bills", "Other"),
}

ACCEPTED, PENDING, PAID, REFUND_DUE, REFUNDED = "accepted", "pending", "paid", "refund_due", "refunded"
STATES: dict[str, str] = {
    ACCEPTED: QT_TRANSLATE_NOOP("bills", "Accepted, waiting to go to the county"),
    PENDING: QT_TRANSLATE_NOOP("bills", "Being paid"),
    PAID: QT_TRANSLATE_NOOP("bills", "Paid"),
    REFUND_DUE: QT_TRANSLATE_NOOP("bills", "Failed: refund due"),
    REFUNDED: QT_TRANSLATE_NOOP("bills", "Refunded"),
}
RANK = {ACCEPTED: 0, PENDING: 1, PAID: 2, REFUND_DUE: 2, REFUNDED: 3}
#: what the hub may report for a request; "submitted" (handed to the biller) ranks as pending
RESULT_STATUSES = ("submitted", "pending", "paid", "failed")

CONFLICTS: dict[str, str] = {
    "paid_after_refund": QT_TRANSLATE_NOOP(
        "bills", "The county reports this bill PAID after the cash was refunded: the biller and the payer both "
                 "have the money. Call the county."),
    "paid_after_failed": QT_TRANSLATE_NOOP(
        "bills", "The county first reported this bill failed, then paid: it is paid and no refund is owed. "
                 "Check the biller's reference."),
    "failed_after_paid": QT_TRANSLATE_NOOP(
        "bills", "The county reports this bill failed after reporting it paid. It stays paid; ask the county "
                 "which is right."),
    "second_reference": QT_TRANSLATE_NOOP(
        "bills", "The county reported this bill paid twice with different references ({detail}). Ask the "
                 "county whether it was paid twice."),
}
NAME_CHECKS: dict[str, str] = {
    "not_offered": QT_TRANSLATE_NOOP("bills", "Not offered by this biller"),
    "not_checked": QT_TRANSLATE_NOOP("bills", "Not checked (offline)"),
    "reported": QT_TRANSLATE_NOOP("bills", "Holder reported by the biller"),
    "matches": QT_TRANSLATE_NOOP("bills", "Holder matches"),
    "differs": QT_TRANSLATE_NOOP("bills", "Holder differs: check with the payer"),
}


# -- the catalogue (county-owned; a built-in one until the county sends its own) ------------------


def _phone_rule() -> dict[str, Any]:
    return {"label": "手机号码", "pattern": r"^1[3-9]\d{9}$", "min_len": 11, "max_len": 11, "check": "phone"}


def _top_up(biller_id: str, name: str) -> dict[str, Any]:
    return {"id": biller_id, "name": name, "kind": "phone", "products": [
        {"id": f"{biller_id}.topup", "name": "话费充值", "account": _phone_rule(),
         "face_values": [3000, 5000, 10000, 20000], "fee": 0, "commission_bp": 50, "name_check": False}]}


DEFAULT_CATALOGUE: dict[str, Any] = {"version": "built-in", "billers": [
    {"id": "sgcc", "name": "国家电网", "kind": "electricity", "products": [
        {"id": "sgcc.power", "name": "电费", "account": {"label": "电费户号", "pattern": r"^\d{10,20}$", "min_len": 10,
                                                      "max_len": 20},
         "min_fen": 100, "max_fen": 500_000, "fee": 0, "commission_bp": 20, "name_check": True}]},
    {"id": "csg", "name": "南方电网", "kind": "electricity", "products": [
        {"id": "csg.power", "name": "电费", "account": {"label": "电费户号", "pattern": r"^\d{10,20}$", "min_len": 10,
                                                     "max_len": 20},
         "min_fen": 100, "max_fen": 500_000, "fee": 0, "commission_bp": 20, "name_check": True}]},
    {"id": "water", "name": "县自来水公司", "kind": "water", "products": [
        {"id": "water.bill", "name": "水费", "account": {"label": "水费户号", "pattern": r"^\d{6,12}$", "min_len": 6,
                                                      "max_len": 12},
         "min_fen": 100, "max_fen": 200_000, "fee": 100, "commission_bp": 0, "name_check": True}]},
    _top_up("cmcc", "中国移动"),
    _top_up("cucc", "中国联通"),
    _top_up("ctcc", "中国电信"),
    {"id": "catv", "name": "广电有线电视", "kind": "cable_tv", "products": [
        {"id": "catv.fee", "name": "收视费", "account": {"label": "智能卡号", "pattern": r"^\d{8,16}$", "min_len": 8,
                                                      "max_len": 16},
         "min_fen": 1_000, "max_fen": 100_000, "fee": 100, "commission_bp": 0, "name_check": True}]},
    {"id": "nhis", "name": "城乡居民医保", "kind": "health_insurance", "products": [
        {"id": "nhis.annual", "name": "年度个人缴费", "account": {"label": "参保人身份证号", "pattern": r"^\d{17}[\dX]$",
                                                            "min_len": 18, "max_len": 18, "check": "id_card"},
         "fixed_amount": 38_000, "fee": 0, "commission_bp": 0, "name_check": True}]},
]}


@dataclass(frozen=True)
class AccountRule:
    label: str
    pattern: str
    min_len: int
    max_len: int
    check: str = ""  # "", "phone" or "id_card"


@dataclass(frozen=True)
class Product:
    id: str
    biller_id: str
    biller_name: str
    kind: str
    name: str
    rule: AccountRule
    face_values: tuple[int, ...] = ()
    fixed_amount: int | None = None
    min_fen: int = 1
    max_fen: int = 500_000
    fee: int = 0
    commission_bp: int = 0  # what the county pays the station per paid bill, in 1/10000 of the amount
    name_check: bool = False

    @property
    def label(self) -> str:
        return f"{self.biller_name} {self.name}"

    def amount_hint(self) -> str:
        if self.fixed_amount is not None:
            return format_fen(self.fixed_amount)
        if self.face_values:
            return " / ".join(format_fen(v) for v in self.face_values)
        return f"{format_fen(self.min_fen)} – {format_fen(self.max_fen)}"


@dataclass(frozen=True)
class Catalogue:
    version: str
    from_county: bool
    products: tuple[Product, ...]
    received_at: str | None = None
    skipped: int = 0  # products of the county's catalogue that were not usable

    def product(self, product_id: str) -> Product:
        for p in self.products:
            if p.id == product_id:
                return p
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No biller product {product} in the catalogue"), product=product_id)


def clean_catalogue(payload: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """The usable products of a catalogue payload as flat specs, and what was wrong with the rest.
    Deterministic (it runs inside the catalogue applier)."""
    specs: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    billers = payload.get("billers")
    for biller in billers if isinstance(billers, list) else []:
        if not isinstance(biller, dict):
            problems.append("a biller is not an object")
            continue
        for product in biller.get("products") or []:
            try:
                spec = _clean_product(biller, product)
            except (TypeError, ValueError, KeyError, re.error) as exc:
                problems.append(f"{biller.get('id')}/{product.get('id') if isinstance(product, dict) else '?'}: {exc}")
                continue
            if spec["id"] in seen:
                problems.append(f"{spec['id']}: listed twice")
                continue
            seen.add(spec["id"])
            specs.append(spec)
    return specs, problems


def _int(value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{what} must be a whole number from {low} to {high}")
    return value


def _clean_product(biller: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    text = {k: str(v).strip() for k, v in (("biller_id", biller["id"]), ("biller", biller["name"]), ("id", p["id"]),
                                           ("name", p["name"]))}
    if not all(text.values()):
        raise ValueError("ids and names are required")
    kind = p.get("kind") or biller.get("kind") or "other"
    acc = p["account"]
    pattern, check = str(acc["pattern"]), str(acc.get("check") or "")
    low_len, high_len = _int(acc.get("min_len", 1), 1, 64, "min_len"), _int(acc.get("max_len", 64), 1, 64, "max_len")
    re.compile(pattern)
    if low_len > high_len or check not in ("", "phone", "id_card"):
        raise ValueError("bad account rule")
    rule = {"label": str(acc.get("label") or "账号"), "pattern": pattern, "min_len": low_len, "max_len": high_len,
            "check": check}
    face = [_int(v, 1, 100_000_000, "face value") for v in p.get("face_values") or []]
    fixed = p.get("fixed_amount")
    if fixed is not None:
        fixed = _int(fixed, 1, 100_000_000, "fixed_amount")
    low = _int(p.get("min_fen", min(face or [fixed or 1])), 1, 100_000_000, "min_fen")
    high = _int(p.get("max_fen", max(face or [fixed or 500_000])), low, 100_000_000, "max_fen")
    if any(not low <= v <= high for v in face) or (fixed is not None and not low <= fixed <= high):
        raise ValueError("a face value or the fixed amount is outside the limits")
    return {**text, "kind": kind if kind in KINDS else "other", "account": rule, "face_values": sorted(set(face)),
            "fixed_amount": fixed, "min_fen": low, "max_fen": high, "fee": _int(p.get("fee", 0), 0, 100_000, "fee"),
            "commission_bp": _int(p.get("commission_bp", 0), 0, 10_000, "commission_bp"),
            "name_check": bool(p.get("name_check", False))}


def product_from_spec(spec: dict[str, Any]) -> Product:
    return Product(id=spec["id"], biller_id=spec["biller_id"], biller_name=spec["biller"], kind=spec["kind"],
                   name=spec["name"], rule=AccountRule(**spec["account"]), face_values=tuple(spec["face_values"]),
                   fixed_amount=spec["fixed_amount"], min_fen=spec["min_fen"], max_fen=spec["max_fen"], fee=spec["fee"],
                   commission_bp=spec["commission_bp"], name_check=spec["name_check"])


DEFAULT_PRODUCTS = tuple(product_from_spec(s) for s in clean_catalogue(DEFAULT_CATALOGUE)[0])


def catalogue(db: Any) -> Catalogue:
    """The county's catalogue when it has sent one, else the built-in default (say so on screen)."""
    head = db.row("SELECT * FROM bill_catalogue WHERE id = 1")
    if head is None:
        return Catalogue("built-in", False, DEFAULT_PRODUCTS)
    products = tuple(product_from_spec(json.loads(r["spec"])) for r in db.rows("SELECT spec FROM bill_products ORDER BY sort"))
    return Catalogue(head["version"], True, products, head["received_at"], head["skipped"])


# -- checking what the operator typed -------------------------------------------------------------


def _plain(text: str | None) -> str:
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text or "")).upper()


def check_account(product: Product, text: str) -> str:
    """The account number (typed or scanned) normalised, or ValidationError naming the rule."""
    rule = product.rule
    if rule.check == "phone":
        return clean_phone(text)
    if rule.check == "id_card":
        return check_id_number(text)[0]
    account = _plain(text)
    if not rule.min_len <= len(account) <= rule.max_len:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "{label} must have {low} to {high} characters ('{text}' has {n})"),
            label=rule.label, low=rule.min_len, high=rule.max_len, text=text, n=len(account))
    if not re.fullmatch(rule.pattern, account):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{text}' is not a valid {label} for {biller}"),
                              text=text, label=rule.label, biller=product.biller_name)
    return account


def check_amount(product: Product, amount: int | None) -> int:
    """The amount to pay: the fixed amount, one of the face values, or within the limits."""
    if product.fixed_amount is not None:
        if amount not in (None, product.fixed_amount):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "{product} is always {amount}"),
                                  product=product.label, amount=format_fen(product.fixed_amount))
        return product.fixed_amount
    if amount is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Enter the amount to pay"))
    amount = check_fen(amount, allow_zero=False)
    if product.face_values and amount not in product.face_values:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{product} comes in {values} only"),
                              product=product.label, values=product.amount_hint())
    if not product.min_fen <= amount <= product.max_fen:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "{product}: pay from {low} to {high} at a time"),
                              product=product.label, low=format_fen(product.min_fen), high=format_fen(product.max_fen))
    return amount


def mask_account(account: str) -> str:
    if len(account) == 18 and account[:17].isdigit():
        return mask_id(account)
    if len(account) == 11 and account.startswith("1") and account.isdigit():
        return mask_phone(account)
    return account[:3] + "*" * (len(account) - 7) + account[-4:] if len(account) > 8 else account


# -- bills ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bill:
    id: str  # the request id the hub pays with: the idempotency key
    receipt_no: str
    product_id: str
    biller_id: str
    biller_name: str
    product_name: str
    kind: str
    account: str
    amount: int
    fee: int
    commission: int
    cash_received: int
    change: int
    payer_id: str | None
    payer_name: str
    operator_id: str
    state: str
    accepted_at: str
    pending_since: str | None = None
    paid_at: str | None = None
    failed_at: str | None = None
    refunded_at: str | None = None
    biller_ref: str = ""
    result_message: str = ""
    name_check: str = "not_checked"
    holder_expected: str = ""
    holder_reported: str = ""
    refund_no: str | None = None
    refund_fee: int = 0
    refunded_by: str | None = None
    conflict: str = ""
    conflict_detail: str = ""
    conflict_note: str = ""
    duplicate_of: str | None = None

    @property
    def total(self) -> int:
        return self.amount + self.fee

    @property
    def account_masked(self) -> str:
        return mask_account(self.account)

    @property
    def label(self) -> str:
        return f"{self.biller_name} {self.product_name}"

    def state_text(self) -> str:
        return translate("bills", STATES[self.state])

    def conflict_text(self) -> str:
        return translate("bills", CONFLICTS[self.conflict]).format(detail=self.conflict_detail) if self.conflict else ""

    def age(self, now: datetime) -> timedelta:
        return now - parse_iso(self.accepted_at)


class DuplicatePayment(Conflict):
    """The same account was paid a few minutes ago; the operator must confirm a second payment."""

    def __init__(self, previous: Bill, minutes: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "{account} was already paid {minutes} minutes ago ({amount}, receipt {receipt}). "
                                        "Take it again only if the payer really wants to pay twice."),
            account=previous.account_masked, minutes=minutes, amount=format_fen(previous.amount),
            receipt=previous.receipt_no)
        self.previous = previous


_BILL_FIELDS = tuple(Bill.__dataclass_fields__)


def _bill(r: Any) -> Bill:
    return Bill(**{k: r[k] for k in _BILL_FIELDS})


def get_bill(db: Any, bill_id: str) -> Bill:
    row = db.row("SELECT * FROM bills WHERE id = ?", (bill_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such bill payment"))
    return _bill(row)


def find_bills(db: Any, text: str, limit: int = 50) -> list[Bill]:
    """By receipt number, or by account number (whole or its last digits), newest first."""
    q, number = _plain(text), "".join((text or "").split()).upper()
    if not q:
        return []
    rows = db.rows("SELECT * FROM bills WHERE receipt_no = ? OR refund_no = ? OR account = ? OR account LIKE ? "
                   "ORDER BY accepted_at DESC LIMIT ?", (number, number, q, f"%{q}", limit))
    return [_bill(r) for r in rows]


def bills_in(db: Any, *states: str, limit: int = 500) -> list[Bill]:
    """Bills in these states, oldest first (the ones waiting longest come first)."""
    marks = ",".join("?" * len(states))
    rows = db.rows(f"SELECT * FROM bills WHERE state IN ({marks}) ORDER BY accepted_at, receipt_no LIMIT ?",
                   (*states, limit))
    return [_bill(r) for r in rows]


def waiting(db: Any) -> list[Bill]:
    """Accepted or being paid: the county has not said paid or failed yet."""
    return bills_in(db, ACCEPTED, PENDING)


def refunds_due(db: Any) -> list[Bill]:
    return bills_in(db, REFUND_DUE)


def conflicts(db: Any) -> list[Bill]:
    return [_bill(r) for r in db.rows("SELECT * FROM bills WHERE conflict != '' ORDER BY accepted_at")]


def paid_on(db: Any, day: date) -> list[Bill]:
    a, b = day_bounds(day)
    return [_bill(r) for r in db.rows("SELECT * FROM bills WHERE paid_at >= ? AND paid_at < ? AND state = 'paid' "
                                      "ORDER BY paid_at", (a, b))]


def is_overdue(db: Any, bill: Bill) -> bool:
    """Waiting longer than the county's `bills.overdue_hours` (shown so someone asks)."""
    return bill.state in (ACCEPTED, PENDING) and bill.age(db.clock.now()) > timedelta(hours=settings.get(db, "bills.overdue_hours"))


def results_for(db: Any, bill_id: str) -> list[dict[str, Any]]:
    """Every result the county sent for a bill, in the order they arrived, with what each did."""
    return [dict(r) for r in db.rows("SELECT * FROM bill_results WHERE request_id = ? ORDER BY rowid", (bill_id,))]


def recent_payment(db: Any, product: Product, account: str) -> Bill | None:
    """A payment to the same biller account within `bills.duplicate_minutes` (not failed ones)."""
    since = iso(db.clock.now() - timedelta(minutes=settings.get(db, "bills.duplicate_minutes")))
    row = db.row("SELECT * FROM bills WHERE biller_id = ? AND account = ? AND accepted_at >= ? "
                 "AND state IN ('accepted', 'pending', 'paid') ORDER BY accepted_at DESC LIMIT 1",
                 (product.biller_id, account, since))
    return _bill(row) if row else None


@dataclass(frozen=True)
class Quote:
    amount: int
    fee: int

    @property
    def total(self) -> int:
        return self.amount + self.fee


def quote(db: Any, *, product_id: str, amount: int | None) -> Quote:
    """What the payer hands over for this product and amount (ValidationError for a bad amount)."""
    product = catalogue(db).product(product_id)
    return Quote(check_amount(product, amount), product.fee)


def _number(db: Any, column: str, prefix: str) -> str:
    day = local_day(db.clock.now()).strftime("%Y%m%d")
    n = int(db.value(f"SELECT count(*) FROM bills WHERE {column} LIKE ?", (f"{prefix}{day}-%",), default=0)) + 1
    return f"{prefix}{day}-{n:03d}"


def accept_payment(db: Any, actor: Operator, *, product_id: str, account: str, amount: int | None = None,
                   cash_received: int | None = None, payer_id: str | None = None, payer_name: str = "",
                   holder_name: str = "", confirm_duplicate: bool = False) -> Bill:
    """Take a villager's cash for a bill or top-up (受理). The bill is NOT paid yet: the county
    hub pays it after the next sync. `cash_received` defaults to exactly amount + fee.

    Raises ValidationError (account rule, amount, cash short, payer), NotFound (product, person),
    DuplicatePayment when the same account was paid within `bills.duplicate_minutes` and
    `confirm_duplicate` is not set."""
    product = catalogue(db).product(product_id)
    account = check_account(product, account)
    amount = check_amount(product, amount)
    total = amount + product.fee
    received = total if cash_received is None else check_fen(cash_received)
    if received < total:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Cash received {cash} is less than the {total} to pay"),
                              cash=format_fen(received), total=format_fen(total))
    if payer_id:
        payer_name = people.get_person(db, payer_id).name
    elif payer_name.strip():
        payer_name = check_name(payer_name)
    holder = " ".join(holder_name.split())[:30]
    with db.transaction():
        previous = recent_payment(db, product, account)
        if previous and not confirm_duplicate:
            minutes = int(previous.age(db.clock.now()).total_seconds() // 60)
            raise DuplicatePayment(previous, max(0, minutes))
        cash.ensure_open(db, actor)
        bill_id = new_id()
        events.record(db, actor.id, "bill.accepted", bill_id, {
            "receipt_no": _number(db, "receipt_no", "JF"), "product_id": product.id, "biller_id": product.biller_id,
            "biller_name": product.biller_name, "product_name": product.name, "kind": product.kind,
            "account": account, "amount": amount, "fee": product.fee,
            "commission": amount * product.commission_bp // 10_000, "cash_received": received,
            "change": received - total, "payer_id": payer_id or None, "payer_name": payer_name.strip(),
            "name_check": "not_checked" if product.name_check else "not_offered", "holder_expected": holder,
            "duplicate_of": previous.id if previous else None, "at": iso(db.clock.now())})
    return get_bill(db, bill_id)


def refund_bill(db: Any, actor: Operator, *, bill_id: str) -> Bill:
    """Hand the cash of a failed bill back to the payer (amount and fee), with a refund receipt
    the payer signs. Raises NotFound, Conflict (not failed, already refunded, drawer short)."""
    with db.transaction():
        bill = get_bill(db, bill_id)
        if bill.state == REFUNDED:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "This bill was already refunded on {time} (receipt {receipt})"),
                           time=show(bill.refunded_at or bill.accepted_at), receipt=bill.refund_no)
        if bill.state != REFUND_DUE:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Only a bill the county reported failed can be refunded; this one is: {state}"),
                           state=bill.state_text())
        cash.ensure_open(db, actor)
        cash.require_cash(db, bill.total)
        events.record(db, actor.id, "bill.refunded", bill_id, {
            "refund_no": _number(db, "refund_no", "TK"), "amount": bill.amount, "fee": bill.fee,
            "at": iso(db.clock.now())})
    return get_bill(db, bill_id)


def settle_conflict(db: Any, actor: Operator, *, bill_id: str, note: str) -> Bill:
    """A manager notes how a conflicting result was sorted out with the county; clears the flag."""
    if not actor.is_manager:
        raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "Only a manager can settle a conflict"))
    note = " ".join((note or "").split())[:500]
    if not note:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Write down how it was settled"))
    with db.transaction():
        if not get_bill(db, bill_id).conflict:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "This bill has no conflict to settle"))
        events.record(db, actor.id, "bill.conflict_settled", bill_id, {"note": note, "at": iso(db.clock.now())})
    return get_bill(db, bill_id)


# -- receipts (what each may say; printer.templates lays them out) ---------------------------------

RECEIPT_TITLES = {
    "accepted": QT_TRANSLATE_NOOP("bills", "Bill payment acceptance slip"),
    "paid": QT_TRANSLATE_NOOP("bills", "Bill payment success receipt"),
    "failed": QT_TRANSLATE_NOOP("bills", "Bill payment failure notice"),
    "refunded": QT_TRANSLATE_NOOP("bills", "Bill payment refund receipt"),
}
RECEIPT_NOTICES = {
    "accepted": QT_TRANSLATE_NOOP("bills", "Accepted, NOT yet paid. Only the payment success receipt proves payment."),
    "paid": QT_TRANSLATE_NOOP("bills", "Paid: the biller has confirmed this payment."),
    "failed": QT_TRANSLATE_NOOP("bills", "The payment failed. The full amount and fee are refunded at the station."),
    "refunded": QT_TRANSLATE_NOOP("bills", "Refunded in full in cash. The payer signs below."),
}
#: the receipts a bill may have in each state, the one for the state last
RECEIPT_KINDS = {ACCEPTED: ("accepted",), PENDING: ("accepted",), PAID: ("accepted", "paid"),
                 REFUND_DUE: ("accepted", "failed"), REFUNDED: ("accepted", "failed", "refunded")}


@dataclass(frozen=True)
class BillReceipt:
    """One receipt of a bill: what it is, and everything printed on it."""

    kind: str  # accepted | paid | failed | refunded
    bill: Bill
    station: str
    operator: str

    @property
    def number(self) -> str:
        return (self.bill.refund_no or "") if self.kind == "refunded" else self.bill.receipt_no

    @property
    def title(self) -> str:
        return translate("bills", RECEIPT_TITLES[self.kind])

    @property
    def notice(self) -> str:
        return translate("bills", RECEIPT_NOTICES[self.kind])

    @property
    def account_name(self) -> str:
        """The holder the biller reported, else the payer; shown with the name-check result."""
        return self.bill.holder_reported or self.bill.payer_name


def receipt(db: Any, bill_id: str, kind: str | None = None) -> BillReceipt:
    """A receipt the bill may have now (default: the one for its state). A success receipt
    exists only for a paid bill, a refund receipt only for a refunded one: Conflict otherwise,
    so no receipt ever claims more than is true."""
    bill = get_bill(db, bill_id)
    allowed = RECEIPT_KINDS[bill.state]
    kind = kind or allowed[-1]
    if kind not in allowed:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "No such receipt for this bill: it is {state}"), state=bill.state_text())
    operator = db.value("SELECT name FROM operators WHERE id = ?", (bill.refunded_by if kind == "refunded" else bill.operator_id,),
                        default="")
    station = get_station(db)
    return BillReceipt(kind, bill, station.name if station else "", operator)


# -- daily figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    count: int = 0
    amount: int = 0


@dataclass(frozen=True)
class BillerFigures:
    biller_id: str
    biller_name: str
    accepted: Tally = Tally()
    fees: int = 0
    paid: Tally = Tally()
    commission: int = 0
    failed: Tally = Tally()
    refunded: Tally = Tally()  # cash handed back: amount and fee


@dataclass(frozen=True)
class DayFigures:
    day: date
    billers: list[BillerFigures]
    total: BillerFigures
    waiting_now: Tally
    refund_due_now: Tally
    conflicts_now: int
    by_state: dict[str, int] = field(default_factory=dict)


def day_bounds(day: date) -> tuple[str, str]:
    start = datetime.combine(day, time(0), SHANGHAI)
    return iso(start), iso(start + timedelta(days=1))


def daily_figures(db: Any, day: date) -> DayFigures:
    """One local (Shanghai) day: accepted, paid, failed and refunded, counts and amounts, per biller."""
    a, b = day_bounds(day)
    per: dict[str, dict[str, Any]] = {}
    queries = {
        "accepted": ("accepted_at", "amount", "fee", "1 = 1"),
        "paid": ("paid_at", "amount", "commission", "state = 'paid'"),
        "failed": ("failed_at", "amount", "0", "state IN ('refund_due', 'refunded')"),
        "refunded": ("refunded_at", "amount + refund_fee", "0", "state = 'refunded'"),
    }
    for what, (column, money, extra, where) in queries.items():
        for r in db.rows(f"SELECT biller_id, biller_name, count(*) AS n, sum({money}) AS m, sum({extra}) AS x "
                         f"FROM bills WHERE {column} >= ? AND {column} < ? AND {where} GROUP BY biller_id", (a, b)):
            line = per.setdefault(r["biller_id"], {"biller_id": r["biller_id"], "biller_name": r["biller_name"]})
            line[what] = Tally(r["n"], r["m"])
            if what == "accepted":
                line["fees"] = r["x"]
            elif what == "paid":
                line["commission"] = r["x"]
    lines = [BillerFigures(**v) for _, v in sorted(per.items())]

    def both(what: str) -> Tally:
        return Tally(sum(getattr(x, what).count for x in lines), sum(getattr(x, what).amount for x in lines))

    total = BillerFigures("", "", accepted=both("accepted"), fees=sum(x.fees for x in lines), paid=both("paid"),
                          commission=sum(x.commission for x in lines), failed=both("failed"), refunded=both("refunded"))

    def tally(where: str, money: str = "amount") -> Tally:
        r = db.row(f"SELECT count(*), sum({money}) FROM bills WHERE {where}")
        return Tally(r[0], r[1] or 0)

    return DayFigures(day, lines, total, tally("state IN ('accepted', 'pending')"),
                      tally("state = 'refund_due'", "amount + fee"),
                      int(db.value("SELECT count(*) FROM bills WHERE conflict != ''", default=0)),
                      {r[0]: r[1] for r in db.rows("SELECT state, count(*) FROM bills GROUP BY state")})


# -- appliers -------------------------------------------------------------------------------------


def _accepted(db: Any, ev: Event) -> None:
    p = ev.payload
    db.insert("bills", {
        "id": ev.entity_id, "receipt_no": p["receipt_no"], "product_id": p["product_id"], "biller_id": p["biller_id"],
        "biller_name": p["biller_name"], "product_name": p["product_name"], "kind": p["kind"], "account": p["account"],
        "amount": p["amount"], "fee": p["fee"], "commission": p["commission"], "cash_received": p["cash_received"],
        "change": p["change"], "payer_id": p["payer_id"], "payer_name": p["payer_name"], "operator_id": ev.operator_id,
        "state": ACCEPTED, "accepted_at": p["at"], "name_check": p["name_check"], "holder_expected": p["holder_expected"],
        "duplicate_of": p["duplicate_of"], "seq": ev.seq})
    cash.post(db, ev, kind="bill_accepted", service=SERVICE,
              entries=[(cash.DRAWER, p["amount"] + p["fee"]), (PAYABLE, -p["amount"]), (INCOME, -p["fee"])],
              memo=p["receipt_no"])


def _refunded(db: Any, ev: Event) -> None:
    p = ev.payload
    db.update("bills", {"id": ev.entity_id}, {"state": REFUNDED, "refunded_at": p["at"], "refund_no": p["refund_no"],
                                              "refund_fee": p["fee"], "refunded_by": ev.operator_id})
    cash.post(db, ev, kind="bill_refunded", service=SERVICE,
              entries=[(PAYABLE, p["amount"]), (INCOME, p["fee"]), (cash.DRAWER, -(p["amount"] + p["fee"]))],
              memo=p["refund_no"])


def _conflict_settled(db: Any, ev: Event) -> None:
    db.update("bills", {"id": ev.entity_id}, {"conflict": "", "conflict_detail": "",
                                              "conflict_note": ev.payload["note"]})


def _holder_check(row: Any, holder: str) -> str:
    expected = row["holder_expected"]
    if not expected:
        return "reported"
    same = len(expected) == len(holder) and all(h in ("*", e) for e, h in zip(expected, holder, strict=True))
    return "matches" if same else "differs"


def _merge(row: Any, status: str, ref: str, at: str) -> tuple[str, dict[str, Any]]:
    """(effect, changes to the bill row) of one county result on a bill in its current state."""
    state = row["state"]
    if status in ("submitted", "pending"):
        if state == ACCEPTED:
            return "applied", {"state": PENDING, "pending_since": at}
        return ("repeat" if state == PENDING else "late"), {}
    if status == "paid":
        if state in (ACCEPTED, PENDING):
            return "applied", {"state": PAID, "paid_at": at, "biller_ref": ref}
        if state == PAID:
            if ref and row["biller_ref"] and ref != row["biller_ref"]:
                return "conflict", {"conflict": "second_reference", "conflict_detail": f"{row['biller_ref']} / {ref}"}
            return "repeat", {}
        if state == REFUND_DUE:
            return "conflict", {"state": PAID, "paid_at": at, "biller_ref": ref, "conflict": "paid_after_failed",
                                "conflict_detail": ""}
        return "conflict", {"conflict": "paid_after_refund", "conflict_detail": ref}
    # failed
    if state in (ACCEPTED, PENDING):
        return "applied", {"state": REFUND_DUE, "failed_at": at}
    if state == PAID:
        return "conflict", {"conflict": "failed_after_paid", "conflict_detail": ""}
    return "repeat", {}


def _county_result(db: Any, ev: Event) -> None:
    p = ev.payload
    request_id = str(p.get("request_id") or ev.entity_id)
    status = str(p.get("status") or "")
    ref, message, at = str(p.get("biller_ref") or ""), str(p.get("message") or "")[:200], str(p.get("at") or ev.station_time)
    row = db.row("SELECT * FROM bills WHERE id = ?", (request_id,))
    if row is None:
        effect = "orphan"  # kept (and shown) though this station has no such bill
    elif status not in RESULT_STATUSES:
        effect = "unknown_status"
    else:
        effect, values = _merge(row, status, ref, at)
        if effect == "applied" and message:
            values["result_message"] = message
        holder = str(p.get("holder") or "")[:30]
        if holder and row["name_check"] != "not_offered":
            values.update(holder_reported=holder, name_check=_holder_check(row, holder))
        if values:
            db.update("bills", {"id": request_id}, values)
    db.insert("bill_results", {"id": ev.id, "request_id": request_id, "status": status, "biller_ref": ref,
                               "message": message, "at": at, "effect": effect})


def _county_catalogue(db: Any, ev: Event) -> None:
    specs, problems = clean_catalogue(ev.payload)
    if not specs:  # an empty or broken catalogue must not stop the counter: keep the last good one
        db.execute("INSERT INTO bill_catalogue_problems (id, version, problems) VALUES (?, ?, ?)",
                   (ev.id, str(ev.payload.get("version", "")), canonical(problems)))
        return
    db.execute("DELETE FROM bill_products")
    for i, spec in enumerate(specs):
        db.insert("bill_products", {"id": spec["id"], "biller_id": spec["biller_id"], "sort": i, "spec": canonical(spec)})
    db.execute("INSERT INTO bill_catalogue (id, version, received_at, skipped, hub_event) VALUES (1, ?, ?, ?, ?) "
               "ON CONFLICT(id) DO UPDATE SET version = excluded.version, received_at = excluded.received_at, "
               "skipped = excluded.skipped, hub_event = excluded.hub_event",
               (str(ev.payload.get("version", "")), ev.station_time, len(problems), ev.id))
    if problems:
        db.execute("INSERT INTO bill_catalogue_problems (id, version, problems) VALUES (?, ?, ?)",
                   (ev.id, str(ev.payload.get("version", "")), canonical(problems)))


APPLY = {
    "bill.accepted": _accepted,
    "bill.refunded": _refunded,
    "bill.conflict_settled": _conflict_settled,
    "county.bill_result": _county_result,
    "county.biller_catalogue": _county_catalogue,
}


# -- the county's side, simulated (demo stations, simulate, tests) ----------------------------------


def county_sends(db: Any, items: list[tuple[str, str, dict[str, Any]]]) -> None:
    """Store and apply county events exactly as a sync pull does (`sync_state.apply_hub_changes`,
    one transaction), numbered after the last hub event; the sync cursor is left alone."""
    from station_app.core import sync_state

    first = int(db.value("SELECT max(hub_seq) FROM hub_events", default=0)) + 1
    now = iso(db.clock.now())
    changes = [sync_state.HubChange(first + i, kind, entity_id, payload, now) for i, (kind, entity_id, payload) in enumerate(items)]
    sync_state.apply_hub_changes(db, changes, sync_state.local_int(db, sync_state.CURSOR))


def result_payload(request_id: str, status: str, *, biller_ref: str = "", message: str = "", at: str = "",
                   holder: str = "") -> dict[str, Any]:
    """The payload of a `county.bill_result` hub event."""
    payload = {"request_id": request_id, "status": status, "biller_ref": biller_ref, "message": message, "at": at}
    if holder:
        payload["holder"] = holder
    return payload


def simulated_results(db: Any, rng: random.Random, *, paid: float = 0.85, failed: float = 0.06,
                      repeat: float = 0.05) -> dict[str, int]:
    """What the county would send back after a sync: for each waiting bill paid, failed or still
    pending (the rest); now and then a result sent twice. Returns counts per status sent."""
    now = iso(db.clock.now())
    items: list[tuple[str, str, dict[str, Any]]] = []
    counts = {"paid": 0, "failed": 0, "pending": 0, "repeat": 0}
    for bill in waiting(db):
        roll = rng.random()
        if roll < paid:
            status, ref = "paid", f"SIM{rng.randrange(10**12):012d}"
        elif roll < paid + failed:
            status, ref = "failed", ""
        elif bill.state == ACCEPTED:
            status, ref = "pending", ""
        else:
            continue
        message = "" if status != "failed" else rng.choice(["户号不存在", "运营商维护中", "账户已销户"])
        payload = result_payload(bill.id, status, biller_ref=ref, message=message, at=now)
        items.append(("county.bill_result", bill.id, payload))
        counts[status] += 1
        if rng.random() < repeat:
            items.append(("county.bill_result", bill.id, payload))
            counts["repeat"] += 1
    if items:
        county_sends(db, items)
    return counts
