"""Voiding a bill taken by mistake (作废), the same business day.

- Before the bill went to the county (its `bill.accepted` is not uploaded, nor on its way):
  `bill.voided`. The cash goes back at once, with a void receipt the payer signs; the county
  hub, which gets both events in order, never pays it (a void that overtakes a payment the hub
  already made comes back as a conflict, never dropped).
- After it went to the county: `bill.void_requested`. No cash moves: the hub cancels the
  request if the biller has not been asked yet and answers "failed", and the cash goes back
  through the refund path (`refund_bill`, with its refund receipt). If the biller already paid,
  the bill stays paid and the request is shown as too late.

Money (cash ledger) of a void: payable:bills +amount, income:bills +fee, drawer -(amount + fee),
the mirror of accepting it.
"""

from __future__ import annotations

from station_app.clock import iso, show
from station_app.core import cash, events, sync_state
from station_app.core.bills.lookups import get_bill
from station_app.core.bills.payments import INCOME, PAYABLE, SERVICE, _number
from station_app.core.bills.records import ACCEPTED, PENDING, VOIDED, Bill
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.db import Store
from station_app.errors import Conflict
from station_app.i18n import QT_TRANSLATE_NOOP


def went_to_county(db: Store, bill: Bill) -> bool:
    """The bill's acceptance was uploaded to the county hub, or is being uploaded now."""
    return bill.seq <= max(sync_state.acked_seq(db), sync_state.uploading_to(db))


def _taken_in_open_day(db: Store, bill: Bill) -> bool:
    period = cash.open_period(db)
    taken_in = db.value("SELECT t.period_id FROM cash_txns t JOIN events e ON e.id = t.id "
                        "WHERE e.entity_id = ? AND e.kind = 'bill.accepted'", (bill.id,))
    return period is not None and taken_in == period.id


def void_bill(db: Store, actor: Operator, *, bill_id: str, reason: str = "") -> Bill:
    """Void a bill taken today by mistake. Not yet at the county: voided now, cash handed back
    (state voided, a void receipt). Already at the county: a void request the county answers
    (the refund follows the county's "failed"). Raises NotFound, Conflict (another business day,
    not just accepted, already voided or requested, drawer short)."""
    reason = " ".join((reason or "").split())[:200]
    with db.transaction():
        bill = get_bill(db, bill_id)
        if bill.state == VOIDED:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Bill {receipt} was already voided on {time}"),
                           receipt=bill.receipt_no, time=show(bill.voided_at or bill.accepted_at))
        if bill.void_requested_at:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Voiding bill {receipt} was already asked of the county on "
                                                       "{time}: wait for its answer"),
                           receipt=bill.receipt_no, time=show(bill.void_requested_at))
        if bill.state == PENDING:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Bill {receipt} is being paid by the biller now: it cannot be "
                                                       "voided. If the payment fails, refund it."),
                           receipt=bill.receipt_no)
        if bill.state != ACCEPTED:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Only a bill that is not paid yet can be voided; bill {receipt} "
                                                       "is: {state}"), receipt=bill.receipt_no, state=bill.state_text())
        if not _taken_in_open_day(db, bill):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Bill {receipt} was taken on another business day ({time}): it "
                                                       "can only be voided on the day it was taken"),
                           receipt=bill.receipt_no, time=show(bill.accepted_at))
        if went_to_county(db, bill):
            events.record(db, actor.id, "bill.void_requested", bill.id, {"reason": reason, "at": iso(db.clock.now())},
                          appliers=APPLY)
        else:
            cash.require_cash(db, bill.total)
            events.record(db, actor.id, "bill.voided", bill.id, {
                "void_no": _number(db, "void_no", "ZF"), "amount": bill.amount, "fee": bill.fee, "reason": reason,
                "at": iso(db.clock.now())}, appliers=APPLY)
    return get_bill(db, bill_id)


# -- appliers -------------------------------------------------------------------------------------


def _voided(db: Store, ev: Event) -> None:
    p = ev.payload
    db.update("bills", {"id": ev.entity_id}, {"state": VOIDED, "voided_at": p["at"], "voided_by": ev.operator_id,
                                              "void_no": p["void_no"], "void_reason": p["reason"]})
    cash.post(db, ev, kind="bill_voided", service=SERVICE,
              entries=[(PAYABLE, p["amount"]), (INCOME, p["fee"]), (cash.DRAWER, -(p["amount"] + p["fee"]))],
              memo=p["void_no"])


def _void_requested(db: Store, ev: Event) -> None:
    db.update("bills", {"id": ev.entity_id}, {"void_requested_at": ev.payload["at"],
                                              "void_reason": ev.payload["reason"]})


APPLY = {
    "bill.voided": _voided,
    "bill.void_requested": _void_requested,
}
