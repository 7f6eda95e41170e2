"""The stock-take (盘库): counting what is physically on the shelves.

Start, scan every parcel (its waybill or pickup code), finish (missing = on record but not
scanned, unexpected = scanned but not on record there), then settle each item: a missing
parcel is found or lost, an unexpected one is put back on the shelf or set aside. Every
step is an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from station_app.clock import iso
from station_app.core import events
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.core.parcels.lookups import row_for_code
from station_app.core.parcels.moves import require_move
from station_app.core.parcels.returns import apply_exception, apply_reshelve, reshelve_plan
from station_app.core.parcels.waybills import check_waybill
from station_app.core.shelves import layout, parse_pickup_code, parse_slot
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import Conflict, NotFound, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

OK, NOT_ON_SHELF, OTHER_SHELF, UNKNOWN = "ok", "not_on_shelf", "other_shelf", "unknown"
MISSING, UNEXPECTED = "missing", "unexpected"
# how each kind of item may be settled
RESOLUTIONS: dict[str, dict[str, str]] = {
    MISSING: {
        "found": QT_TRANSLATE_NOOP("parcels", "Found on the shelf"),
        "lost": QT_TRANSLATE_NOOP("parcels", "Lost"),
    },
    UNEXPECTED: {
        "reshelve": QT_TRANSLATE_NOOP("parcels", "Put back on the shelf"),
        "set_aside": QT_TRANSLATE_NOOP("parcels", "Set aside (not ours / moved back)"),
    },
}


@dataclass(frozen=True)
class Stocktake:
    id: str
    shelf: str | None
    status: str
    started_at: str
    finished_at: str | None
    scanned: int


@dataclass(frozen=True)
class StocktakeScan:
    code: str
    result: str  # ok / not_on_shelf / other_shelf / unknown
    parcel_id: str | None
    duplicate: bool = False


@dataclass(frozen=True)
class StocktakeItem:
    code: str
    kind: str  # missing / unexpected
    parcel_id: str | None
    result: str  # for unexpected items: why it did not belong
    resolution: str | None


@dataclass(frozen=True)
class StocktakeResult:
    stocktake: Stocktake
    missing: list[StocktakeItem]
    unexpected: list[StocktakeItem]

    @property
    def clean(self) -> bool:
        return not self.missing and not self.unexpected


def open_stocktake(db: Store) -> Stocktake | None:
    row = db.row("SELECT id FROM stocktakes WHERE status = 'open'")
    return get_stocktake(db, row["id"]) if row else None


def get_stocktake(db: Store, stocktake_id: str) -> Stocktake:
    r = db.row("SELECT * FROM stocktakes WHERE id = ?", (stocktake_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such stock-take"))
    n = db.value("SELECT count(*) FROM stocktake_scans WHERE stocktake_id = ?", (stocktake_id,), default=0)
    return Stocktake(r["id"], r["shelf"], r["status"], r["started_at"], r["finished_at"], n)


def start_stocktake(db: Store, actor: Operator, *, shelf: str | None = None) -> Stocktake:
    """Start counting the whole station or one shelf. Raises Conflict while another count is open."""
    label = None
    if shelf is not None and str(shelf).strip():
        label, _ = parse_slot(shelf)
        if label not in {lay.shelf for lay in layout(db)}:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "There is no shelf {shelf}"), shelf=str(shelf))
    stocktake_id = new_id()
    with db.transaction():
        if open_stocktake(db):
            raise Conflict(QT_TRANSLATE_NOOP("errors", "A stock-take is already under way: finish it first"))
        events.record(db, actor.id, "parcel.stocktake_started", stocktake_id, {"shelf": label, "at": iso(db.clock.now())}, appliers=APPLY)
    return get_stocktake(db, stocktake_id)


def _open(db: Store, stocktake_id: str) -> Row:
    row = db.row("SELECT * FROM stocktakes WHERE id = ?", (stocktake_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such stock-take"))
    if row["status"] != "open":
        raise Conflict(QT_TRANSLATE_NOOP("errors", "This stock-take is already finished"))
    return row


def scan_for_stocktake(db: Store, actor: Operator, *, stocktake_id: str, code: str) -> StocktakeScan:
    """Record one parcel seen on the shelf (its waybill or pickup code). A repeated scan is ignored."""
    text = parse_pickup_code(code) or check_waybill(code)
    with db.transaction():
        st = _open(db, stocktake_id)
        again = db.row("SELECT * FROM stocktake_scans WHERE stocktake_id = ? AND code = ?", (stocktake_id, text))
        if again:
            return StocktakeScan(text, again["result"], again["parcel_id"], duplicate=True)
        row = row_for_code(db, text)
        if row is None:
            result, parcel_id = UNKNOWN, None
        else:
            parcel_id = row["id"]
            if not row["on_shelf"]:
                result = NOT_ON_SHELF
            elif st["shelf"] and row["shelf"] != st["shelf"]:
                result = OTHER_SHELF
            else:
                result = OK
        if parcel_id and db.value("SELECT 1 FROM stocktake_scans WHERE stocktake_id = ? AND parcel_id = ?",
                                  (stocktake_id, parcel_id)):
            return StocktakeScan(text, result, parcel_id, duplicate=True)  # by waybill, then by code
        events.record(db, actor.id, "parcel.stocktake_scanned", stocktake_id,
                      {"code": text, "parcel_id": parcel_id, "result": result, "at": iso(db.clock.now())}, appliers=APPLY)
    return StocktakeScan(text, result, parcel_id)


def _not_scanned(db: Store, st: Row) -> list[Row]:
    """Parcels on record on the counted shelves (there when the count began) not scanned yet."""
    scope = "AND p.shelf = ?" if st["shelf"] else ""
    params: list[Any] = [st["started_at"], st["id"]] + ([st["shelf"]] if st["shelf"] else [])
    return db.rows(
        f"""SELECT p.id, p.waybill FROM parcels p WHERE p.on_shelf = 1 AND p.arrived_at <= ?
            AND NOT EXISTS (SELECT 1 FROM stocktake_scans s WHERE s.stocktake_id = ? AND s.parcel_id = p.id)
            {scope} ORDER BY p.shelf, p.layer, p.serial""", params)


def still_to_scan(db: Store, stocktake_id: str) -> int:
    """How many parcels on record would be missing if the open count ended now (what the
    operator is told before ending it). Raises NotFound, Conflict (finished)."""
    return len(_not_scanned(db, _open(db, stocktake_id)))


def finish_stocktake(db: Store, actor: Operator, *, stocktake_id: str) -> StocktakeResult:
    """Close the count: parcels on record (already there when the count began) but not scanned
    are missing; scans that are not on record on the counted shelves are unexpected."""
    with db.transaction():
        st = _open(db, stocktake_id)
        missing = [{"code": r["waybill"], "parcel_id": r["id"]} for r in _not_scanned(db, st)]
        unexpected = [{"code": r["code"], "parcel_id": r["parcel_id"], "result": r["result"]} for r in db.rows(
            "SELECT * FROM stocktake_scans WHERE stocktake_id = ? AND result != 'ok' ORDER BY at, code", (stocktake_id,))]
        events.record(db, actor.id, "parcel.stocktake_finished", stocktake_id,
                      {"missing": missing, "unexpected": unexpected, "at": iso(db.clock.now())}, appliers=APPLY)
    return stocktake_result(db, stocktake_id)


def stocktake_result(db: Store, stocktake_id: str) -> StocktakeResult:
    items = [StocktakeItem(r["code"], r["kind"], r["parcel_id"], r["result"], r["resolution"]) for r in db.rows(
        "SELECT * FROM stocktake_items WHERE stocktake_id = ? ORDER BY kind, code", (stocktake_id,))]
    return StocktakeResult(get_stocktake(db, stocktake_id), [i for i in items if i.kind == MISSING],
                           [i for i in items if i.kind == UNEXPECTED])


def resolve_stocktake_item(db: Store, actor: Operator, *, stocktake_id: str, code: str, resolution: str) -> StocktakeItem:
    """Settle one item of a finished count: missing -> found / lost; unexpected -> reshelve /
    set_aside. 'lost' records the parcel as lost; 'reshelve' puts a known parcel back on the
    shelf (its old code when free, else a new one and a new SMS). Raises NotFound, ValidationError,
    Conflict (already settled, or an unknown parcel to reshelve: check it in instead)."""
    with db.transaction():
        item = db.row("SELECT * FROM stocktake_items WHERE stocktake_id = ? AND code = ?", (stocktake_id, code))
        if item is None:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "{code} is not an item of this stock-take"), code=code)
        if resolution not in RESOLUTIONS[item["kind"]]:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "'{resolution}' does not settle this item"), resolution=resolution)
        if item["resolution"]:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "{code} is already settled"), code=code)
        payload: dict[str, Any] = {"code": code, "resolution": resolution, "parcel_id": item["parcel_id"],
                                   "at": iso(db.clock.now())}
        if resolution == "lost":
            require_move(db, item["parcel_id"], "exception")
        if resolution == "reshelve":
            if item["parcel_id"] is None:
                raise Conflict(QT_TRANSLATE_NOOP("errors", "This parcel is not on record: check it in instead"))
            payload["reshelve"] = reshelve_plan(db, item["parcel_id"])
        events.record(db, actor.id, "parcel.stocktake_resolved", stocktake_id, payload, appliers=APPLY)
    r = db.row("SELECT * FROM stocktake_items WHERE stocktake_id = ? AND code = ?", (stocktake_id, code))
    assert r is not None  # read above, in the transaction that settled it
    return StocktakeItem(r["code"], r["kind"], r["parcel_id"], r["result"], r["resolution"])


# -- appliers -------------------------------------------------------------------------


def _started(db: Store, ev: Event) -> None:
    db.insert("stocktakes", {"id": ev.entity_id, "shelf": ev.payload["shelf"], "status": "open",
                             "started_at": ev.payload["at"], "started_by": ev.operator_id})


def _scanned(db: Store, ev: Event) -> None:
    p = ev.payload
    db.insert("stocktake_scans", {"stocktake_id": ev.entity_id, "code": p["code"], "parcel_id": p["parcel_id"],
                                  "result": p["result"], "at": p["at"]})


def _finished(db: Store, ev: Event) -> None:
    p = ev.payload
    for m in p["missing"]:
        db.insert("stocktake_items", {"stocktake_id": ev.entity_id, "code": m["code"], "kind": MISSING,
                                      "parcel_id": m["parcel_id"], "result": "missing"})
    for u in p["unexpected"]:
        db.insert("stocktake_items", {"stocktake_id": ev.entity_id, "code": u["code"], "kind": UNEXPECTED,
                                      "parcel_id": u["parcel_id"], "result": u["result"]})
    db.update("stocktakes", {"id": ev.entity_id}, {"status": "finished", "finished_at": p["at"], "finished_by": ev.operator_id,
                                                   "missing": len(p["missing"]), "unexpected": len(p["unexpected"])})


def _resolved(db: Store, ev: Event) -> None:
    p = ev.payload
    db.update("stocktake_items", {"stocktake_id": ev.entity_id, "code": p["code"]},
              {"resolution": p["resolution"], "resolved_at": p["at"], "resolved_by": ev.operator_id})
    if p["resolution"] == "lost":
        apply_exception(db, p["parcel_id"], kind="lost", note="stock-take", photo_path=None, at=p["at"],
                                operator_id=ev.operator_id)
    elif p["resolution"] == "reshelve":
        apply_reshelve(db, p["parcel_id"], p["reshelve"], at=p["at"])


APPLY = {
    "parcel.stocktake_started": _started,
    "parcel.stocktake_scanned": _scanned,
    "parcel.stocktake_finished": _finished,
    "parcel.stocktake_resolved": _resolved,
}
