"""Shelves, slots, pickup codes and the stock-take (盘库).

A shelf has layers; each layer holds parcels of one size class up to its capacity. A
parcel on the shelf has a pickup code `Shelf-Layer-Serial` (3-5-6075): the serial is the
waybill's last four digits when no other parcel on that shelf uses it, else the next free
one. Until a manager configures the shelves, `DEFAULT_LAYOUT` is used.

The stock-take counts what is physically on the shelves: start, scan every parcel, finish
(missing = on record but not scanned, unexpected = scanned but not on record there),
then settle each item. Every step is an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from station_app.clock import iso
from station_app.core import events
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from station_app.ids import new_id

SMALL, MEDIUM, LARGE, BULKY = "small", "medium", "large", "bulky"
SIZES: dict[str, str] = {
    SMALL: QT_TRANSLATE_NOOP("parcels", "Small"),
    MEDIUM: QT_TRANSLATE_NOOP("parcels", "Medium"),
    LARGE: QT_TRANSLATE_NOOP("parcels", "Large"),
    BULKY: QT_TRANSLATE_NOOP("parcels", "Bulky"),
}
_SIZE_ORDER = list(SIZES)
_SHELF = re.compile(r"^[A-Z]?\d{1,2}$")
# [zone letter]shelf-layer-serial; typed codes may use spaces or full-width dashes
PICKUP_CODE = re.compile(r"^([A-Z]?\d{1,2})-(\d)-(\d{2,5})$")
_DASHES = str.maketrans({"－": "-", "—": "-", "–": "-", "_": "-", " ": "-", "　": "-"})


@dataclass(frozen=True)
class Layer:
    """One layer of one shelf: where parcels of `size` go, at most `capacity` of them."""

    shelf: str
    layer: int
    size: str = SMALL
    capacity: int = 30

    @property
    def slot(self) -> str:
        return f"{self.shelf}-{self.layer}"


@dataclass(frozen=True)
class LayerUsage:
    layer: Layer
    used: int

    @property
    def free(self) -> int:
        return max(0, self.layer.capacity - self.used)


def _default_layout() -> tuple[Layer, ...]:
    # shelves 1-3 small, 4-5 medium, 6 large; its bottom layer is the floor space for bulky ones
    out = [Layer(str(s), n, SMALL, 40) for s in (1, 2, 3) for n in range(1, 5)]
    out += [Layer(str(s), n, MEDIUM, 20) for s in (4, 5) for n in range(1, 5)]
    out += [Layer("6", 1, BULKY, 15)] + [Layer("6", n, LARGE, 12) for n in (2, 3, 4)]
    return tuple(out)


DEFAULT_LAYOUT = _default_layout()


def layout(db: Any) -> list[Layer]:
    """The shelves as configured (or the default layout), in shelf order."""
    rows = db.rows("SELECT * FROM shelf_layers ORDER BY position")
    if not rows:
        return list(DEFAULT_LAYOUT)
    return [Layer(r["shelf"], r["layer"], r["size"], r["capacity"]) for r in rows]


def usage(db: Any) -> list[LayerUsage]:
    """Every layer with the number of parcels on it now."""
    used = {(r["shelf"], r["layer"]): r["n"] for r in db.rows(
        "SELECT shelf, layer, count(*) AS n FROM parcels WHERE on_shelf = 1 GROUP BY shelf, layer")}
    return [LayerUsage(lay, used.get((lay.shelf, lay.layer), 0)) for lay in layout(db)]


def check_size(size: str) -> str:
    if size not in SIZES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown parcel size {size}"), size=size)
    return size


def configure_shelves(db: Any, actor: Operator, *, layers: list[Layer]) -> list[Layer]:
    """Replace the shelf layout (manager only). Refuses to drop a layer that still holds parcels.

    Raises PermissionDenied, ValidationError (labels, sizes, capacities, duplicates), Conflict.
    """
    if not actor.is_manager:
        raise PermissionDenied(QT_TRANSLATE_NOOP("errors", "Only a manager can change the shelves"))
    if not layers:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "At least one shelf layer is needed"))
    clean, seen = [], set()
    for lay in layers:
        shelf = str(lay.shelf).strip().upper()
        if not _SHELF.match(shelf):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Shelf '{shelf}' is not valid: use a number 1-99, optionally after a letter"), shelf=shelf)
        if not (isinstance(lay.layer, int) and 1 <= lay.layer <= 9):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A shelf layer is a number from 1 to 9"))
        if not (isinstance(lay.capacity, int) and 1 <= lay.capacity <= 500):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "A layer holds 1 to 500 parcels"))
        if (shelf, lay.layer) in seen:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Shelf layer {slot} is listed twice"), slot=f"{shelf}-{lay.layer}")
        seen.add((shelf, lay.layer))
        clean.append({"shelf": shelf, "layer": lay.layer, "size": check_size(lay.size), "capacity": lay.capacity})
    with db.transaction():
        for u in usage(db):
            if u.used and (u.layer.shelf, u.layer.layer) not in seen:
                raise Conflict(QT_TRANSLATE_NOOP("errors", "Shelf layer {slot} still holds {count} parcels: move them first"),
                               slot=u.layer.slot, count=u.used)
        events.record(db, actor.id, "parcel.shelves_configured", "shelves", {"layers": clean})
    return layout(db)


def uniform_layout(shelves: int, layers: int, capacity: int, size: str = SMALL) -> list[Layer]:
    """Shelves 1..N with the same layers each (a quick start for `configure_shelves`)."""
    return [Layer(str(s), n, size, capacity) for s in range(1, shelves + 1) for n in range(1, layers + 1)]


# -- slots and codes (used inside a check-in transaction) --------------------------------


def parse_slot(text: str | int) -> tuple[str, int | None]:
    """'3' -> ('3', None); '3-2' -> ('3', 2). Raises ValidationError."""
    t = str(text).strip().upper().translate(_DASHES)
    m = re.match(r"^([A-Z]?\d{1,2})(?:-(\d))?$", t)
    if not m:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Shelf '{shelf}' is not valid: use a number 1-99, optionally after a letter"), shelf=text)
    return m.group(1), int(m.group(2)) if m.group(2) else None


def choose_slot(db: Any, size: str, shelf: str | int | None = None) -> Layer:
    """The layer for a new parcel: the least-full layer of its size class (a larger class when
    that is full), or the least-full layer of the shelf (or shelf-layer) given.

    Raises NotFound (no such shelf) or Conflict (full)."""
    layers = usage(db)
    if shelf is not None and str(shelf).strip():
        label, layer_no = parse_slot(shelf)
        mine = [u for u in layers if u.layer.shelf == label and layer_no in (None, u.layer.layer)]
        if not mine:
            raise NotFound(QT_TRANSLATE_NOOP("errors", "There is no shelf {shelf}"), shelf=str(shelf))
        room = [u for u in mine if u.free > 0]
        if not room:
            raise Conflict(QT_TRANSLATE_NOOP("errors", "Shelf {shelf} is full: choose another shelf"), shelf=str(shelf))
        room.sort(key=lambda u: (u.layer.size != size, u.used / u.layer.capacity, u.used))
        return room[0].layer
    for cls in _SIZE_ORDER[_SIZE_ORDER.index(size):]:
        room = [u for u in layers if u.layer.size == cls and u.free > 0]
        if room:
            return min(room, key=lambda u: (u.used / u.layer.capacity, u.used)).layer
    raise Conflict(QT_TRANSLATE_NOOP("errors", "The shelves for {size} parcels are full: hand out or return parcels first"),
                   size=SIZES[size])


def waybill_tail(waybill: str) -> int:
    """The last four digits of a waybill as a number (0 when it has no digits)."""
    digits = re.sub(r"\D", "", waybill)
    return int(digits[-4:]) if digits else 0


def choose_serial(db: Any, shelf: str, waybill: str, keep: str | None = None) -> str:
    """The serial for a parcel on `shelf`: `keep` or the waybill tail when no parcel on that
    shelf uses it, else the next free number after it (wrapping at 9999)."""
    taken = {r["serial"] for r in db.rows("SELECT serial FROM parcels WHERE on_shelf = 1 AND shelf = ?", (shelf,))}
    if keep and keep not in taken:
        return keep
    start = waybill_tail(waybill)
    for step in range(10_000):
        serial = f"{(start + step) % 10_000:04d}"
        if serial not in taken:
            return serial
    raise Conflict(QT_TRANSLATE_NOOP("errors", "Shelf {shelf} is full: choose another shelf"), shelf=shelf)


def pickup_code(shelf: str, layer: int, serial: str) -> str:
    return f"{shelf}-{layer}-{serial}"


def parse_pickup_code(text: str) -> str | None:
    """A typed or scanned pickup code in its stored form ('3 5 6075' -> '3-5-6075'), or None."""
    t = "-".join((text or "").strip().upper().translate(_DASHES).split("-"))
    t = re.sub(r"-+", "-", t)
    return t if PICKUP_CODE.match(t) else None


# -- stock-take (盘库) -------------------------------------------------------------------

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


def open_stocktake(db: Any) -> Stocktake | None:
    row = db.row("SELECT id FROM stocktakes WHERE status = 'open'")
    return get_stocktake(db, row["id"]) if row else None


def get_stocktake(db: Any, stocktake_id: str) -> Stocktake:
    r = db.row("SELECT * FROM stocktakes WHERE id = ?", (stocktake_id,))
    if r is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such stock-take"))
    n = db.value("SELECT count(*) FROM stocktake_scans WHERE stocktake_id = ?", (stocktake_id,), default=0)
    return Stocktake(r["id"], r["shelf"], r["status"], r["started_at"], r["finished_at"], n)


def start_stocktake(db: Any, actor: Operator, *, shelf: str | None = None) -> Stocktake:
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
        events.record(db, actor.id, "parcel.stocktake_started", stocktake_id, {"shelf": label, "at": iso(db.clock.now())})
    return get_stocktake(db, stocktake_id)


def _open(db: Any, stocktake_id: str) -> Any:
    row = db.row("SELECT * FROM stocktakes WHERE id = ?", (stocktake_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such stock-take"))
    if row["status"] != "open":
        raise Conflict(QT_TRANSLATE_NOOP("errors", "This stock-take is already finished"))
    return row


def scan_for_stocktake(db: Any, actor: Operator, *, stocktake_id: str, code: str) -> StocktakeScan:
    """Record one parcel seen on the shelf (its waybill or pickup code). A repeated scan is ignored."""
    from station_app.core import parcels  # parcels uses this module for slots and codes

    text = parse_pickup_code(code) or parcels.check_waybill(code)
    with db.transaction():
        st = _open(db, stocktake_id)
        again = db.row("SELECT * FROM stocktake_scans WHERE stocktake_id = ? AND code = ?", (stocktake_id, text))
        if again:
            return StocktakeScan(text, again["result"], again["parcel_id"], duplicate=True)
        row = parcels.row_for_code(db, text)
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
                      {"code": text, "parcel_id": parcel_id, "result": result, "at": iso(db.clock.now())})
    return StocktakeScan(text, result, parcel_id)


def finish_stocktake(db: Any, actor: Operator, *, stocktake_id: str) -> StocktakeResult:
    """Close the count: parcels on record (already there when the count began) but not scanned
    are missing; scans that are not on record on the counted shelves are unexpected."""
    with db.transaction():
        st = _open(db, stocktake_id)
        scope = "AND p.shelf = ?" if st["shelf"] else ""
        params: list[Any] = [st["started_at"], stocktake_id] + ([st["shelf"]] if st["shelf"] else [])
        missing = [{"code": r["waybill"], "parcel_id": r["id"]} for r in db.rows(
            f"""SELECT p.id, p.waybill FROM parcels p WHERE p.on_shelf = 1 AND p.arrived_at <= ?
                AND NOT EXISTS (SELECT 1 FROM stocktake_scans s WHERE s.stocktake_id = ? AND s.parcel_id = p.id)
                {scope} ORDER BY p.shelf, p.layer, p.serial""", params)]
        unexpected = [{"code": r["code"], "parcel_id": r["parcel_id"], "result": r["result"]} for r in db.rows(
            "SELECT * FROM stocktake_scans WHERE stocktake_id = ? AND result != 'ok' ORDER BY at, code", (stocktake_id,))]
        events.record(db, actor.id, "parcel.stocktake_finished", stocktake_id,
                      {"missing": missing, "unexpected": unexpected, "at": iso(db.clock.now())})
    return stocktake_result(db, stocktake_id)


def stocktake_result(db: Any, stocktake_id: str) -> StocktakeResult:
    items = [StocktakeItem(r["code"], r["kind"], r["parcel_id"], r["result"], r["resolution"]) for r in db.rows(
        "SELECT * FROM stocktake_items WHERE stocktake_id = ? ORDER BY kind, code", (stocktake_id,))]
    return StocktakeResult(get_stocktake(db, stocktake_id), [i for i in items if i.kind == MISSING],
                           [i for i in items if i.kind == UNEXPECTED])


def resolve_stocktake_item(db: Any, actor: Operator, *, stocktake_id: str, code: str, resolution: str) -> StocktakeItem:
    """Settle one item of a finished count: missing -> found / lost; unexpected -> reshelve /
    set_aside. 'lost' records the parcel as lost; 'reshelve' puts a known parcel back on the
    shelf (its old code when free, else a new one and a new SMS). Raises NotFound, ValidationError,
    Conflict (already settled, or an unknown parcel to reshelve: check it in instead)."""
    from station_app.core import parcels

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
            parcels.require_move(db, item["parcel_id"], "exception")
        if resolution == "reshelve":
            if item["parcel_id"] is None:
                raise Conflict(QT_TRANSLATE_NOOP("errors", "This parcel is not on record: check it in instead"))
            payload["reshelve"] = parcels.reshelve_plan(db, item["parcel_id"])
        events.record(db, actor.id, "parcel.stocktake_resolved", stocktake_id, payload)
    r = db.row("SELECT * FROM stocktake_items WHERE stocktake_id = ? AND code = ?", (stocktake_id, code))
    return StocktakeItem(r["code"], r["kind"], r["parcel_id"], r["result"], r["resolution"])


# -- appliers -------------------------------------------------------------------------


def _configured(db: Any, ev: Event) -> None:
    db.execute("DELETE FROM shelf_layers")
    for pos, lay in enumerate(ev.payload["layers"]):
        db.insert("shelf_layers", {**lay, "position": pos})


def _started(db: Any, ev: Event) -> None:
    db.insert("stocktakes", {"id": ev.entity_id, "shelf": ev.payload["shelf"], "status": "open",
                             "started_at": ev.payload["at"], "started_by": ev.operator_id})


def _scanned(db: Any, ev: Event) -> None:
    p = ev.payload
    db.insert("stocktake_scans", {"stocktake_id": ev.entity_id, "code": p["code"], "parcel_id": p["parcel_id"],
                                  "result": p["result"], "at": p["at"]})


def _finished(db: Any, ev: Event) -> None:
    p = ev.payload
    for m in p["missing"]:
        db.insert("stocktake_items", {"stocktake_id": ev.entity_id, "code": m["code"], "kind": MISSING,
                                      "parcel_id": m["parcel_id"], "result": "missing"})
    for u in p["unexpected"]:
        db.insert("stocktake_items", {"stocktake_id": ev.entity_id, "code": u["code"], "kind": UNEXPECTED,
                                      "parcel_id": u["parcel_id"], "result": u["result"]})
    db.update("stocktakes", {"id": ev.entity_id}, {"status": "finished", "finished_at": p["at"], "finished_by": ev.operator_id,
                                                   "missing": len(p["missing"]), "unexpected": len(p["unexpected"])})


def _resolved(db: Any, ev: Event) -> None:
    from station_app.core import parcels

    p = ev.payload
    db.update("stocktake_items", {"stocktake_id": ev.entity_id, "code": p["code"]},
              {"resolution": p["resolution"], "resolved_at": p["at"], "resolved_by": ev.operator_id})
    if p["resolution"] == "lost":
        parcels.apply_exception(db, p["parcel_id"], kind="lost", note="stock-take", photo_path=None, at=p["at"],
                                operator_id=ev.operator_id)
    elif p["resolution"] == "reshelve":
        parcels.apply_reshelve(db, p["parcel_id"], p["reshelve"], at=p["at"])


APPLY = {
    "parcel.shelves_configured": _configured,
    "parcel.stocktake_started": _started,
    "parcel.stocktake_scanned": _scanned,
    "parcel.stocktake_finished": _finished,
    "parcel.stocktake_resolved": _resolved,
}
