"""What the county hub sends down about bills: payment results (`county.bill_result`) and the
biller catalogue (`county.biller_catalogue`), folded in by these appliers.

Results that arrive twice or out of order never lower a bill's state. A result that
contradicts a final state (paid after the cash was refunded, failed after paid) does not
move it either: it raises a conflict on the bill for a person to settle, and is never dropped.
"""

from __future__ import annotations

from typing import Any

from station_app.core.bills.billers import clean_catalogue
from station_app.core.bills.records import (
    ACCEPTED,
    PAID,
    PENDING,
    REFUND_DUE,
    RESULT_STATUSES,
    VOIDED,
)
from station_app.core.events import Event, canonical
from station_app.db import Store
from station_app.db.store import Row


def _holder_check(row: Row, holder: str) -> str:
    expected = row["holder_expected"]
    if not expected:
        return "reported"
    same = len(expected) == len(holder) and all(h in ("*", e) for e, h in zip(expected, holder, strict=True))
    return "matches" if same else "differs"


def _merge(row: Row, status: str, ref: str, at: str, detail: str = "", paid: int | None = None) -> tuple[str, dict[str, Any]]:
    """(effect, changes to the bill row) of one county result on a bill in its current state."""
    state = row["state"]
    if status == "partial":  # part of it paid: no receipt may say paid, none may refund it all
        if state not in (ACCEPTED, PENDING):
            return "late", {}
        if paid is not None and 0 < paid < row["amount"]:  # the unpaid part is refunded at the counter
            return "applied", {"state": REFUND_DUE, "failed_at": at, "paid_at": at, "paid_amount": paid,
                               "biller_ref": ref}
        if paid == 0:
            status = "failed"
        else:  # an amount paid that cannot be right: a person sorts it out with the county
            return "conflict", {"state": PENDING, "pending_since": row["pending_since"] or at,
                                "conflict": "partly_paid", "conflict_detail": detail}
    if state == VOIDED:  # the cash went back before the county had it: only a payment matters now
        if status == "paid":
            return "conflict", {"conflict": "paid_after_void", "conflict_detail": ref}
        return "late", {}
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


def _county_result(db: Store, ev: Event) -> None:
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
        effect, values = _merge(row, status, ref, at, _partly(row, p.get("paid_amount")), _paid(p.get("paid_amount")))
        if effect == "applied" and message:
            values["result_message"] = message
        if effect == "applied" and status == "paid":
            values["demo"] = 1 if p.get("demo") else 0  # a demo hub's simulator paid nothing
        holder = str(p.get("holder") or "")[:30]
        if holder and row["name_check"] != "not_offered":
            values.update(holder_reported=holder, name_check=_holder_check(row, holder))
        if values:
            db.update("bills", {"id": request_id}, values)
    db.insert("bill_results", {"id": ev.id, "request_id": request_id, "status": status, "biller_ref": ref,
                               "message": message, "at": at, "effect": effect})


def _paid(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _partly(row: Row, paid: Any) -> str:
    """"paid ¥X of ¥Y" for a partly paid bill ("" when the amount paid is not a number)."""
    if not isinstance(paid, int) or isinstance(paid, bool) or not 0 <= paid <= row["amount"]:
        return ""
    return f"¥{paid // 100}.{paid % 100:02d} / ¥{row['amount'] // 100}.{row['amount'] % 100:02d}"


def _county_catalogue(db: Store, ev: Event) -> None:
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
    "county.bill_result": _county_result,
    "county.biller_catalogue": _county_catalogue,
}


def result_payload(request_id: str, status: str, *, biller_ref: str = "", message: str = "", at: str = "",
                   holder: str = "") -> dict[str, Any]:
    """The payload of a `county.bill_result` hub event."""
    payload = {"request_id": request_id, "status": status, "biller_ref": biller_ref, "message": message, "at": at}
    if holder:
        payload["holder"] = holder
    return payload
