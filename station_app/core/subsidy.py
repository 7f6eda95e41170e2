"""The farm-produce outbound subsidy (石城: 0.5元/单 for farm produce sent out of the county, the
e-waybill as proof, at most 10万元 per sending entity and year and 100万元 for the county;
industrial goods going down to the villages are excluded): which parcels a claim may hold, why
the others may not, and how the caps cut the amounts.

The rules, checked here and again on the hub from the same rows (`sync.hub.claims`):
- only farm produce (`outbound.farm_produce`) of a category the county subsidises
  (`subsidy.categories`);
- the destination is an administrative-division code outside the county's own
  (`core.villages`): inside it, or with no code, never, whatever the tick says;
- the e-waybill's photo is kept (`outbound.photo_added`);
- per sending entity (a cooperative by its 统一社会信用代码, a registered person, a walk-in by
  phone) a yearly cap, and the county's cap, in the order the parcels were taken.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from station_app.clock import local_day, parse_iso
from station_app.core import settings, villages
from station_app.core.outbound import CANCELLED, FARM_CATEGORIES
from station_app.core.parcels import day_bounds
from station_app.db import Store
from station_app.i18n import QT_TRANSLATE_NOOP

NO_CODE = QT_TRANSLATE_NOOP("subsidy", "no destination code")
IN_COUNTY = QT_TRANSLATE_NOOP("subsidy", "destination inside the county")
NOT_SUBSIDISED = QT_TRANSLATE_NOOP("subsidy", "produce category not subsidised")
NO_PHOTO = QT_TRANSLATE_NOOP("subsidy", "no e-waybill photo")
NO_COUNTY_CODE = QT_TRANSLATE_NOOP("subsidy", "the county's own code is not set")
ENTITY_CAP = QT_TRANSLATE_NOOP("subsidy", "the entity's yearly cap is reached")
COUNTY_CAP = QT_TRANSLATE_NOOP("subsidy", "the county's cap is reached")


@dataclass(frozen=True)
class Candidate:
    """A farm-produce parcel taken in the period, as a claim row before the caps."""

    outbound_id: str
    taken_at: str
    day: str  # local day
    receipt_no: str
    ewaybill: str
    carrier: str
    product: str
    category: str
    destination_code: str
    destination: str  # the address written on the parcel
    weight_g: int
    sender: str  # the sender's name (the cooperative's when one sends)
    entity: str  # the sending entity's key: org:<code> | person:<id> | phone:<phone>
    entity_name: str
    photos: tuple[str, ...]  # sha256 of the e-waybill photos
    refused: str | None  # why it cannot be claimed (English source, context "subsidy"), None when it can


def subsidised_categories(db: Store) -> set[str]:
    text = str(settings.get(db, "subsidy.categories") or "")
    return {c.strip() for c in text.split(",") if c.strip() in FARM_CATEGORIES}


def candidates(db: Store, first: date, last: date) -> list[Candidate]:
    """Every farm-produce parcel taken in the days given (not cancelled), in the order taken, each
    with why it cannot be claimed (or None)."""
    a, _ = day_bounds(first)
    _, b = day_bounds(last)
    county = villages.county_code(db)
    categories = subsidised_categories(db)
    photos: dict[str, list[str]] = {}
    for r in db.rows("SELECT f.outbound_id, f.sha256 FROM outbound_photos f JOIN outbound_parcels o ON o.id = f.outbound_id "
                     "WHERE o.taken_at >= ? AND o.taken_at < ? ORDER BY f.seq", (a, b)):
        photos.setdefault(r["outbound_id"], []).append(r["sha256"])
    out = []
    for r in db.rows("SELECT o.*, e.seq AS event_seq FROM outbound_parcels o JOIN events e ON e.entity_id = o.id "
                     "AND e.kind = 'outbound.taken' WHERE o.taken_at >= ? AND o.taken_at < ? AND o.farm_produce = 1 "
                     "AND o.status != ? ORDER BY e.seq", (a, b, CANCELLED)):
        code = r["destination_code"] or ""
        refused = None
        if not code:
            refused = NO_CODE
        elif not county:
            refused = NO_COUNTY_CODE
        elif code == county:
            refused = IN_COUNTY
        elif (r["farm_category"] or "") not in categories:
            refused = NOT_SUBSIDISED
        elif not photos.get(r["id"]):
            refused = NO_PHOTO
        if r["sender_org_code"]:
            entity, name = f"org:{r['sender_org_code']}", r["sender_org_name"] or r["sender_org_code"]
        elif r["sender_id"]:
            entity, name = f"person:{r['sender_id']}", r["sender_name"]
        else:
            entity, name = f"phone:{r['sender_phone'] or ''}", r["sender_name"]
        out.append(Candidate(
            r["id"], r["taken_at"], _local_day(r["taken_at"]), r["receipt_no"], r["ewaybill"], r["carrier"],
            r["contents"], r["farm_category"] or "", code, r["recipient_address"], r["weight_g"],
            r["sender_org_name"] or r["sender_name"], entity, name, tuple(photos.get(r["id"], ())), refused))
    return out


def _local_day(text: str) -> str:
    return local_day(parse_iso(text)).isoformat()


@dataclass(frozen=True)
class Capped:
    """A row's amount after the caps, and why it is less than the rate (or "")."""

    fen: int
    cut: str


def apply_caps(rows: Iterable[tuple[str, bool]], *, rate: int, entity_cap: int, county_cap: int | None,
               entity_used: dict[str, int] | None = None, county_used: int = 0) -> list[Capped]:
    """The amount of each row ((entity, counts)) in order: the rate, until the entity's yearly cap
    (`entity_used`: what each entity had before these rows) or the county's cap (None: no county
    cap here) is reached, the last one partly. A row that does not count gets 0 and takes nothing."""
    used = dict(entity_used or {})
    county = county_used
    out = []
    for entity, counts in rows:
        if not counts:
            out.append(Capped(0, ""))
            continue
        room = max(entity_cap - used.get(entity, 0), 0)
        fen, cut = min(rate, room), ENTITY_CAP if room < rate else ""
        if county_cap is not None and county_cap - county < fen:
            fen, cut = max(county_cap - county, 0), COUNTY_CAP
        used[entity] = used.get(entity, 0) + fen
        county += fen
        out.append(Capped(fen, cut))
    return out
