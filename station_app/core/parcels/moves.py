"""A parcel's statuses and `MOVES`, the one table of transitions; `require_move` checks a
move against it before any action records an event.
"""

from __future__ import annotations

from station_app.clock import show
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound
from station_app.i18n import QT_TRANSLATE_NOOP, translate

EXPECTED, ARRIVED, NOTIFIED, RETURN_REQUESTED = "expected", "arrived", "notified", "return_requested"
EXCEPTION, PICKED_UP, RETURNED = "exception", "picked_up", "returned"
STATUSES: dict[str, str] = {
    EXPECTED: QT_TRANSLATE_NOOP("parcels", "On its way"),
    ARRIVED: QT_TRANSLATE_NOOP("parcels", "On the shelf"),
    NOTIFIED: QT_TRANSLATE_NOOP("parcels", "On the shelf, SMS sent"),
    RETURN_REQUESTED: QT_TRANSLATE_NOOP("parcels", "To be returned"),
    EXCEPTION: QT_TRANSLATE_NOOP("parcels", "Problem parcel"),
    PICKED_UP: QT_TRANSLATE_NOOP("parcels", "Picked up"),
    RETURNED: QT_TRANSLATE_NOOP("parcels", "Returned"),
}
# county (hub) events may only move a parcel to a higher rank
RANK = {EXPECTED: 0, ARRIVED: 1, NOTIFIED: 2, RETURN_REQUESTED: 3, EXCEPTION: 4, PICKED_UP: 5, RETURNED: 5}
# action -> (statuses it may start from, status it leads to); "" = no parcel on record yet
MOVES: dict[str, tuple[frozenset[str], str]] = {
    "check_in": (frozenset({"", EXPECTED}), ARRIVED),  # NOTIFIED when an SMS is queued with it
    "notify": (frozenset({ARRIVED, NOTIFIED}), NOTIFIED),
    "hand_over": (frozenset({ARRIVED, NOTIFIED, EXCEPTION}), PICKED_UP),  # not lost or refused
    "return": (frozenset({ARRIVED, NOTIFIED, RETURN_REQUESTED, EXCEPTION}), RETURNED),  # not lost
    "exception": (frozenset({ARRIVED, NOTIFIED, RETURN_REQUESTED, EXCEPTION}), EXCEPTION),  # not lost
    "reshelve": (frozenset({PICKED_UP, RETURNED, EXCEPTION}), ARRIVED),  # stock-take: it is here after all
    "county_return": (frozenset({EXPECTED, ARRIVED, NOTIFIED}), RETURN_REQUESTED),
}
EXCEPTION_KINDS: dict[str, str] = {
    "damaged": QT_TRANSLATE_NOOP("parcels", "Damaged"),
    "lost": QT_TRANSLATE_NOOP("parcels", "Lost"),
    "wrong_address": QT_TRANSLATE_NOOP("parcels", "Wrong address"),
    "refused": QT_TRANSLATE_NOOP("parcels", "Refused by the recipient"),
}
RETURN_REASONS: dict[str, str] = {
    "overdue": QT_TRANSLATE_NOOP("parcels", "Not collected in time"),
    "refused": QT_TRANSLATE_NOOP("parcels", "Refused by the recipient"),
    "wrong_address": QT_TRANSLATE_NOOP("parcels", "Wrong address"),
    "damaged": QT_TRANSLATE_NOOP("parcels", "Damaged"),
    "county_requested": QT_TRANSLATE_NOOP("parcels", "The county asked for it back"),
    "other": QT_TRANSLATE_NOOP("parcels", "Other"),
}
WARNINGS: dict[str, str] = {
    "other_station": QT_TRANSLATE_NOOP("parcels", "The county says this parcel belongs to another station"),
    "late_return_request": QT_TRANSLATE_NOOP("parcels", "The county asked for it back after it had left the shelf"),
    "hub": QT_TRANSLATE_NOOP("parcels", "The county flagged this parcel"),
}
SELF, PROXY = "self", "proxy"
COLLECTORS = {SELF: QT_TRANSLATE_NOOP("parcels", "Recipient"), PROXY: QT_TRANSLATE_NOOP("parcels", "Someone else for them")}
VERIFIED_BY = {
    "code": QT_TRANSLATE_NOOP("parcels", "Pickup code"),
    "phone_tail": QT_TRANSLATE_NOOP("parcels", "Phone tail"),
    "phone": QT_TRANSLATE_NOOP("parcels", "Phone number"),
    "waybill": QT_TRANSLATE_NOOP("parcels", "Waybill"),
    "name": QT_TRANSLATE_NOOP("parcels", "Name"),
    "person": QT_TRANSLATE_NOOP("parcels", "Identity QR code"),
    "order": QT_TRANSLATE_NOOP("parcels", "Proxy order slip"),
}


def can(action: str, status: str, exception_kind: str | None = None) -> bool:
    """Whether `action` may start from `status` (the MOVES table plus the exception kind)."""
    starts, _ = MOVES[action]
    if status not in starts:
        return False
    if status == EXCEPTION:
        if action == "hand_over":
            return exception_kind in ("damaged", "wrong_address")
        if action == "reshelve":
            return exception_kind == "lost"
        return exception_kind != "lost"
    return True


def county_may(action: str, status: str) -> bool:
    """A county (hub) move applies only where the table allows it and it raises the rank."""
    return can(action, status) and RANK[MOVES[action][1]] > RANK[status]


def require_move(db: Store, parcel_id: str | None, action: str) -> Row:
    """The parcel row, if `action` may happen to it now. Raises NotFound or Conflict saying why not."""
    r = db.row("SELECT * FROM parcels WHERE id = ?", (parcel_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such parcel"))
    if can(action, r["status"], r["exception_kind"]):
        return r
    code = r["pickup_code"] or r["waybill"]
    if r["status"] == PICKED_UP:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {code} was already handed over on {time}"), code=code, time=show(r["picked_up_at"]))
    if r["status"] == RETURNED:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {code} was returned on {time}"), code=code, time=show(r["returned_at"]))
    if r["status"] == RETURN_REQUESTED:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "The county asked for parcel {code} to be returned: do not hand it over"), code=code)
    if r["status"] == EXCEPTION:
        raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {code} is a problem parcel ({kind})"), code=code,
                       kind=translate("parcels", EXCEPTION_KINDS.get(r["exception_kind"], "")))
    raise Conflict(QT_TRANSLATE_NOOP("errors", "Parcel {code} is {status}: this cannot be done now"), code=code,
                   status=translate("parcels", STATUSES[r["status"]]))
