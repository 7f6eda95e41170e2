"""Lots: the goods of one intake line, on the shelf until sold or handed back, with their
traceability codes (one a unit for goods counted in pieces, else one for the lot)."""

from __future__ import annotations

from dataclasses import dataclass

from station_app.core.consignment.quantities import show_qty
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import NotFound
from station_app.i18n import QT_TRANSLATE_NOOP

FRESH, PROCESSED, CRAFT = "fresh", "processed", "craft"
CATEGORIES = {
    FRESH: QT_TRANSLATE_NOOP("consignment", "Fresh produce"),
    PROCESSED: QT_TRANSLATE_NOOP("consignment", "Processed food"),
    CRAFT: QT_TRANSLATE_NOOP("consignment", "Handicraft"),
}
UNITS = ("斤", "公斤", "个", "盒", "袋", "瓶", "罐", "件", "只", "把", "双", "箱", "份")

_LOTS = "SELECT l.*, c.name AS consignor_name FROM consign_lots l JOIN consignors c ON c.id = l.consignor_id"


@dataclass(frozen=True)
class Lot:
    id: str
    lot_no: int
    consignor_id: str
    name: str
    category: str
    unit: str
    per_unit: bool
    quantity_m: int
    on_hand_m: int
    price: int
    commission_bp: int
    expiry: str | None
    intake_day: str
    status: str
    photo: str = ""
    consignor_name: str = ""

    @property
    def on_hand(self) -> str:
        return show_qty(self.on_hand_m)


def _lot(r: Row) -> Lot:
    return Lot(r["id"], r["lot_no"], r["consignor_id"], r["name"], r["category"], r["unit"], bool(r["per_unit"]),
               r["quantity_m"], r["on_hand_m"], r["price"], r["commission_bp"], r["expiry"], r["intake_day"],
               r["status"], r["photo"], r["consignor_name"])


def get_lot(db: Store, lot_id: str) -> Lot:
    row = db.row(f"{_LOTS} WHERE l.id = ?", (lot_id,))
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No such consignment lot"))
    return _lot(row)


def stock(db: Store, consignor_id: str | None = None, text: str = "") -> list[Lot]:
    """Lots with goods on hand (all consignors, or one), oldest first; `text` filters by name."""
    q = "".join((text or "").split())
    rows = db.rows(f"{_LOTS} WHERE l.on_hand_m > 0 AND (? IS NULL OR l.consignor_id = ?) AND (? = '' OR instr(l.name, ?) > 0"
                   " OR instr(c.name, ?) > 0) ORDER BY l.lot_no", (consignor_id, consignor_id, q, q, q))
    return [_lot(r) for r in rows]


def codes_of(db: Store, lot_id: str, status: str | None = None) -> list[str]:
    return [r["code"] for r in db.rows("SELECT code FROM consign_codes WHERE lot_id = ? AND (? IS NULL OR status = ?)"
                                       " ORDER BY unit_no", (lot_id, status, status))]


def _lot_per_unit(db: Store, lot_id: str) -> bool:
    return bool(db.value("SELECT per_unit FROM consign_lots WHERE id = ?", (lot_id,)))


def _move_stock(db: Store, lot_id: str, *, on_hand: int, sold: int = 0, handed_back: int = 0,
                codes: list[str] | tuple[str, ...] = (), sale_id: str | None = None) -> None:
    """Change a lot's counts and keep its status and its labels in step: the unit labels `codes`
    (of a lot with unit labels) become sold to `sale_id`, retired (handed back) or on hand again;
    a lot's one label follows the lot."""
    db.execute("""UPDATE consign_lots SET on_hand_m = on_hand_m + ?, sold_m = sold_m + ?, returned_m = returned_m + ?
                  WHERE id = ?""", (on_hand, sold, handed_back, lot_id))
    db.execute("""UPDATE consign_lots SET status = CASE WHEN on_hand_m > 0 THEN 'on_hand'
                  WHEN ? > 0 THEN 'returned' WHEN ? > 0 THEN 'sold_out' ELSE status END WHERE id = ?""",
               (handed_back, sold, lot_id))
    lot = db.row("SELECT per_unit, on_hand_m, status FROM consign_lots WHERE id = ?", (lot_id,))
    assert lot is not None, f"no lot {lot_id}"
    if lot["per_unit"]:
        status = "sold" if sold > 0 else "retired" if handed_back > 0 else "on_hand"
        for code in codes:
            db.execute("UPDATE consign_codes SET status = ?, sale_id = ? WHERE code = ?", (status, sale_id, code))
    else:
        status = "on_hand" if lot["on_hand_m"] > 0 else ("retired" if lot["status"] == "returned" else "sold")
        db.execute("UPDATE consign_codes SET status = ?, sale_id = coalesce(?, sale_id) WHERE lot_id = ?",
                   (status, sale_id, lot_id))
