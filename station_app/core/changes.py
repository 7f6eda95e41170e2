"""What an action changed, so each screen redraws only what it shows."""

from __future__ import annotations

import enum

from station_app.db import Store


class Changes(enum.Flag):
    NONE = 0
    #: the station's name or village
    STATION = enum.auto()
    #: operator accounts, PINs, logins
    OPERATORS = enum.auto()
    #: station or county settings
    SETTINGS = enum.auto()
    #: people registry rows
    PEOPLE = enum.auto()
    #: cash periods, counts and ledger entries
    CASH = enum.auto()
    #: parcels in and out, shelves, batches
    PARCELS = enum.auto()
    #: bill payments and top-ups
    BILLS = enum.auto()
    #: consignment items, sales, settlements, proxy orders
    CONSIGNMENT = enum.auto()
    #: training sessions, sign-ins, surveys
    TRAINING = enum.auto()
    #: sync state: pending count, last sync, warnings
    SYNC = enum.auto()
    #: the cash point (助农取款), the service ledger (便民服务), the county's notices
    SERVICES = enum.auto()


_BY_SERVICE = {
    "station": Changes.STATION,
    "operator": Changes.OPERATORS,
    "setting": Changes.SETTINGS,
    "county": Changes.SETTINGS,
    "person": Changes.PEOPLE,
    "cash": Changes.CASH,
    "parcel": Changes.PARCELS,
    "outbound": Changes.PARCELS,
    "bill": Changes.BILLS,
    "consign": Changes.CONSIGNMENT,
    "order": Changes.CONSIGNMENT,
    "training": Changes.TRAINING,
    "sync": Changes.SYNC,  # the hub's warnings on records (sync.flag_raised / flag_cleared)
    "cashpoint": Changes.SERVICES,
    "service": Changes.SERVICES,
    "notice": Changes.SERVICES,
}


# county data that belongs to a service rather than to the settings
_COUNTY_KINDS = {
    "county.parcel_expected": Changes.PARCELS,
    "county.parcel_return_requested": Changes.PARCELS,
    "county.parcel_flagged": Changes.PARCELS,
    "county.notice_status": Changes.PARCELS,
    "county.fee_table": Changes.PARCELS,
    "county.training_scheduled": Changes.TRAINING,
    "county.biller_catalogue": Changes.BILLS,
    "county.bill_result": Changes.BILLS,
    "county.catalogue_item": Changes.CONSIGNMENT,
    "county.online_order": Changes.CONSIGNMENT,
    "county.notice": Changes.SERVICES,
    "county.service_categories": Changes.SERVICES,
}


def for_kind(kind: str) -> Changes:
    return _COUNTY_KINDS.get(kind) or _BY_SERVICE.get(kind.split(".", 1)[0], Changes.NONE)


def since(db: Store, seq: int) -> Changes:
    """Everything recorded after event `seq` (plus SYNC, since the pending count moved)."""
    flags = Changes.NONE
    for row in db.rows("SELECT DISTINCT kind FROM events WHERE seq > ?", (seq,)):
        flags |= for_kind(row["kind"])
    if flags:
        flags |= Changes.SYNC
    if db.value("SELECT 1 FROM cash_txns WHERE seq > ? LIMIT 1", (seq,)):
        flags |= Changes.CASH  # services that take or pay out cash move the drawer too
    return flags
