"""Parcels in (代收): check-in onto a shelf, SMS notice, hand-over, overdue, returns, exceptions.

A parcel's status moves only along `MOVES`, the one table of transitions. County (hub)
events merge through the same table and never lower a parcel's rank: a county request that
comes too late is kept as a warning on the parcel for a person to see, never dropped.

Times in payloads are the hub-corrected clock (`db.clock.now()`), so the delivery-time
figures (county dispatch -> arrival -> notice -> pickup, against 48 h / 72 h) hold even on a
PC whose own clock is wrong.

Where things live: `waybills` (carriers, checking waybill / phone / tail fields), `moves`
(statuses and the `MOVES` table, `can`, `require_move`), `records` (what the UI reads),
`lookups` (finding parcels, notices, consents), `sms` (notice texts), `check_in`, `pickup`
(hand-over and consent), `overdue` (overdue list, reminders), `returns` (returns, problem
parcels, reshelving), `stocktake` (盘库: counting the shelves), `county` (hub events),
`figures` (day figures, delivery times); the shelves and pickup codes are `core.shelves`. Each
module with actions lists its appliers in its own `APPLY`; `APPLY` here is all of them, for
`core.replay`. Callers use the package (`parcels.hand_over`, ...), not its modules.
"""

from __future__ import annotations

from station_app.core.carriers import CARRIERS
from station_app.core.parcels import (
    check_in,
    county,
    overdue,
    own_sms,
    photos,
    pickup,
    returns,
    stocktake,
)
from station_app.core.parcels.check_in import RETURN_ASKED, CheckIn, check_in_parcel
from station_app.core.parcels.figures import (
    DayFigures,
    DeliveryTimes,
    daily_figures,
    day_bounds,
    delivery_times,
)
from station_app.core.parcels.lookups import (
    consent_for,
    expected_parcels,
    find_by_code,
    find_by_dashless_code,
    find_by_name,
    find_by_phone,
    find_by_phone_tail,
    find_by_waybill,
    find_for_person,
    find_parcels,
    get_parcel,
    last_holder_of_code,
    latest_notices,
    notices_for,
    on_shelf,
    queued_notices,
    row_for_code,
    same_villager,
)
from station_app.core.parcels.moves import (
    ARRIVED,
    COLLECTORS,
    EXCEPTION,
    EXCEPTION_KINDS,
    EXPECTED,
    MOVES,
    NOTIFIED,
    PICKED_UP,
    PROXY,
    RANK,
    RETURN_REASONS,
    RETURN_REQUESTED,
    RETURNED,
    SELF,
    STATUSES,
    VERIFIED_BY,
    WARNINGS,
    can,
    county_may,
    require_move,
)
from station_app.core.parcels.overdue import (
    Overdue,
    overdue_parcels,
    parcels_to_return,
    send_reminders,
)
from station_app.core.parcels.pickup import HandOver, hand_over, record_consent
from station_app.core.parcels.records import Consent, ExpectedParcel, Notice, Parcel, mask_name
from station_app.core.parcels.returns import (
    apply_exception,
    apply_reshelve,
    record_exception,
    reshelve_plan,
    return_parcel,
)
from station_app.core.parcels.sms import (
    ARRIVAL_SMS,
    NEW_CODE_SMS,
    REMINDER_SMS,
    SMS_LANG,
    TEL,
    sms_text,
)
from station_app.core.parcels.stocktake import (
    NOT_ON_SHELF,
    OK,
    OTHER_SHELF,
    RESOLUTIONS,
    UNKNOWN,
    Stocktake,
    StocktakeItem,
    StocktakeResult,
    StocktakeScan,
    finish_stocktake,
    get_stocktake,
    open_stocktake,
    resolve_stocktake_item,
    scan_for_stocktake,
    start_stocktake,
    still_to_scan,
    stocktake_result,
)
from station_app.core.parcels.waybills import (
    _plain,
    carrier_name,
    check_carrier,
    check_phone_field,
    check_waybill,
    guess_carriers,
)
from station_app.errors import NotFound

APPLY = {**check_in.APPLY, **pickup.APPLY, **overdue.APPLY, **returns.APPLY, **stocktake.APPLY, **county.APPLY,
         **photos.APPLY, **own_sms.APPLY}

__all__ = [
    "APPLY",
    "ARRIVAL_SMS",
    "ARRIVED",
    "CARRIERS",
    "COLLECTORS",
    "EXCEPTION",
    "EXCEPTION_KINDS",
    "EXPECTED",
    "MOVES",
    "NEW_CODE_SMS",
    "NOTIFIED",
    "NOT_ON_SHELF",
    "OK",
    "OTHER_SHELF",
    "PICKED_UP",
    "PROXY",
    "RANK",
    "REMINDER_SMS",
    "RESOLUTIONS",
    "RETURNED",
    "RETURN_ASKED",
    "RETURN_REASONS",
    "RETURN_REQUESTED",
    "SELF",
    "SMS_LANG",
    "STATUSES",
    "TEL",
    "UNKNOWN",
    "VERIFIED_BY",
    "WARNINGS",
    "CheckIn",
    "Consent",
    "DayFigures",
    "DeliveryTimes",
    "ExpectedParcel",
    "HandOver",
    "NotFound",
    "Notice",
    "Overdue",
    "Parcel",
    "Stocktake",
    "StocktakeItem",
    "StocktakeResult",
    "StocktakeScan",
    "_plain",
    "apply_exception",
    "apply_reshelve",
    "can",
    "carrier_name",
    "check_carrier",
    "check_in_parcel",
    "check_phone_field",
    "check_waybill",
    "consent_for",
    "county_may",
    "daily_figures",
    "day_bounds",
    "delivery_times",
    "expected_parcels",
    "find_by_code",
    "find_by_dashless_code",
    "find_by_name",
    "find_by_phone",
    "find_by_phone_tail",
    "find_by_waybill",
    "find_for_person",
    "find_parcels",
    "finish_stocktake",
    "get_parcel",
    "get_stocktake",
    "guess_carriers",
    "hand_over",
    "last_holder_of_code",
    "latest_notices",
    "mask_name",
    "notices_for",
    "on_shelf",
    "open_stocktake",
    "overdue_parcels",
    "parcels_to_return",
    "queued_notices",
    "record_consent",
    "record_exception",
    "require_move",
    "reshelve_plan",
    "resolve_stocktake_item",
    "return_parcel",
    "row_for_code",
    "same_villager",
    "scan_for_stocktake",
    "send_reminders",
    "sms_text",
    "start_stocktake",
    "still_to_scan",
    "stocktake_result",
]
