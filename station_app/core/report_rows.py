"""The rows behind each figure of the monthly report (`core.reports.FIGURES` names the sheet of
each figure): parcels, bills, sales, sign-ins, households, cash days, one `Sheet` per list,
as the xlsx and the county dashboard show them. Each list is selected exactly as its figure
is counted; a test holds every sheet equal to its figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from station_app.clock import iso, parse_iso
from station_app.core import (
    bills,
    cashpoint,
    consignment,
    outbound,
    parcels,
    proxy_orders,
    settings,
    training,
)
from station_app.core.identity import mask_phone
from station_app.core.report_types import SubsidyClaim
from station_app.core.reports import (
    POVERTY_SERVICES,
    cash_days,
    label,
    local_time,
    month_days,
    poverty_households,
    subsidy_claims,
    utc_bounds,
)
from station_app.db import Store
from station_app.db.store import Row
from station_app.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class Column:
    label: str  # English source, context "reports"
    kind: str = "text"  # text, count, fen, hours
    summed: bool = True  # False for a balance (a drawer's opening count): adding those up means nothing


@dataclass
class Sheet:
    """The rows behind one or more figures, as the xlsx and the dashboard show them."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: list[list[Any]] = field(default_factory=list)

    def total(self, column: str) -> int:
        i = [c.label for c in self.columns].index(column)
        return sum(int(r[i] or 0) for r in self.rows)

    def count(self, column: str) -> int:
        """Rows whose `column` is ticked (a non-empty value)."""
        i = [c.label for c in self.columns].index(column)
        return sum(1 for r in self.rows if r[i])


def _c(text: str, kind: str = "text") -> Column:
    return Column(text, kind)


WAYBILL, CARRIER = _c(QT_TRANSLATE_NOOP("reports", "Waybill")), _c(QT_TRANSLATE_NOOP("reports", "Carrier"))
RECIPIENT, STATUS = _c(QT_TRANSLATE_NOOP("reports", "Recipient")), _c(QT_TRANSLATE_NOOP("reports", "Status"))
ARRIVED_AT, AMOUNT = _c(QT_TRANSLATE_NOOP("reports", "Arrived at")), _c(QT_TRANSLATE_NOOP("reports", "Amount"), "fen")
YES = "✓"


def _parcel_row(r: Row, extra: list[Any]) -> list[Any]:
    return [r["waybill"], parcels.carrier_name(r["carrier"]), r["recipient_name"],
            mask_phone(r["phone"]) if r["phone"] else (f"****{r['phone_tail']}" if r["phone_tail"] else ""),
            local_time(r["arrived_at"]), translate("parcels", parcels.STATUSES.get(r["status"], r["status"])), *extra]


def _parcel_rows(db: Store, where: str, params: tuple[Any, ...], extra: Callable[[Row], list[Any]]) -> list[list[Any]]:
    rows = db.rows(f"SELECT * FROM parcels WHERE {where} ORDER BY arrived_at, waybill", params)
    return [_parcel_row(r, extra(r)) for r in rows]


_PARCEL_COLUMNS = (WAYBILL, CARRIER, RECIPIENT, _c(QT_TRANSLATE_NOOP("reports", "Phone")), ARRIVED_AT, STATUS)


def _sheet_parcels_arrived(db: Store, first: date, last: date) -> Sheet:
    a, b = utc_bounds(first, last)
    return Sheet("parcels_arrived", QT_TRANSLATE_NOOP("reports", "Parcels arrived"),
                 (*_PARCEL_COLUMNS, _c(QT_TRANSLATE_NOOP("reports", "Shelf"))),
                 _parcel_rows(db, "arrived_at >= ? AND arrived_at < ?", (a, b),
                              lambda r: [f"{r['shelf']}-{r['layer']}" if r["shelf"] else ""]))


def _sheet_parcels_picked_up(db: Store, first: date, last: date) -> Sheet:
    a, b = utc_bounds(first, last)
    return Sheet("parcels_picked_up", QT_TRANSLATE_NOOP("reports", "Parcels picked up"),
                 (*_PARCEL_COLUMNS, _c(QT_TRANSLATE_NOOP("reports", "Picked up at"))),
                 _parcel_rows(db, "picked_up_at >= ? AND picked_up_at < ?", (a, b),
                              lambda r: [local_time(r["picked_up_at"])]))


def overdue_rows(db: Store, first: date, last: date) -> list[Row]:
    """Parcels that became overdue in the days given: still on the shelf `parcels.overdue_days`
    after arriving (the rows behind `parcels.daily_figures(...).became_overdue`)."""
    n = settings.get(db, "parcels.overdue_days")
    low, high = utc_bounds(first - timedelta(days=n), last - timedelta(days=n))
    out = []
    for r in db.rows("SELECT * FROM parcels WHERE arrived_at >= ? AND arrived_at < ? ORDER BY arrived_at, waybill",
                     (low, high)):
        due = parse_iso(r["arrived_at"]) + timedelta(days=n)
        left = r["picked_up_at"] or r["returned_at"] or (r["exception_at"] if not r["on_shelf"] else None)
        if left is None or parse_iso(left) >= due:
            out.append(r)
    return out


def _sheet_parcels_overdue(db: Store, first: date, last: date) -> Sheet:
    n = settings.get(db, "parcels.overdue_days")
    rows = overdue_rows(db, first, last)
    return Sheet("parcels_overdue", QT_TRANSLATE_NOOP("reports", "Parcels overdue"),
                 (*_PARCEL_COLUMNS, _c(QT_TRANSLATE_NOOP("reports", "Overdue from")),
                  _c(QT_TRANSLATE_NOOP("reports", "Left the shelf"))),
                 [_parcel_row(r, [local_time(iso(parse_iso(r["arrived_at"]) + timedelta(days=n))),
                                  local_time(r["picked_up_at"] or r["returned_at"])]) for r in rows])


def _sheet_parcels_returned(db: Store, first: date, last: date) -> Sheet:
    a, b = utc_bounds(first, last)
    return Sheet("parcels_returned", QT_TRANSLATE_NOOP("reports", "Parcels returned"),
                 (*_PARCEL_COLUMNS, _c(QT_TRANSLATE_NOOP("reports", "Returned at")),
                  _c(QT_TRANSLATE_NOOP("reports", "Reason"))),
                 _parcel_rows(db, "returned_at >= ? AND returned_at < ?", (a, b),
                              lambda r: [local_time(r["returned_at"]),
                                         translate("parcels", parcels.RETURN_REASONS.get(r["return_reason"] or "", ""))
                                         if r["return_reason"] else ""]))


def _sheet_parcels_exceptions(db: Store, first: date, last: date) -> Sheet:
    a, b = utc_bounds(first, last)
    return Sheet("parcels_exceptions", QT_TRANSLATE_NOOP("reports", "Problem parcels"),
                 (*_PARCEL_COLUMNS, _c(QT_TRANSLATE_NOOP("reports", "Problem")),
                  _c(QT_TRANSLATE_NOOP("reports", "Recorded at"))),
                 _parcel_rows(db, "exception_at >= ? AND exception_at < ?", (a, b),
                              lambda r: [translate("parcels", parcels.EXCEPTION_KINDS.get(r["exception_kind"] or "", ""))
                                         if r["exception_kind"] else "", local_time(r["exception_at"])]))


_OUTBOUND_COLUMNS = (_c(QT_TRANSLATE_NOOP("reports", "Receipt")), _c(QT_TRANSLATE_NOOP("reports", "E-waybill")), CARRIER,
                     _c(QT_TRANSLATE_NOOP("reports", "Sender")), _c(QT_TRANSLATE_NOOP("reports", "Contents")),
                     _c(QT_TRANSLATE_NOOP("reports", "Farm produce")),
                     _c(QT_TRANSLATE_NOOP("reports", "Out of the county")), _c(QT_TRANSLATE_NOOP("reports", "Taken at")),
                     _c(QT_TRANSLATE_NOOP("reports", "Handed to the courier at")),
                     _c(QT_TRANSLATE_NOOP("reports", "Fee"), "fen"))


def _outbound_rows(db: Store, where: str, params: tuple[Any, ...]) -> list[list[Any]]:
    return [[r["receipt_no"], r["ewaybill"], parcels.carrier_name(r["carrier"]), r["sender_name"], r["contents"],
             YES if r["farm_produce"] else "", YES if r["out_of_county"] else "", local_time(r["taken_at"]),
             local_time(r["handed_over_at"]), r["fee_fen"]]
            for r in db.rows(f"SELECT * FROM outbound_parcels WHERE {where} ORDER BY taken_at, receipt_no", params)]


def _sheet_parcels_sent(db: Store, first: date, last: date) -> Sheet:
    a, b = utc_bounds(first, last)
    return Sheet("parcels_sent", QT_TRANSLATE_NOOP("reports", "Parcels sent"), _OUTBOUND_COLUMNS,
                 _outbound_rows(db, "taken_at >= ? AND taken_at < ? AND status != 'cancelled'", (a, b)))


def _sheet_parcels_handed(db: Store, first: date, last: date) -> Sheet:
    a, b = utc_bounds(first, last)
    return Sheet("parcels_handed", QT_TRANSLATE_NOOP("reports", "Parcels handed to couriers"), _OUTBOUND_COLUMNS,
                 _outbound_rows(db, "handed_over_at >= ? AND handed_over_at < ?", (a, b)))


def _sheet_delivery(db: Store, first: date, last: date) -> Sheet:
    a, b = utc_bounds(first, last)
    rows = []
    for r in db.rows("SELECT * FROM parcels WHERE arrived_at >= ? AND arrived_at < ? AND dispatched_at IS NOT NULL "
                     "ORDER BY arrived_at, waybill", (a, b)):
        hours = (parse_iso(r["arrived_at"]) - parse_iso(r["dispatched_at"])).total_seconds() / 3600
        rows.append([r["waybill"], parcels.carrier_name(r["carrier"]), local_time(r["dispatched_at"]),
                     local_time(r["arrived_at"]), round(hours, 1), YES if hours <= 48 else "",
                     YES if hours <= 72 else ""])
    return Sheet("delivery", QT_TRANSLATE_NOOP("reports", "Delivery times"),
                 (WAYBILL, CARRIER, _c(QT_TRANSLATE_NOOP("reports", "Dispatched by the county")), ARRIVED_AT,
                  _c(QT_TRANSLATE_NOOP("reports", "Hours on the way"), "hours"),
                  _c(QT_TRANSLATE_NOOP("reports", "Within 48 h")), _c(QT_TRANSLATE_NOOP("reports", "Within 72 h"))),
                 rows)


SUBSIDY_COLUMNS = (_c(QT_TRANSLATE_NOOP("reports", "No.")), _c(QT_TRANSLATE_NOOP("reports", "E-waybill")), CARRIER,
                   _c(QT_TRANSLATE_NOOP("reports", "Date")), _c(QT_TRANSLATE_NOOP("reports", "Product")),
                   _c(QT_TRANSLATE_NOOP("reports", "Destination outside the county")),
                   _c(QT_TRANSLATE_NOOP("reports", "Sender")), _c(QT_TRANSLATE_NOOP("reports", "Receipt")),
                   _c(QT_TRANSLATE_NOOP("reports", "Subsidy"), "fen"))


def subsidy_row(c: SubsidyClaim) -> list[Any]:
    category = outbound.FARM_CATEGORIES.get(c["category"])
    product = c["product"] + (f"（{translate('outbound', category)}）" if category else "")
    return [c["no"], c["ewaybill"], parcels.carrier_name(c["carrier"]), c["day"], product, c["destination"],
            c["sender"], c["receipt_no"], c["subsidy_fen"]]


def _sheet_farm_subsidy(db: Store, first: date, last: date) -> Sheet:
    return Sheet("farm_subsidy", QT_TRANSLATE_NOOP("reports", "Farm-produce outbound subsidy claim"), SUBSIDY_COLUMNS,
                 [subsidy_row(c) for c in subsidy_claims(db, first, last)])


_BILL_COLUMNS = (_c(QT_TRANSLATE_NOOP("reports", "Receipt")), _c(QT_TRANSLATE_NOOP("reports", "Biller")),
                 _c(QT_TRANSLATE_NOOP("reports", "Product")), _c(QT_TRANSLATE_NOOP("reports", "Account")),
                 _c(QT_TRANSLATE_NOOP("reports", "Payer")), _c(QT_TRANSLATE_NOOP("reports", "Accepted at")),
                 _c(QT_TRANSLATE_NOOP("reports", "Paid at")), _c(QT_TRANSLATE_NOOP("reports", "Failed at")),
                 _c(QT_TRANSLATE_NOOP("reports", "Refunded at")), STATUS, AMOUNT,
                 _c(QT_TRANSLATE_NOOP("reports", "Service fee"), "fen"),
                 _c(QT_TRANSLATE_NOOP("reports", "Commission"), "fen"),
                 _c(QT_TRANSLATE_NOOP("reports", "Refunded amount"), "fen"))


def _bill_sheet(db: Store, key: str, title: str, column: str, where: str, first: date, last: date) -> Sheet:
    a, b = utc_bounds(first, last)
    rows = [[r["receipt_no"], r["biller_name"], r["product_name"], bills.mask_account(r["account"]), r["payer_name"],
             local_time(r["accepted_at"]), local_time(r["paid_at"]), local_time(r["failed_at"]),
             local_time(r["refunded_at"]), translate("bills", bills.STATES.get(r["state"], r["state"])), r["amount"],
             r["fee"], r["commission"] if r["state"] == "paid" else 0,
             r["amount"] - (r["paid_amount"] or 0) + r["refund_fee"] if r["state"] == "refunded" else 0]
            for r in db.rows(f"SELECT * FROM bills WHERE {column} >= ? AND {column} < ? AND {where} "
                             f"ORDER BY {column}, receipt_no", (a, b))]
    return Sheet(key, title, _BILL_COLUMNS, rows)


def _sheet_bills_accepted(db: Store, first: date, last: date) -> Sheet:
    return _bill_sheet(db, "bills_accepted", QT_TRANSLATE_NOOP("reports", "Bills accepted"), "accepted_at", "1 = 1",
                       first, last)


def _sheet_bills_paid(db: Store, first: date, last: date) -> Sheet:
    return _bill_sheet(db, "bills_paid", QT_TRANSLATE_NOOP("reports", "Bills paid"), "paid_at",
                       "(state = 'paid' OR paid_amount IS NOT NULL)",
                       first, last)


def _sheet_bills_failed(db: Store, first: date, last: date) -> Sheet:
    return _bill_sheet(db, "bills_failed", QT_TRANSLATE_NOOP("reports", "Bills failed"), "failed_at",
                       "state IN ('refund_due', 'refunded')", first, last)


def _sheet_bills_refunded(db: Store, first: date, last: date) -> Sheet:
    return _bill_sheet(db, "bills_refunded", QT_TRANSLATE_NOOP("reports", "Bills refunded"), "refunded_at",
                       "state = 'refunded'", first, last)


SALE, RETURN = QT_TRANSLATE_NOOP("reports", "Sale"), QT_TRANSLATE_NOOP("reports", "Return")
OPEN, CLOSED = QT_TRANSLATE_NOOP("reports", "Day open"), QT_TRANSLATE_NOOP("reports", "Day closed")


def _sheet_consignment(db: Store, first: date, last: date) -> Sheet:
    rows = [[r["day"], r["number"], label(RETURN if r["kind"] == "return" else SALE), r["lot_name"],
             translate("consignment", consignment.CATEGORIES.get(r["category"], r["category"])), r["consignor"],
             consignment.show_qty(r["quantity_m"]), YES if r["poverty"] else "", r["amount"], r["commission"]]
            for r in db.rows("SELECT m.*, s.number, l.name AS lot_name, c.name AS consignor FROM consign_moves m "
                             "JOIN consign_sales s ON s.id = m.sale_id JOIN consign_lots l ON l.id = m.lot_id "
                             "JOIN consignors c ON c.id = m.consignor_id "
                             "WHERE m.voided = 0 AND m.day BETWEEN ? AND ? ORDER BY m.day, s.number, m.line_no, m.kind",
                             (first.isoformat(), last.isoformat()))]
    return Sheet("consignment", QT_TRANSLATE_NOOP("reports", "Consignment sales"),
                 (_c(QT_TRANSLATE_NOOP("reports", "Date")), _c(QT_TRANSLATE_NOOP("reports", "Sale")),
                  _c(QT_TRANSLATE_NOOP("reports", "Kind")), _c(QT_TRANSLATE_NOOP("reports", "Goods")),
                  _c(QT_TRANSLATE_NOOP("reports", "Category")), _c(QT_TRANSLATE_NOOP("reports", "Consignor")),
                  _c(QT_TRANSLATE_NOOP("reports", "Quantity")),
                  _c(QT_TRANSLATE_NOOP("reports", "Poverty-register household")), AMOUNT,
                  _c(QT_TRANSLATE_NOOP("reports", "Commission"), "fen")), rows)


_ORDER_COLUMNS = (_c(QT_TRANSLATE_NOOP("reports", "Order")), _c(QT_TRANSLATE_NOOP("reports", "Villager")),
                  _c(QT_TRANSLATE_NOOP("reports", "Goods")), _c(QT_TRANSLATE_NOOP("reports", "Placed on")),
                  _c(QT_TRANSLATE_NOOP("reports", "Handed over on")), STATUS,
                  _c(QT_TRANSLATE_NOOP("reports", "Poverty-register household")),
                  _c(QT_TRANSLATE_NOOP("reports", "Estimate"), "fen"), _c(QT_TRANSLATE_NOOP("reports", "Cost"), "fen"),
                  _c(QT_TRANSLATE_NOOP("reports", "Service fee"), "fen"))


def _order_rows(db: Store, where: str, first: date, last: date) -> list[list[Any]]:
    return [[r["number"], r["villager"], r["description"], r["day"], r["closed_day"] or "",
             translate("orders", proxy_orders.STATUSES.get(r["status"], r["status"])),
             YES if r["poverty"] else "", r["estimate"], r["cost"] or 0, r["fee"]]
            for r in db.rows(f"SELECT o.*, p.name AS villager FROM proxy_orders o JOIN people p ON p.id = o.person_id "
                             f"WHERE {where} ORDER BY o.day, o.number", (first.isoformat(), last.isoformat()))]


def _sheet_proxy_placed(db: Store, first: date, last: date) -> Sheet:
    return Sheet("proxy_placed", QT_TRANSLATE_NOOP("reports", "Proxy orders placed"), _ORDER_COLUMNS,
                 _order_rows(db, "o.day BETWEEN ? AND ?", first, last))


def _sheet_proxy_closed(db: Store, first: date, last: date) -> Sheet:
    return Sheet("proxy_closed", QT_TRANSLATE_NOOP("reports", "Proxy orders handed over"), _ORDER_COLUMNS,
                 _order_rows(db, "o.status = 'closed' AND o.closed_day BETWEEN ? AND ?", first, last))


def _sheet_proxy_cancelled(db: Store, first: date, last: date) -> Sheet:
    return Sheet("proxy_cancelled", QT_TRANSLATE_NOOP("reports", "Orders cancelled"), _ORDER_COLUMNS,
                 _order_rows(db, "o.status = 'cancelled' AND o.closed_day BETWEEN ? AND ?", first, last))


def _sheet_farm_inputs(db: Store, first: date, last: date) -> Sheet:
    """The trace chain of farm inputs sold: who bought which batch of whose product."""
    rows = [[r["number"], r["closed_day"], r["villager"], r["description"],
             translate("orders", proxy_orders.FARM_KINDS.get(r["farm_kind"], r["farm_kind"])), r["producer"],
             r["batch"], f"{r['quantity']}{r['unit']}", YES if r["poverty"] else "", (r["cost"] or 0) + r["fee"]]
            for r in db.rows("SELECT o.*, p.name AS villager FROM proxy_orders o JOIN people p ON p.id = o.person_id "
                             "WHERE o.status = 'closed' AND o.farm_kind != '' AND o.closed_day BETWEEN ? AND ? "
                             "ORDER BY o.closed_day, o.number", (first.isoformat(), last.isoformat()))]
    return Sheet("farm_inputs", QT_TRANSLATE_NOOP("reports", "Farm inputs sold"),
                 (_c(QT_TRANSLATE_NOOP("reports", "Order")), _c(QT_TRANSLATE_NOOP("reports", "Handed over on")),
                  _c(QT_TRANSLATE_NOOP("reports", "Villager")), _c(QT_TRANSLATE_NOOP("reports", "Goods")),
                  _c(QT_TRANSLATE_NOOP("reports", "Kind")), _c(QT_TRANSLATE_NOOP("reports", "Producer")),
                  _c(QT_TRANSLATE_NOOP("reports", "Batch")), _c(QT_TRANSLATE_NOOP("reports", "Quantity")),
                  _c(QT_TRANSLATE_NOOP("reports", "Poverty-register household")), AMOUNT), rows)


def _sheet_cashpoint(db: Store, first: date, last: date) -> Sheet:
    rows = [[r["voucher_no"], r["day"], r["trace_no"], local_time(r["terminal_time"]), r["card_masked"], r["bank"],
             r["name"], YES if r["poverty"] else "", r["amount"]]
            for r in db.rows("SELECT * FROM cash_withdrawals WHERE day BETWEEN ? AND ? AND status = 'paid' "
                             "ORDER BY day, seq", (first.isoformat(), last.isoformat()))]
    return Sheet("cashpoint", QT_TRANSLATE_NOOP("reports", "Cash withdrawals"),
                 (_c(QT_TRANSLATE_NOOP("reports", "Voucher")), _c(QT_TRANSLATE_NOOP("reports", "Day")),
                  _c(QT_TRANSLATE_NOOP("reports", "Trace no.")), _c(QT_TRANSLATE_NOOP("reports", "Terminal time")),
                  _c(QT_TRANSLATE_NOOP("reports", "Card")), _c(QT_TRANSLATE_NOOP("reports", "Bank")),
                  _c(QT_TRANSLATE_NOOP("reports", "Villager")),
                  _c(QT_TRANSLATE_NOOP("reports", "Poverty-register household")), AMOUNT), rows)


def _sheet_cashpoint_days(db: Store, first: date, last: date) -> Sheet:
    rows = [[d.day, d.withdrawals, d.expected, d.bank_total if d.bank_total is not None else "",
             d.bank_count if d.bank_count is not None else "", YES if d.bank_total is not None else "", d.difference,
             YES if d.flagged else "", translate("cashpoint", cashpoint.SETTLEMENT_STATES[d.state])]
            for d in cashpoint.reconciliation(db, first, last)]
    return Sheet("cashpoint_days", QT_TRANSLATE_NOOP("reports", "Cash point days against the bank"),
                 (_c(QT_TRANSLATE_NOOP("reports", "Day")), _c(QT_TRANSLATE_NOOP("reports", "Withdrawals"), "count"),
                  _c(QT_TRANSLATE_NOOP("reports", "Paid out"), "fen"),
                  _c(QT_TRANSLATE_NOOP("reports", "Bank settled"), "fen"),
                  _c(QT_TRANSLATE_NOOP("reports", "Bank count"), "count"), _c(QT_TRANSLATE_NOOP("reports", "Settled")),
                  _c(QT_TRANSLATE_NOOP("reports", "Difference"), "fen"), _c(QT_TRANSLATE_NOOP("reports", "Differs")),
                  STATUS), rows)


def _sheet_services(db: Store, first: date, last: date) -> Sheet:
    rows = [[r["number"], r["day"], r["category_name"], r["name"], YES if r["poverty"] else "", r["people"], r["fee"],
             r["note"]]
            for r in db.rows("SELECT * FROM service_records WHERE day BETWEEN ? AND ? AND status = 'done' "
                             "ORDER BY day, seq", (first.isoformat(), last.isoformat()))]
    return Sheet("services", QT_TRANSLATE_NOOP("reports", "Service ledger"),
                 (_c(QT_TRANSLATE_NOOP("reports", "Record")), _c(QT_TRANSLATE_NOOP("reports", "Day")),
                  _c(QT_TRANSLATE_NOOP("reports", "Category")), _c(QT_TRANSLATE_NOOP("reports", "Villager")),
                  _c(QT_TRANSLATE_NOOP("reports", "Poverty-register household")),
                  _c(QT_TRANSLATE_NOOP("reports", "People served"), "count"),
                  _c(QT_TRANSLATE_NOOP("reports", "Fee"), "fen"), _c(QT_TRANSLATE_NOOP("reports", "Note"))), rows)


def _sheet_notices(db: Store, first: date, last: date) -> Sheet:
    a, b = utc_bounds(first, last)
    rows = [[r["title"], r["sender"], local_time(r["received_at"]), r["until"], local_time(r["posted_at"]),
             YES if a <= r["received_at"] < b else "", YES if r["posted_at"] and a <= r["posted_at"] < b else ""]
            for r in db.rows("SELECT * FROM county_notices WHERE (received_at >= ? AND received_at < ?) "
                             "OR (posted_at >= ? AND posted_at < ?) ORDER BY received_at, id", (a, b, a, b))]
    return Sheet("notices", QT_TRANSLATE_NOOP("reports", "County notices"),
                 (_c(QT_TRANSLATE_NOOP("reports", "Notice")), _c(QT_TRANSLATE_NOOP("reports", "From")),
                  _c(QT_TRANSLATE_NOOP("reports", "Received at")), _c(QT_TRANSLATE_NOOP("reports", "Show until")),
                  _c(QT_TRANSLATE_NOOP("reports", "Posted at")),
                  _c(QT_TRANSLATE_NOOP("reports", "Received this month")),
                  _c(QT_TRANSLATE_NOOP("reports", "Posted this month"))), rows)


def _sheet_settlements(db: Store, first: date, last: date) -> Sheet:
    rows = [[r["number"], r["consignor"], f"{r['start_day']} – {r['end_day']}", r["paid_day"], r["method"] or "",
             r["reference"], r["sales"], r["commission"], r["due"]]
            for r in db.rows("SELECT s.*, c.name AS consignor FROM consign_settlements s "
                             "JOIN consignors c ON c.id = s.consignor_id WHERE s.status = 'paid' "
                             "AND s.paid_day BETWEEN ? AND ? ORDER BY s.paid_day, s.number",
                             (first.isoformat(), last.isoformat()))]
    return Sheet("settlements", QT_TRANSLATE_NOOP("reports", "Settlements paid to consignors"),
                 (_c(QT_TRANSLATE_NOOP("reports", "Settlement")), _c(QT_TRANSLATE_NOOP("reports", "Consignor")),
                  _c(QT_TRANSLATE_NOOP("reports", "Sales period")), _c(QT_TRANSLATE_NOOP("reports", "Paid on")),
                  _c(QT_TRANSLATE_NOOP("reports", "Paid by")), _c(QT_TRANSLATE_NOOP("reports", "Reference")),
                  _c(QT_TRANSLATE_NOOP("reports", "Sales"), "fen"), _c(QT_TRANSLATE_NOOP("reports", "Commission"), "fen"),
                  _c(QT_TRANSLATE_NOOP("reports", "Paid to the consignor"), "fen")), rows)


def _sheet_lots(db: Store, first: date, last: date) -> Sheet:
    rows = [[r["lot_no"], r["intake_day"], r["consignor"], r["name"],
             translate("consignment", consignment.CATEGORIES.get(r["category"], r["category"])),
             f"{consignment.show_qty(r['quantity_m'])}{r['unit']}", r["price"]]
            for r in db.rows("SELECT l.*, c.name AS consignor FROM consign_lots l JOIN consignors c ON c.id = l.consignor_id "
                             "WHERE l.intake_day BETWEEN ? AND ? ORDER BY l.intake_day, l.lot_no",
                             (first.isoformat(), last.isoformat()))]
    return Sheet("lots", QT_TRANSLATE_NOOP("reports", "Lots taken in"),
                 (_c(QT_TRANSLATE_NOOP("reports", "Lot")), _c(QT_TRANSLATE_NOOP("reports", "Date")),
                  _c(QT_TRANSLATE_NOOP("reports", "Consignor")), _c(QT_TRANSLATE_NOOP("reports", "Goods")),
                  _c(QT_TRANSLATE_NOOP("reports", "Category")), _c(QT_TRANSLATE_NOOP("reports", "Quantity")),
                  _c(QT_TRANSLATE_NOOP("reports", "Price"), "fen")), rows)


def _sheet_online_sent(db: Store, first: date, last: date) -> Sheet:
    rows = [[r["number"], r["platform"], r["receiver_name"], r["receiver_address"], r["waybill"] or "", r["sent_day"],
             r["total"]]
            for r in db.rows("SELECT * FROM online_orders WHERE status = 'sent' AND sent_day BETWEEN ? AND ? "
                             "ORDER BY sent_day, number", (first.isoformat(), last.isoformat()))]
    return Sheet("online_sent", QT_TRANSLATE_NOOP("reports", "County online-shop orders sent"),
                 (_c(QT_TRANSLATE_NOOP("reports", "Order")), _c(QT_TRANSLATE_NOOP("reports", "Shop")),
                  RECIPIENT, _c(QT_TRANSLATE_NOOP("reports", "Address")), WAYBILL,
                  _c(QT_TRANSLATE_NOOP("reports", "Sent on")), AMOUNT), rows)


def _sheet_training(db: Store, first: date, last: date) -> Sheet:
    a, b = utc_bounds(first, last)
    rows = [[r["title"], local_time(r["starts_at"]), r["name"], r["village"],
             translate("training", training.CATEGORIES.get(r["category"], r["category"])), YES if r["poverty"] else "",
             local_time(r["signed_in_at"]), r["overall"] or ""]
            for r in db.rows("SELECT g.*, s.title, s.starts_at, p.name, p.village, v.overall FROM training_signins g "
                             "JOIN training_sessions s ON s.id = g.session_id JOIN people p ON p.id = g.person_id "
                             "LEFT JOIN training_surveys v ON v.signin_id = g.id "
                             "WHERE g.signed_in_at >= ? AND g.signed_in_at < ? ORDER BY s.starts_at, g.signed_in_at",
                             (a, b))]
    return Sheet("training", QT_TRANSLATE_NOOP("reports", "Training sign-ins"),
                 (_c(QT_TRANSLATE_NOOP("reports", "Session")), _c(QT_TRANSLATE_NOOP("reports", "Starts at")),
                  _c(QT_TRANSLATE_NOOP("reports", "Name")), _c(QT_TRANSLATE_NOOP("reports", "Village")),
                  _c(QT_TRANSLATE_NOOP("reports", "Category")),
                  _c(QT_TRANSLATE_NOOP("reports", "Poverty-register household")),
                  _c(QT_TRANSLATE_NOOP("reports", "Signed in at")), _c(QT_TRANSLATE_NOOP("reports", "Satisfaction"))),
                 rows)


def _sheet_poverty(db: Store, first: date, last: date) -> Sheet:
    rows = [[h["household_no"], h["names"], h["village"], *(h["services"][k] for k in POVERTY_SERVICES), h["times"],
             h["amount_fen"]] for h in poverty_households(db, first, last)]
    return Sheet("poverty", QT_TRANSLATE_NOOP("reports", "Poverty-register households served"),
                 (_c(QT_TRANSLATE_NOOP("reports", "Household no.")), _c(QT_TRANSLATE_NOOP("reports", "People")),
                  _c(QT_TRANSLATE_NOOP("reports", "Village")),
                  *(_c(text, "count") for text in POVERTY_SERVICES.values()),
                  _c(QT_TRANSLATE_NOOP("reports", "Times"), "count"), AMOUNT), rows)


def _sheet_cash(db: Store, first: date, last: date) -> Sheet:
    rows = [[s.period.label_day, label(CLOSED if s.period.status == "closed" else OPEN), s.opening, sum(x.cash_in for x in s.lines), sum(x.cash_out for x in s.lines),
             sum(x.income for x in s.lines), s.expected, s.counted, s.over_short + s.opening_difference]
            for s in cash_days(db, first, last)]
    return Sheet("cash", QT_TRANSLATE_NOOP("reports", "Cash days"),
                 (_c(QT_TRANSLATE_NOOP("reports", "Day")), STATUS,
                  Column(QT_TRANSLATE_NOOP("reports", "Opening"), "fen", summed=False),
                  _c(QT_TRANSLATE_NOOP("reports", "Cash in"), "fen"), _c(QT_TRANSLATE_NOOP("reports", "Cash out"), "fen"),
                  _c(QT_TRANSLATE_NOOP("reports", "Income"), "fen"),
                  Column(QT_TRANSLATE_NOOP("reports", "Expected"), "fen", summed=False),
                  Column(QT_TRANSLATE_NOOP("reports", "Counted"), "fen", summed=False),
                  _c(QT_TRANSLATE_NOOP("reports", "Over / short"), "fen")), rows)


SHEETS: dict[str, Callable[[Store, date, date], Sheet]] = {
    "parcels_arrived": _sheet_parcels_arrived,
    "parcels_picked_up": _sheet_parcels_picked_up,
    "parcels_overdue": _sheet_parcels_overdue,
    "parcels_returned": _sheet_parcels_returned,
    "parcels_exceptions": _sheet_parcels_exceptions,
    "parcels_sent": _sheet_parcels_sent,
    "parcels_handed": _sheet_parcels_handed,
    "delivery": _sheet_delivery,
    "farm_subsidy": _sheet_farm_subsidy,
    "bills_accepted": _sheet_bills_accepted,
    "bills_paid": _sheet_bills_paid,
    "bills_failed": _sheet_bills_failed,
    "bills_refunded": _sheet_bills_refunded,
    "consignment": _sheet_consignment,
    "settlements": _sheet_settlements,
    "lots": _sheet_lots,
    "proxy_placed": _sheet_proxy_placed,
    "proxy_closed": _sheet_proxy_closed,
    "proxy_cancelled": _sheet_proxy_cancelled,
    "online_sent": _sheet_online_sent,
    "farm_inputs": _sheet_farm_inputs,
    "training": _sheet_training,
    "cashpoint": _sheet_cashpoint,
    "cashpoint_days": _sheet_cashpoint_days,
    "services": _sheet_services,
    "notices": _sheet_notices,
    "poverty": _sheet_poverty,
    "cash": _sheet_cash,
}


def evidence(db: Store, month: str, key: str) -> Sheet:
    """The rows behind the figures whose `sheet` is `key`, for `month`. KeyError for an unknown key."""
    first, last = month_days(month)
    return SHEETS[key](db, first, last)


def all_evidence(db: Store, month: str) -> list[Sheet]:
    first, last = month_days(month)
    return [make(db, first, last) for make in SHEETS.values()]

