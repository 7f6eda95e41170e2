"""Shelves, slots and pickup codes.

A shelf has layers; each layer holds parcels of one size class up to its capacity. A
parcel on the shelf has a pickup code `Shelf-Layer-Serial` (3-5-6075): the serial is the
waybill's last four digits when no other parcel on that shelf uses it, else the next free
one. Until a manager configures the shelves, `DEFAULT_LAYOUT` is used.

The stock-take (盘库) that counts the parcels on these shelves is `core.parcels.stocktake`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from station_app.core import events
from station_app.core.events import Event
from station_app.core.operators import Operator
from station_app.db import Store
from station_app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP

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


def layout(db: Store) -> list[Layer]:
    """The shelves as configured (or the default layout), in shelf order."""
    rows = db.rows("SELECT * FROM shelf_layers ORDER BY position")
    if not rows:
        return list(DEFAULT_LAYOUT)
    return [Layer(r["shelf"], r["layer"], r["size"], r["capacity"]) for r in rows]


def usage(db: Store) -> list[LayerUsage]:
    """Every layer with the number of parcels on it now."""
    used = {(r["shelf"], r["layer"]): r["n"] for r in db.rows(
        "SELECT shelf, layer, count(*) AS n FROM parcels WHERE on_shelf = 1 GROUP BY shelf, layer")}
    return [LayerUsage(lay, used.get((lay.shelf, lay.layer), 0)) for lay in layout(db)]


def check_size(size: str) -> str:
    if size not in SIZES:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown parcel size {size}"), size=size)
    return size


def configure_shelves(db: Store, actor: Operator, *, layers: list[Layer]) -> list[Layer]:
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
        events.record(db, actor.id, "parcel.shelves_configured", "shelves", {"layers": clean}, appliers=APPLY)
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


def choose_slot(db: Store, size: str, shelf: str | int | None = None) -> Layer:
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


def choose_serial(db: Store, shelf: str, waybill: str, keep: str | None = None) -> str:
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


# -- appliers -------------------------------------------------------------------------


def _configured(db: Store, ev: Event) -> None:
    db.execute("DELETE FROM shelf_layers")
    for pos, lay in enumerate(ev.payload["layers"]):
        db.insert("shelf_layers", {**lay, "position": pos})


APPLY = {"parcel.shelves_configured": _configured}
