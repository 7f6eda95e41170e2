"""The reports the county asks for (DESIGN §1; domain §E, b7, b8): the daily close report and
the monthly station report, and the rows behind every figure.

`monthly_report(db, "2026-09")` is a plain JSON-able dict, money as integer fen (keys end in
`_fen`), typed key by key as `MonthlyReport` (`core.report_types`). Its figures come from the
service modules' own figure functions
(`parcels.daily_figures`, `bills.daily_figures`, `consignment.figures` ...); where one is
missing it is computed here. It depends only on the state tables, never on the clock, so the
county hub, folding the same events through the same appliers into a shadow station file
(`sync.hub.reports`), gets the same report to the fen.

`FIGURES` names each figure, its label and the sheet of rows behind it (`core.report_rows`),
for the files (`core.report_files`), the reports page and the county dashboard. A test checks
that every sheet adds up to its figure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from station_app.clock import iso, local, parse_iso
from station_app.core import (
    bills,
    cash,
    cashpoint,
    consignment,
    notices,
    parcels,
    people,
    proxy_orders,
    register,
    services_ledger,
    settings,
    subsidy,
    training,
)
from station_app.core.report_types import (
    BillerLine,
    BillsSection,
    CashByService,
    CashPeriod,
    CashpointSection,
    CashSection,
    ConsignmentSection,
    DailyReport,
    DeliverySection,
    FarmSubsidySection,
    Household,
    MonthlyReport,
    NoticesSection,
    ParcelsSection,
    PovertySection,
    ProxyOrdersSection,
    ServedCount,
    ServicesSection,
    StationInfo,
    SubsidyClaim,
    TrainingSection,
)
from station_app.core.station import get_station
from station_app.db import Store
from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate

VERSION = 1
#: the county's outbound subsidy for farm produce, per parcel (石城: 0.5元/单, capped per year)
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


# -- periods --------------------------------------------------------------------------------


def month_days(month: str) -> tuple[date, date]:
    """'2026-09' -> (2026-09-01, 2026-09-30). Raises ValidationError for anything else."""
    m = _MONTH.match(month or "")
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 2000:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Month '{text}' is not valid: write it like 2026-11"),
                              text=month)
    first = date(int(m.group(1)), int(m.group(2)), 1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def last_months(today: date, n: int = 12) -> list[str]:
    """The n months up to and including today's, oldest first."""
    out, y, m = [], today.year, today.month
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def quarter_days(quarter: str) -> tuple[date, date]:
    """'2026Q3' (or 2026-Q3) -> (2026-07-01, 2026-09-30). Raises ValidationError."""
    m = re.match(r"^\s*(\d{4})-?[Qq]([1-4])\s*$", quarter or "")
    if not m:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Quarter '{text}' is not valid: write it like 2026Q3"),
                              text=quarter)
    year, q = int(m.group(1)), int(m.group(2))
    return month_days(f"{year}-{3 * q - 2:02d}")[0], month_days(f"{year}-{3 * q:02d}")[1]


def utc_bounds(first: date, last: date) -> tuple[str, str]:
    """UTC text bounds [low, high) of the local (Shanghai) days first..last."""
    return parcels.day_bounds(first)[0], parcels.day_bounds(last)[1]


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _local_day(text: str | None) -> str:
    return local(parse_iso(text)).date().isoformat() if text else ""


def local_time(text: str | None) -> str:
    return local(parse_iso(text)).strftime("%Y-%m-%d %H:%M") if text else ""


# -- what each figure is ------------------------------------------------------------------------

SECTIONS: dict[str, str] = {
    "parcels": QT_TRANSLATE_NOOP("reports", "Parcels"),
    "delivery": QT_TRANSLATE_NOOP("reports", "Delivery times"),
    "farm_subsidy": QT_TRANSLATE_NOOP("reports", "Farm produce sent out of the county"),
    "bills": QT_TRANSLATE_NOOP("reports", "Bills and top-ups"),
    "consignment": QT_TRANSLATE_NOOP("reports", "Consignment sales"),
    "proxy_orders": QT_TRANSLATE_NOOP("reports", "Proxy purchases"),
    "training": QT_TRANSLATE_NOOP("reports", "Training"),
    "cashpoint": QT_TRANSLATE_NOOP("reports", "Bank-card cash point"),
    "services": QT_TRANSLATE_NOOP("reports", "Other services to villagers"),
    "notices": QT_TRANSLATE_NOOP("reports", "County notices"),
    "poverty": QT_TRANSLATE_NOOP("reports", "Poverty-register households served"),
    "cash": QT_TRANSLATE_NOOP("reports", "Cash"),
}


#: a figure's value: a count or fen, a share or hours (float), None when there is none
FigureValue = int | float | None


@dataclass(frozen=True)
class Figure:
    """One number of the monthly report: `report[section][key]`, shown as `kind`
    (count, fen, pct, hours), with the evidence sheet that holds the rows behind it."""

    section: str
    key: str
    label: str
    kind: str = "count"
    sheet: str | None = None

    def value(self, report: Mapping[str, Any]) -> FigureValue:
        """This figure in `report` (a `MonthlyReport`, or the county's sum of them)."""
        value: FigureValue = report[self.section][self.key]
        return value


def _f(section: str, key: str, label: str, kind: str = "count", sheet: str | None = None) -> Figure:
    return Figure(section, key, label, kind, sheet)


FIGURES: tuple[Figure, ...] = (
    _f("parcels", "arrived", QT_TRANSLATE_NOOP("reports", "Parcels arrived"), sheet="parcels_arrived"),
    _f("parcels", "picked_up", QT_TRANSLATE_NOOP("reports", "Parcels picked up"), sheet="parcels_picked_up"),
    _f("parcels", "became_overdue", QT_TRANSLATE_NOOP("reports", "Parcels overdue"), sheet="parcels_overdue"),
    _f("parcels", "returned", QT_TRANSLATE_NOOP("reports", "Parcels returned"), sheet="parcels_returned"),
    _f("parcels", "exceptions", QT_TRANSLATE_NOOP("reports", "Problem parcels"), sheet="parcels_exceptions"),
    _f("parcels", "sent", QT_TRANSLATE_NOOP("reports", "Parcels sent"), sheet="parcels_sent"),
    _f("parcels", "sent_fees_fen", QT_TRANSLATE_NOOP("reports", "Fees for parcels sent"), "fen", "parcels_sent"),
    _f("parcels", "handed_to_courier", QT_TRANSLATE_NOOP("reports", "Parcels handed to couriers"),
       sheet="parcels_handed"),
    _f("delivery", "with_dispatch_time", QT_TRANSLATE_NOOP("reports", "Parcels with a county dispatch time"),
       sheet="delivery"),
    _f("delivery", "within_48h", QT_TRANSLATE_NOOP("reports", "Arrived within 48 h"), sheet="delivery"),
    _f("delivery", "within_48h_pct", QT_TRANSLATE_NOOP("reports", "Share within 48 h"), "pct"),
    _f("delivery", "within_72h", QT_TRANSLATE_NOOP("reports", "Arrived within 72 h"), sheet="delivery"),
    _f("delivery", "within_72h_pct", QT_TRANSLATE_NOOP("reports", "Share within 72 h"), "pct"),
    _f("delivery", "median_hours", QT_TRANSLATE_NOOP("reports", "Median hours from the county to the station"),
       "hours"),
    _f("delivery", "median_wait_hours", QT_TRANSLATE_NOOP("reports", "Median hours on the shelf"), "hours"),
    _f("farm_subsidy", "parcels", QT_TRANSLATE_NOOP("reports", "Farm-produce parcels sent out of the county"),
       sheet="farm_subsidy"),
    _f("farm_subsidy", "fen_per_parcel", QT_TRANSLATE_NOOP("reports", "Subsidy per parcel"), "fen"),
    _f("farm_subsidy", "claim_fen", QT_TRANSLATE_NOOP("reports", "Subsidy claimed"), "fen", "farm_subsidy"),
    _f("bills", "accepted", QT_TRANSLATE_NOOP("reports", "Bills accepted"), sheet="bills_accepted"),
    _f("bills", "accepted_fen", QT_TRANSLATE_NOOP("reports", "Amount accepted"), "fen", "bills_accepted"),
    _f("bills", "fees_fen", QT_TRANSLATE_NOOP("reports", "Fees taken"), "fen", "bills_accepted"),
    _f("bills", "paid", QT_TRANSLATE_NOOP("reports", "Bills paid"), sheet="bills_paid"),
    _f("bills", "paid_fen", QT_TRANSLATE_NOOP("reports", "Amount paid"), "fen", "bills_paid"),
    _f("bills", "commission_fen", QT_TRANSLATE_NOOP("reports", "Commission due from the county"), "fen",
       "bills_paid"),
    _f("bills", "failed", QT_TRANSLATE_NOOP("reports", "Bills failed"), sheet="bills_failed"),
    _f("bills", "failed_fen", QT_TRANSLATE_NOOP("reports", "Amount failed"), "fen", "bills_failed"),
    _f("bills", "refunded", QT_TRANSLATE_NOOP("reports", "Bills refunded"), sheet="bills_refunded"),
    _f("bills", "refunded_fen", QT_TRANSLATE_NOOP("reports", "Cash refunded"), "fen", "bills_refunded"),
    _f("consignment", "sales", QT_TRANSLATE_NOOP("reports", "Consignment sales"), sheet="consignment"),
    _f("consignment", "amount_fen", QT_TRANSLATE_NOOP("reports", "Consignment sales amount (net of returns)"), "fen",
       "consignment"),
    _f("consignment", "returns", QT_TRANSLATE_NOOP("reports", "Returns"), sheet="consignment"),
    _f("consignment", "returned_fen", QT_TRANSLATE_NOOP("reports", "Amount returned"), "fen", "consignment"),
    _f("consignment", "commission_fen", QT_TRANSLATE_NOOP("reports", "Station commission"), "fen", "consignment"),
    _f("consignment", "poverty_sales", QT_TRANSLATE_NOOP("reports", "Sales of goods from poverty-register households"),
       sheet="consignment"),
    _f("consignment", "poverty_fen", QT_TRANSLATE_NOOP("reports", "Amount for poverty-register households"), "fen",
       "consignment"),
    _f("consignment", "settlements_paid", QT_TRANSLATE_NOOP("reports", "Settlements paid to consignors"),
       sheet="settlements"),
    _f("consignment", "settlements_paid_fen", QT_TRANSLATE_NOOP("reports", "Paid to consignors"), "fen", "settlements"),
    _f("consignment", "lots_taken_in", QT_TRANSLATE_NOOP("reports", "Lots taken in"), sheet="lots"),
    _f("proxy_orders", "placed", QT_TRANSLATE_NOOP("reports", "Proxy orders placed"), sheet="proxy_placed"),
    _f("proxy_orders", "placed_fen", QT_TRANSLATE_NOOP("reports", "Estimated amount of orders placed"), "fen",
       "proxy_placed"),
    _f("proxy_orders", "closed", QT_TRANSLATE_NOOP("reports", "Proxy orders handed over"), sheet="proxy_closed"),
    _f("proxy_orders", "closed_fen", QT_TRANSLATE_NOOP("reports", "Amount of orders handed over"), "fen",
       "proxy_closed"),
    _f("proxy_orders", "fees_fen", QT_TRANSLATE_NOOP("reports", "Service fees"), "fen", "proxy_closed"),
    _f("proxy_orders", "poverty_orders", QT_TRANSLATE_NOOP("reports", "Orders for poverty-register households"),
       sheet="proxy_closed"),
    _f("proxy_orders", "poverty_fen", QT_TRANSLATE_NOOP("reports", "Amount for poverty-register households"), "fen",
       "proxy_closed"),
    _f("proxy_orders", "cancelled", QT_TRANSLATE_NOOP("reports", "Orders cancelled"), sheet="proxy_cancelled"),
    _f("proxy_orders", "online_sent", QT_TRANSLATE_NOOP("reports", "County online-shop orders sent"),
       sheet="online_sent"),
    _f("proxy_orders", "online_fen", QT_TRANSLATE_NOOP("reports", "County online-shop amount"), "fen", "online_sent"),
    _f("proxy_orders", "farm_inputs", QT_TRANSLATE_NOOP("reports", "Farm inputs sold (seed, fertiliser, pesticide, "
                                                                    "fuel)"), sheet="farm_inputs"),
    _f("proxy_orders", "farm_inputs_fen", QT_TRANSLATE_NOOP("reports", "Farm inputs amount"), "fen", "farm_inputs"),
    _f("training", "sessions", QT_TRANSLATE_NOOP("reports", "Training sessions"), sheet="training"),
    _f("training", "person_times", QT_TRANSLATE_NOOP("reports", "Person-times trained"), sheet="training"),
    _f("training", "distinct_people", QT_TRANSLATE_NOOP("reports", "People trained"), sheet="training"),
    _f("training", "poverty_people", QT_TRANSLATE_NOOP("reports", "Poverty-register people trained"),
       sheet="training"),
    _f("training", "surveys", QT_TRANSLATE_NOOP("reports", "Satisfaction surveys"), sheet="training"),
    _f("training", "satisfaction_pct", QT_TRANSLATE_NOOP("reports", "Satisfied (4-5 of 5)"), "pct"),
    _f("training", "satisfaction_target_pct", QT_TRANSLATE_NOOP("reports", "Satisfaction target"), "pct"),
    _f("training", "year_person_times", QT_TRANSLATE_NOOP("reports", "Person-times this year")),
    _f("training", "person_times_target", QT_TRANSLATE_NOOP("reports", "Person-times target this year")),
    _f("training", "shops_opened", QT_TRANSLATE_NOOP("reports", "Trainees who opened an online shop")),
    _f("training", "employed", QT_TRANSLATE_NOOP("reports", "Trainees employed")),
    _f("cashpoint", "withdrawals", QT_TRANSLATE_NOOP("reports", "Cash withdrawals"), sheet="cashpoint"),
    _f("cashpoint", "amount_fen", QT_TRANSLATE_NOOP("reports", "Cash paid out for bank cards"), "fen", "cashpoint"),
    _f("cashpoint", "cards", QT_TRANSLATE_NOOP("reports", "Bank cards served")),
    _f("cashpoint", "poverty_withdrawals", QT_TRANSLATE_NOOP("reports", "Withdrawals by poverty-register households"),
       sheet="cashpoint"),
    _f("cashpoint", "days", QT_TRANSLATE_NOOP("reports", "Days with withdrawals"), sheet="cashpoint_days"),
    _f("cashpoint", "settled_days", QT_TRANSLATE_NOOP("reports", "Days the bank settled"), sheet="cashpoint_days"),
    _f("cashpoint", "differing_days", QT_TRANSLATE_NOOP("reports", "Days the bank's settlement differs"),
       sheet="cashpoint_days"),
    _f("cashpoint", "difference_fen", QT_TRANSLATE_NOOP("reports", "Bank settlement minus cash paid out"), "fen",
       "cashpoint_days"),
    _f("services", "times", QT_TRANSLATE_NOOP("reports", "People served (person-times)"), sheet="services"),
    _f("services", "records", QT_TRANSLATE_NOOP("reports", "Services recorded"), sheet="services"),
    _f("services", "fees_fen", QT_TRANSLATE_NOOP("reports", "Service fees taken"), "fen", "services"),
    _f("services", "poverty_times", QT_TRANSLATE_NOOP("reports", "Poverty-register people served"), sheet="services"),
    _f("notices", "received", QT_TRANSLATE_NOOP("reports", "Notices received from the county"), sheet="notices"),
    _f("notices", "posted", QT_TRANSLATE_NOOP("reports", "Notices posted on the notice wall"), sheet="notices"),
    _f("poverty", "households", QT_TRANSLATE_NOOP("reports", "Households served"), sheet="poverty"),
    _f("poverty", "times", QT_TRANSLATE_NOOP("reports", "Services to these households"), sheet="poverty"),
    _f("poverty", "register_reached", QT_TRANSLATE_NOOP("reports", "Register households reached")),
    _f("poverty", "register_households", QT_TRANSLATE_NOOP("reports", "Register households here")),
    _f("poverty", "model_reached", QT_TRANSLATE_NOOP("reports", "Model households reached")),
    _f("cash", "days", QT_TRANSLATE_NOOP("reports", "Cash days"), sheet="cash"),
    _f("cash", "closed_days", QT_TRANSLATE_NOOP("reports", "Cash days closed with a count"), sheet="cash"),
    _f("cash", "cash_in_fen", QT_TRANSLATE_NOOP("reports", "Cash taken in"), "fen", "cash"),
    _f("cash", "cash_out_fen", QT_TRANSLATE_NOOP("reports", "Cash paid out"), "fen", "cash"),
    _f("cash", "income_fen", QT_TRANSLATE_NOOP("reports", "Station income"), "fen", "cash"),
    _f("cash", "over_short_fen", QT_TRANSLATE_NOOP("reports", "Over (+) / short (-)"), "fen", "cash"),
)

#: what poverty-register households were served with (the keys of `poverty.by_service`)
POVERTY_SERVICES: dict[str, str] = {
    "parcels_in": QT_TRANSLATE_NOOP("reports", "Parcels received"),
    "parcels_out": QT_TRANSLATE_NOOP("reports", "Parcels sent"),
    "bills": QT_TRANSLATE_NOOP("reports", "Bills paid"),
    "consignment": QT_TRANSLATE_NOOP("reports", "Goods sold on consignment"),
    "proxy_orders": QT_TRANSLATE_NOOP("reports", "Proxy purchases"),
    "training": QT_TRANSLATE_NOOP("reports", "Training"),
    "cashpoint": QT_TRANSLATE_NOOP("reports", "Cash withdrawals"),
    "services": QT_TRANSLATE_NOOP("reports", "Other services"),
}


def label(text: str, lang: str | None = None) -> str:
    return translate("reports", text, lang)


def show_value(kind: str, value: FigureValue | str) -> str:
    """A figure as a person reads it: ¥1,234.50, 91.3%, 46.8 h, 1234; '—' when there is none."""
    from station_app.core.money import format_fen

    if value is None:
        return "—"
    if kind == "fen":
        return format_fen(int(value))
    if kind == "pct":
        return f"{value}%"
    if kind == "hours":
        return f"{value} h"
    return str(value)


# -- the monthly report ---------------------------------------------------------------------------


def monthly_report(db: Store, month: str) -> MonthlyReport:
    """The monthly station report for `month` ('YYYY-MM'): a JSON-able dict, money in fen.
    Raises ValidationError for a bad month."""
    first, last = month_days(month)
    return {
        "report": "monthly", "version": VERSION, "month": month_of(first),
        "first_day": first.isoformat(), "last_day": last.isoformat(),
        "station": station_info(db),
        "parcels": _parcels(db, first, last),
        "delivery": _delivery(db, first, last),
        "farm_subsidy": _farm_subsidy(db, first, last),
        "bills": _bills(db, first, last),
        "consignment": _consignment(db, first, last),
        "proxy_orders": _proxy_orders(db, first, last),
        "training": _training(db, first, last),
        "cashpoint": _cashpoint(db, first, last),
        "services": _services(db, first, last),
        "notices": _notices(db, first, last),
        "poverty": _poverty(db, first, last),
        "cash": _cash(db, first, last),
    }


def station_info(db: Store) -> StationInfo:
    st = get_station(db)
    return {"id": st.id, "name": st.name, "village": st.village, "county": st.county} if st else \
        {"id": "", "name": "", "village": "", "county": ""}


def _parcels(db: Store, first: date, last: date) -> ParcelsSection:
    """The month's sums of `parcels.daily_figures`, counted over the month at once (each daily
    count is a range of its day, so the month's is the range of the month)."""
    a, b = utc_bounds(first, last)
    n = settings.get(db, "parcels.overdue_days")

    def count(sql: str, *params: Any) -> int:
        return int(db.value(sql, params, default=0))

    became = 0  # still on the shelf n days after arriving, counted on the day that happened
    lo, hi = utc_bounds(first - timedelta(days=n), last - timedelta(days=n))
    for r in db.rows("SELECT arrived_at, picked_up_at, returned_at, exception_at, on_shelf FROM parcels "
                     "WHERE arrived_at >= ? AND arrived_at < ?", (lo, hi)):
        due = iso(parse_iso(r["arrived_at"]) + timedelta(days=n))
        left = r["picked_up_at"] or r["returned_at"] or (r["exception_at"] if not r["on_shelf"] else None)
        became += left is None or left >= due
    sent = db.row("SELECT count(*) AS n, sum(fee_fen) AS fees FROM outbound_parcels WHERE taken_at >= ? "
                  "AND taken_at < ? AND status != 'cancelled'", (a, b))
    return {"arrived": count("SELECT count(*) FROM parcels WHERE arrived_at >= ? AND arrived_at < ?", a, b),
            "picked_up": count("SELECT count(*) FROM parcels WHERE picked_up_at >= ? AND picked_up_at < ?", a, b),
            "became_overdue": became,
            "returned": count("SELECT count(*) FROM parcels WHERE returned_at >= ? AND returned_at < ?", a, b),
            "exceptions": count("SELECT count(*) FROM parcels WHERE exception_at >= ? AND exception_at < ?", a, b),
            "sent": int(sent["n"] or 0) if sent else 0,
            "sent_fees_fen": int(sent["fees"] or 0) if sent else 0,
            "handed_to_courier": count("SELECT count(*) FROM outbound_parcels WHERE handed_over_at >= ? "
                                       "AND handed_over_at < ?", a, b),
            "overdue_days": n}


def _delivery(db: Store, first: date, last: date) -> DeliverySection:
    t = parcels.delivery_times(db, first, last)
    return {"arrived": t.arrived, "with_dispatch_time": t.with_dispatch_time, "within_48h": t.within_48h,
            "within_48h_pct": _pct(t.within_48h, t.with_dispatch_time), "within_72h": t.within_72h,
            "within_72h_pct": _pct(t.within_72h, t.with_dispatch_time), "target_hours": t.target_hours,
            "within_target": t.within_target, "within_target_pct": _pct(t.within_target, t.with_dispatch_time),
            "median_hours": t.median_hours, "median_wait_hours": t.median_wait_hours}


def delivery_hours(db: Store, first: date, last: date) -> tuple[list[float], list[float]]:
    """The hours behind `parcels.delivery_times`, one per parcel arrived in the days given:
    county dispatch to arrival, and arrival to pickup (for medians over several stations).
    The differences are taken in SQL as whole milliseconds (the stored times' precision), then
    divided as `timedelta.total_seconds() / 3600` divides, so the hours are the same floats."""
    a, b = utc_bounds(first, last)
    hours, waits = [], []
    for r in db.rows(f"SELECT dispatched_at, arrived_at, picked_up_at, {_MS.format(x='arrived_at', y='dispatched_at')} "
                     f"AS travel, {_MS.format(x='picked_up_at', y='arrived_at')} AS wait FROM parcels "
                     "WHERE arrived_at >= ? AND arrived_at < ?", (a, b)):
        if r["dispatched_at"]:
            hours.append(_hours(r["travel"], r["arrived_at"], r["dispatched_at"]))
        if r["picked_up_at"]:
            waits.append(_hours(r["wait"], r["picked_up_at"], r["arrived_at"]))
    return hours, waits


#: x - y in whole milliseconds (NULL when either is NULL or not a time SQLite reads)
_MS = "CAST(round((julianday({x}) - julianday({y})) * 86400000.0) AS INTEGER)"


def _hours(ms: int | None, later: str, earlier: str) -> float:
    if ms is None or len(later) != 24 or len(earlier) != 24:  # not `clock.iso`'s form: as Python reads it
        return (parse_iso(later) - parse_iso(earlier)).total_seconds() / 3600
    return (ms * 1000 / 10**6) / 3600


def median(values: list[float]) -> float | None:
    """The median rounded to 0.1, as `parcels.delivery_times` gives it (None for no values)."""
    if not values:
        return None
    v = sorted(values)
    mid = len(v) // 2
    return round(v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2, 1)


def subsidy_claims(db: Store, first: date, last: date) -> list[SubsidyClaim]:
    """The farm-produce outbound subsidy claim rows (domain b8) the station's records support:
    one per parcel the rules admit (`core.subsidy`: a subsidised category, a destination code
    outside the county, the e-waybill's photo), with the county's rate per parcel until the
    sending entity's yearly cap is reached (counting its earlier parcels of the year at this
    station), nothing after. The county's cap and its review are the hub's (`sync.hub.claims`)."""
    rate = int(settings.get(db, "parcels.farm_subsidy_fen"))
    cap = int(settings.get(db, "parcels.farm_subsidy_cap_yuan")) * 100
    year_start = first.replace(month=1, day=1)
    earlier = [c for c in subsidy.candidates(db, year_start, first - timedelta(days=1)) if c.refused is None] \
        if first > year_start else []
    used: dict[str, int] = {}
    for c, amount in zip(earlier, subsidy.apply_caps([(c.entity, True) for c in earlier], rate=rate, entity_cap=cap,
                                                     county_cap=None), strict=True):
        used[c.entity] = used.get(c.entity, 0) + amount.fen
    rows = [c for c in subsidy.candidates(db, first, last) if c.refused is None]
    amounts = subsidy.apply_caps([(c.entity, True) for c in rows], rate=rate, entity_cap=cap, county_cap=None,
                                 entity_used=used)
    return [{"no": no, "ewaybill": c.ewaybill, "carrier": c.carrier, "day": c.day, "receipt_no": c.receipt_no,
             "product": c.product, "category": c.category, "destination": c.destination,
             "destination_code": c.destination_code, "sender": c.sender, "entity": c.entity_name,
             "weight_g": c.weight_g, "subsidy_fen": amount.fen}
            for no, (c, amount) in enumerate(zip(rows, amounts, strict=True), 1)]


def _farm_subsidy(db: Store, first: date, last: date) -> FarmSubsidySection:
    claims = subsidy_claims(db, first, last)
    return {"parcels": len(claims), "fen_per_parcel": int(settings.get(db, "parcels.farm_subsidy_fen")),
            "claim_fen": sum(c["subsidy_fen"] for c in claims), "claims": claims}


_TALLIES = ("accepted", "paid", "failed", "refunded")
BILL_KEYS = (*(k for t in _TALLIES for k in (t, f"{t}_fen")), "fees_fen", "commission_fen")


def _biller_line(b: bills.BillerFigures) -> BillerLine:
    return {"biller_id": b.biller_id, "biller_name": b.biller_name,
            "accepted": b.accepted.count, "accepted_fen": b.accepted.amount, "paid": b.paid.count,
            "paid_fen": b.paid.amount, "failed": b.failed.count, "failed_fen": b.failed.amount,
            "refunded": b.refunded.count, "refunded_fen": b.refunded.amount, "fees_fen": b.fees,
            "commission_fen": b.commission}


def _add_biller_line(into: BillerLine, line: BillerLine) -> None:
    into["accepted"] += line["accepted"]
    into["accepted_fen"] += line["accepted_fen"]
    into["paid"] += line["paid"]
    into["paid_fen"] += line["paid_fen"]
    into["failed"] += line["failed"]
    into["failed_fen"] += line["failed_fen"]
    into["refunded"] += line["refunded"]
    into["refunded_fen"] += line["refunded_fen"]
    into["fees_fen"] += line["fees_fen"]
    into["commission_fen"] += line["commission_fen"]


def _bills(db: Store, first: date, last: date) -> BillsSection:
    """Per biller (and in total): accepted, paid, failed and refunded, counts and fen, over the
    days of the month as `bills.daily_figures` counts each day."""
    billers = [_biller_line(b) for b in bills.period_billers(db, first, last)]
    total: BillerLine = {"biller_id": "", "biller_name": "", "accepted": 0, "accepted_fen": 0, "paid": 0,
                         "paid_fen": 0, "failed": 0, "failed_fen": 0, "refunded": 0, "refunded_fen": 0,
                         "fees_fen": 0, "commission_fen": 0}
    for line in billers:
        _add_biller_line(total, line)
    return {"accepted": total["accepted"], "accepted_fen": total["accepted_fen"], "paid": total["paid"],
            "paid_fen": total["paid_fen"], "failed": total["failed"], "failed_fen": total["failed_fen"],
            "refunded": total["refunded"], "refunded_fen": total["refunded_fen"], "fees_fen": total["fees_fen"],
            "commission_fen": total["commission_fen"], "billers": billers}


def _consignment(db: Store, first: date, last: date) -> ConsignmentSection:
    f = consignment.figures(db, first, last)
    return {"sales": f.sales, "amount_fen": f.amount, "returns": f.returns, "returned_fen": f.returned_amount,
            "commission_fen": f.commission, "poverty_sales": f.poverty_sales, "poverty_fen": f.poverty_amount,
            "poverty_consignors": f.poverty_consignors, "settlements_paid": f.settlements_paid,
            "settlements_paid_fen": f.settlements_paid_amount, "lots_taken_in": f.lots_taken_in,
            "by_category": {k: {"sales": n, "amount_fen": a} for k, (n, a) in sorted(f.by_category.items())}}


def _proxy_orders(db: Store, first: date, last: date) -> ProxyOrdersSection:
    f = proxy_orders.figures(db, first, last)
    return {"placed": f.placed, "placed_fen": f.placed_amount, "closed": f.closed, "closed_fen": f.closed_amount,
            "fees_fen": f.fees, "poverty_orders": f.poverty_orders, "poverty_fen": f.poverty_amount,
            "cancelled": f.cancelled, "online_sent": f.online_sent, "online_fen": f.online_amount,
            "farm_inputs": f.farm_inputs, "farm_inputs_fen": f.farm_inputs_amount,
            "by_farm_kind": {k: {"orders": n, "amount_fen": a} for k, (n, a) in (f.by_farm_kind or {}).items()}}


def _cashpoint(db: Store, first: date, last: date) -> CashpointSection:
    f = cashpoint.figures(db, first, last)
    return {"withdrawals": f.withdrawals, "amount_fen": f.amount, "cards": f.cards,
            "poverty_withdrawals": f.poverty_withdrawals, "poverty_fen": f.poverty_amount, "voided": f.voided,
            "days": f.days, "settled_days": f.settled_days, "differing_days": f.differing_days,
            "difference_fen": f.difference, "settled_fen": f.settled_amount}


def _services(db: Store, first: date, last: date) -> ServicesSection:
    f = services_ledger.figures(db, first, last)
    return {"records": f.records, "times": f.times, "fees_fen": f.fees, "poverty_times": f.poverty_times,
            "voided": f.voided, "by_category": {c.code: {"records": c.records, "times": c.times, "fees_fen": c.fees}
                                                for c in f.by_category}}


def _notices(db: Store, first: date, last: date) -> NoticesSection:
    f = notices.figures(db, first, last)
    return {"received": f.received, "posted": f.posted}


def _training(db: Store, first: date, last: date) -> TrainingSection:
    f = training.figures(db, first, last)
    year = training.figures(db, date(last.year, 1, 1), last)
    return {"sessions": f.sessions, "person_times": f.person_times, "distinct_people": f.distinct_people,
            "by_category": dict(sorted(f.by_category.items())), "poverty_people": f.poverty_people,
            "poverty_households": f.poverty_households, "surveys": f.surveys, "satisfied": f.satisfied,
            "satisfaction_pct": None if f.satisfaction_pct is None else round(f.satisfaction_pct, 1),
            "satisfaction_target_pct": f.satisfaction_target_pct, "shops_opened": f.shops_opened,
            "employed": f.employed, "year_person_times": year.person_times,
            "person_times_target": f.person_times_target}


def _cash(db: Store, first: date, last: date) -> CashSection:
    days = cash_days(db, first, last)
    by_service: dict[str, CashByService] = {}
    for s in days:
        for line in s.lines:
            into = by_service.setdefault(line.service, {"cash_in_fen": 0, "cash_out_fen": 0, "income_fen": 0,
                                                        "transactions": 0})
            into["cash_in_fen"] += line.cash_in
            into["cash_out_fen"] += line.cash_out
            into["income_fen"] += line.income
            into["transactions"] += line.transactions
    return {"days": len(days), "closed_days": sum(s.period.status == "closed" for s in days),
            "cash_in_fen": sum(v["cash_in_fen"] for v in by_service.values()),
            "cash_out_fen": sum(v["cash_out_fen"] for v in by_service.values()),
            "income_fen": sum(v["income_fen"] for v in by_service.values()),
            "over_short_fen": sum(s.over_short + s.opening_difference for s in days),
            "by_service": dict(sorted(by_service.items()))}


def cash_days(db: Store, first: date, last: date) -> list[cash.DaySummary]:
    """The cash days (periods) labelled with a day in first..last, in order: each period
    belongs to exactly one month."""
    return [cash.day_summary(db, r["id"]) for r in db.rows(
        "SELECT id FROM cash_periods WHERE label_day BETWEEN ? AND ? ORDER BY label_day, opened_at",
        (first.isoformat(), last.isoformat()))]


def periods_on(db: Store, day: date) -> list[cash.DaySummary]:
    """The cash periods open at some time of the local day: the one closed that day (a day
    opened late the evening before, say) and the one open now."""
    a, b = parcels.day_bounds(day)
    return [cash.day_summary(db, r["id"]) for r in db.rows(
        "SELECT id FROM cash_periods WHERE opened_at < ? AND (closed_at IS NULL OR closed_at >= ?) ORDER BY opened_at",
        (b, a))]


# -- poverty-register households ------------------------------------------------------------------

# in the county's register (by the keyed ID hash: core.register), or marked by hand before the register came
_POOR = f"({register.IN_REGISTER} OR (',' || p.categories || ',') LIKE '%,{people.POVERTY},%')"


def served(db: Store, first: date, last: date) -> list[tuple[str, str, int]]:
    """(person or consignor key, service, amount fen) for each service to a poverty-register
    person in the days given: the person is in the register now, or the record was flagged
    as one when it was made."""
    a, b = utc_bounds(first, last)
    d1, d2 = first.isoformat(), last.isoformat()
    queries: list[tuple[str, str, tuple[Any, ...]]] = [
        ("parcels_in", f"SELECT p.id AS who, 0 AS fen FROM parcels x JOIN people p ON p.id = x.person_id "
                       f"WHERE x.arrived_at >= ? AND x.arrived_at < ? AND {_POOR}", (a, b)),
        ("parcels_out", f"SELECT p.id AS who, x.fee_fen AS fen FROM outbound_parcels x JOIN people p ON p.id = x.sender_id "
                        f"WHERE x.taken_at >= ? AND x.taken_at < ? AND x.status != 'cancelled' AND {_POOR}", (a, b)),
        ("bills", f"SELECT p.id AS who, x.amount AS fen FROM bills x JOIN people p ON p.id = x.payer_id "
                  f"WHERE x.accepted_at >= ? AND x.accepted_at < ? AND {_POOR}", (a, b)),
        ("consignment", f"SELECT coalesce(c.person_id, 'consignor:' || c.id) AS who, m.amount AS fen "
                        f"FROM consign_moves m JOIN consignors c ON c.id = m.consignor_id "
                        f"LEFT JOIN people p ON p.id = c.person_id WHERE m.voided = 0 AND m.day BETWEEN ? AND ? "
                        f"AND (m.poverty = 1 OR {_POOR})", (d1, d2)),
        ("proxy_orders", f"SELECT p.id AS who, x.estimate + x.fee AS fen FROM proxy_orders x "
                         f"JOIN people p ON p.id = x.person_id WHERE x.day BETWEEN ? AND ? "
                         f"AND (x.poverty = 1 OR {_POOR})", (d1, d2)),
        ("training", f"SELECT p.id AS who, 0 AS fen FROM training_signins x JOIN people p ON p.id = x.person_id "
                     f"WHERE x.signed_in_at >= ? AND x.signed_in_at < ? AND (x.poverty = 1 OR {_POOR})", (a, b)),
        ("cashpoint", f"SELECT p.id AS who, x.amount AS fen FROM cash_withdrawals x JOIN people p ON p.id = x.person_id "
                      f"WHERE x.day BETWEEN ? AND ? AND x.status = 'paid' AND (x.poverty = 1 OR {_POOR})", (d1, d2)),
        ("services", f"SELECT p.id AS who, x.fee AS fen FROM service_records x JOIN people p ON p.id = x.person_id "
                     f"WHERE x.day BETWEEN ? AND ? AND x.status = 'done' AND (x.poverty = 1 OR {_POOR})", (d1, d2)),
    ]
    out: list[tuple[str, str, int]] = []
    for service, sql, params in queries:
        out += [(r["who"], service, int(r["fen"] or 0)) for r in db.rows(sql, params)]
    return out


@dataclass(frozen=True)
class _Served:
    """Who was served, as a household row names them."""

    key: str  # the household number, else the person's id (or the consignor's key)
    household_no: str
    name: str
    village: str


@dataclass
class _Home:
    """A household while its services are counted."""

    household: str
    household_no: str
    village: str
    names: list[str] = field(default_factory=list)
    services: dict[str, int] = field(default_factory=lambda: dict.fromkeys(POVERTY_SERVICES, 0))
    times: int = 0
    amount_fen: int = 0


def _who(db: Store, who: str) -> _Served:
    if who.startswith("consignor:"):
        c = db.row("SELECT name, village FROM consignors WHERE id = ?", (who.split(":", 1)[1],))
        assert c is not None, who
        return _Served(who, "", c["name"], c["village"])
    p = db.row("SELECT p.id, p.name, p.village, coalesce(m.household_no, p.household_no) AS household_no FROM people p "
               "LEFT JOIN register_members m ON m.id_hash = p.id_hash WHERE p.id = ?", (who,))
    assert p is not None, who
    return _Served(p["household_no"] or p["id"], p["household_no"] or "", p["name"], p["village"])


def poverty_households(db: Store, first: date, last: date) -> list[Household]:
    """Distinct poverty-register households served in the days given and what for: one row per
    household (its household number, else the person), people's names, village, times per
    service and the money involved. Sorted by village and household."""
    homes: dict[str, _Home] = {}
    person_cache: dict[str, _Served] = {}
    for who, service, fen in served(db, first, last):
        if who not in person_cache:
            person_cache[who] = _who(db, who)
        person = person_cache[who]
        home = homes.setdefault(person.key, _Home(person.key, person.household_no, person.village))
        if person.name not in home.names:
            home.names.append(person.name)
        home.services[service] += 1
        home.times += 1
        home.amount_fen += fen
    rows = sorted(homes.values(), key=lambda h: (h.village, h.household_no or "~", h.names[0]))
    return [{"household": h.household, "household_no": h.household_no, "names": "、".join(h.names),
             "village": h.village, "services": h.services, "times": h.times, "amount_fen": h.amount_fen}
            for h in rows]


def _poverty(db: Store, first: date, last: date) -> PovertySection:
    homes = poverty_households(db, first, last)
    held = register.figures(db, served(db, first, last))
    by_service: dict[str, ServedCount] = {k: {"households": sum(1 for h in homes if h["services"][k]),
                      "times": sum(h["services"][k] for h in homes)} for k in POVERTY_SERVICES}
    return {"households": len(homes), "times": sum(h["times"] for h in homes),
            "register_households": held.households, "register_reached": held.households_reached,
            "model_households": held.model_households, "model_reached": held.model_reached,
            "amount_fen": sum(h["amount_fen"] for h in homes), "by_service": by_service, "list": homes}


# -- the daily report -----------------------------------------------------------------------------


def daily_report(db: Store, day: date) -> DailyReport:
    """The daily close report for one local day: cash by service with over/short for each cash
    period open during it (`periods_on`), and the day's counts per service. Money in fen."""
    p = parcels.daily_figures(db, day)
    b = bills.daily_figures(db, day)
    c = consignment.figures(db, day, day)
    o = proxy_orders.figures(db, day, day)
    t = training.figures(db, day, day)
    w = cashpoint.figures(db, day, day)
    sv = services_ledger.figures(db, day, day)
    periods: list[CashPeriod] = []
    for s in periods_on(db, day):
        periods.append({"id": s.period.id, "label_day": s.period.label_day, "status": s.period.status, "opening_fen": s.opening,
                        "expected_fen": s.expected, "counted_fen": s.counted, "over_short_fen": s.over_short,
                        "opening_difference_fen": s.opening_difference,
                        "lines": [{"service": x.service, "cash_in_fen": x.cash_in, "cash_out_fen": x.cash_out,
                                   "income_fen": x.income, "transactions": x.transactions} for x in s.lines]})
    return {
        "report": "daily", "version": VERSION, "day": day.isoformat(), "station": station_info(db), "cash": periods,
        "parcels": {"arrived": p.checked_in, "picked_up": p.picked_up, "returned": p.returned,
                    "exceptions": p.exceptions, "became_overdue": p.became_overdue, "sent": p.outbound_taken,
                    "sent_fees_fen": p.outbound_fees_fen, "farm_out_of_county": p.outbound_farm_out_of_county,
                    "handed_to_courier": p.outbound_handed_to_courier, "on_shelf_now": p.on_shelf_now,
                    "overdue_now": p.overdue_now},
        "bills": {"accepted": b.total.accepted.count, "accepted_fen": b.total.accepted.amount, "fees_fen": b.total.fees,
                  "paid": b.total.paid.count, "paid_fen": b.total.paid.amount, "failed": b.total.failed.count,
                  "refunded": b.total.refunded.count, "refunded_fen": b.total.refunded.amount,
                  "waiting_now": b.waiting_now.count, "waiting_fen": b.waiting_now.amount,
                  "refund_due_now": b.refund_due_now.count, "conflicts_now": b.conflicts_now},
        "consignment": {"sales": c.sales, "amount_fen": c.amount, "commission_fen": c.commission},
        "proxy_orders": {"placed": o.placed, "closed": o.closed, "closed_fen": o.closed_amount},
        "training": {"sessions": t.sessions, "person_times": t.person_times, "surveys": t.surveys,
                     "satisfied": t.satisfied},
        "cashpoint": {"withdrawals": w.withdrawals, "amount_fen": w.amount},
        "services": {"records": sv.records, "times": sv.times, "fees_fen": sv.fees},
    }


def daily_value(report: DailyReport, section: str, key: str) -> FigureValue:
    """`report[section][key]` of the daily report, for the names in `DAILY_COUNTS`."""
    sections: Mapping[str, Any] = report
    value: FigureValue = sections[section][key]
    return value


#: the daily report's counts as the reports page lists them: (section, key, label, kind)
DAILY_COUNTS: tuple[tuple[str, str, str, str], ...] = (
    ("parcels", "arrived", QT_TRANSLATE_NOOP("reports", "Parcels arrived"), "count"),
    ("parcels", "picked_up", QT_TRANSLATE_NOOP("reports", "Parcels picked up"), "count"),
    ("parcels", "returned", QT_TRANSLATE_NOOP("reports", "Parcels returned"), "count"),
    ("parcels", "on_shelf_now", QT_TRANSLATE_NOOP("reports", "On the shelf now"), "count"),
    ("parcels", "overdue_now", QT_TRANSLATE_NOOP("reports", "Overdue now"), "count"),
    ("parcels", "sent", QT_TRANSLATE_NOOP("reports", "Parcels sent"), "count"),
    ("parcels", "farm_out_of_county", QT_TRANSLATE_NOOP("reports", "Farm produce out of the county"), "count"),
    ("parcels", "sent_fees_fen", QT_TRANSLATE_NOOP("reports", "Fees for parcels sent"), "fen"),
    ("bills", "accepted", QT_TRANSLATE_NOOP("reports", "Bills accepted"), "count"),
    ("bills", "accepted_fen", QT_TRANSLATE_NOOP("reports", "Amount accepted"), "fen"),
    ("bills", "paid", QT_TRANSLATE_NOOP("reports", "Bills paid"), "count"),
    ("bills", "waiting_now", QT_TRANSLATE_NOOP("reports", "Bills waiting for the county now"), "count"),
    ("bills", "refund_due_now", QT_TRANSLATE_NOOP("reports", "Refunds due now"), "count"),
    ("consignment", "sales", QT_TRANSLATE_NOOP("reports", "Consignment sales"), "count"),
    ("consignment", "amount_fen", QT_TRANSLATE_NOOP("reports", "Consignment sales amount (net of returns)"), "fen"),
    ("proxy_orders", "placed", QT_TRANSLATE_NOOP("reports", "Proxy orders placed"), "count"),
    ("proxy_orders", "closed", QT_TRANSLATE_NOOP("reports", "Proxy orders handed over"), "count"),
    ("training", "person_times", QT_TRANSLATE_NOOP("reports", "Person-times trained"), "count"),
    ("cashpoint", "withdrawals", QT_TRANSLATE_NOOP("reports", "Cash withdrawals"), "count"),
    ("cashpoint", "amount_fen", QT_TRANSLATE_NOOP("reports", "Cash paid out for bank cards"), "fen"),
    ("services", "times", QT_TRANSLATE_NOOP("reports", "People served (person-times)"), "count"),
)


# -- chart series ------------------------------------------------------------------------------

#: the figures the reports page draws for the last 12 months: (series key, section, key, label, kind)
CHARTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("arrived", "parcels", "arrived", QT_TRANSLATE_NOOP("reports", "Parcels arrived"), "count"),
    ("sent", "parcels", "sent", QT_TRANSLATE_NOOP("reports", "Parcels sent"), "count"),
    ("farm", "farm_subsidy", "parcels", QT_TRANSLATE_NOOP("reports", "Farm-produce parcels sent out of the county"),
     "count"),
    ("bills_paid", "bills", "paid_fen", QT_TRANSLATE_NOOP("reports", "Amount paid"), "fen"),
    ("consignment", "consignment", "amount_fen", QT_TRANSLATE_NOOP("reports", "Consignment sales amount (net of returns)"),
     "fen"),
    ("training", "training", "person_times", QT_TRANSLATE_NOOP("reports", "Person-times trained"), "count"),
)


def chart_values(db: Store, month: str) -> dict[str, int]:
    """The charted figures of one month, cheaply (a handful of range queries, the same
    definitions as the monthly report's figures; a test holds them equal)."""
    first, last = month_days(month)
    a, b = utc_bounds(first, last)

    def one(sql: str, *params: Any) -> int:
        return int(db.value(sql, params, default=0))

    return {
        "arrived": one("SELECT count(*) FROM parcels WHERE arrived_at >= ? AND arrived_at < ?", a, b),
        "sent": one("SELECT count(*) FROM outbound_parcels WHERE taken_at >= ? AND taken_at < ? "
                    "AND status != 'cancelled'", a, b),
        "farm": sum(1 for c in subsidy.candidates(db, first, last) if c.refused is None),
        "bills_paid": one("SELECT sum(amount) FROM bills WHERE paid_at >= ? AND paid_at < ? AND state = 'paid'", a, b),
        "consignment": consignment.figures(db, first, last).amount,
        "training": training.figures(db, first, last).person_times,
    }
