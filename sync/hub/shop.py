"""The county's proxy-purchase catalogue (代购目录) and its online shop's orders (县级电商平台),
sent down to the stations as `county.catalogue_item` and `county.online_order`
(`station_app.core.proxy_orders` folds both at the station).

    station-hub import-catalogue FILE [--partial]   POST /county/catalogue (the CSV as body)
    station-hub import-online-orders FILE.json      POST /county/online-orders (one order, JSON)
                                                    POST /county/online-orders/{number}/cancel
    station-hub online-order-status NUMBER          GET  /county/online-orders/{number}

**Catalogue.** A CSV as county staff keep it (UTF-8 with or without BOM, or GBK; Chinese or
English column names, `COLUMNS`), prices in yuan read exactly into fen. An item keeps its id
for ever: its 编号 when the file has one, else one made from its name and spec. Only items
whose content differs from what the hub last sent (`shop_catalogue`) go down, so the same
file imported again sends nothing. A file is the whole catalogue: an item sent before and
missing from it is withdrawn (sent again with `active` false), unless the import is
`partial` (adds and changes only) or some rows were refused, since a mistyped row must not
withdraw its item (fix it and import again). A file with the wrong columns is refused
whole; a bad row is reported by its line number, in Chinese and English, and the good rows
are imported.

**Online orders.** An order names its station (hub id, name, or the station's own id) and,
per line, a lot that station took in: by its lot number (`lot_no`) or any traceability code
of it (`code`), looked up in the station's `consign.intake` events on the hub; name and unit
come from there. Quantities are decimal text counted in thousandths (斤 may be "1.5"); a
line's amount is price × quantity rounded half up to the fen, as the station's sale counts
it, and `total` must be their sum exactly. The order goes to that station only, under the
id `web-<number>`. A number is accepted once: the same order again gets the same answer
(nothing is sent twice), another order under that number is refused (409). A cancellation
sends the order again with status "cancelled"; it is refused once the station reported the
parcel sent. The status comes from the station's own synced events; "sent" outranks
"cancelled" (a cancellation that crossed the shipment is a return for the county to arrange).
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
import threading
import unicodedata
import weakref
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, Request
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    MetaData,
    String,
    Table,
    Text,
    and_,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from station_app.core.clock import SHANGHAI, iso, parse_iso
from station_app.core.consignment import (
    check_price,
    parse_trace,
    show_qty,
    station_tag,
    to_milli,
    verify_trace,
)
from station_app.core.errors import Conflict, NotFound, UserError, ValidationError
from station_app.core.events import canonical
from station_app.core.identity import clean_phone
from station_app.core.money import format_fen, parse_yuan
from station_app.i18n import QT_TRANSLATE_NOOP, language, translate
from sync import protocol as p
from sync.hub import manifest
from sync.hub.db import events, open_hub, reading, stations, writing
from sync.hub.manifest import _key as column_key
from sync.hub.service_db import own_records
from sync.hub.store import Hub, HubError, publish

CATALOGUE_ITEM, ONLINE_ORDER = "county.catalogue_item", "county.online_order"
PACKED, UNPACKED, SENT = "order.online_packed", "order.online_unpacked", "order.online_sent"
REFUSED = "order.online_refused"  # the station could not fill it (sold out, spoilt)
MAX_CSV = 5_000_000  # bytes: a county catalogue is a few hundred rows
MAX_LINES = 50  # lines in one online order

metadata = MetaData()

# what the hub last sent of each catalogue item: an import sends only what differs
shop_catalogue = Table(
    "shop_catalogue", metadata,
    Column("item_id", String(40), primary_key=True),
    Column("payload", Text, nullable=False),  # canonical JSON, as sent
    Column("hub_seq", BigInteger, nullable=False),
    Column("updated_at", String(30), nullable=False),
)

# the online-shop orders the hub accepted, one per platform order number
shop_orders = Table(
    "shop_orders", metadata,
    Column("number", String(40), primary_key=True),
    Column("order_id", String(80), nullable=False),  # the entity id at the station
    Column("station_id", String(40), nullable=False),
    Column("payload", Text, nullable=False),  # canonical JSON, as first sent (status "paid")
    Column("hub_seq", BigInteger, nullable=False),
    Column("accepted_at", String(30), nullable=False),
    Column("cancelled_at", String(30)),
    Column("cancel_reason", Text),
)

_ready: weakref.WeakSet[Engine] = weakref.WeakSet()
_ready_lock = threading.Lock()


def ensure_shop_tables(engine: Engine) -> None:
    """Create the shop's tables if missing (once per engine and process)."""
    with _ready_lock:
        if engine not in _ready:
            metadata.create_all(engine)
            _ready.add(engine)


# field -> the column names a catalogue may use (compared as `manifest` compares them: no
# spaces, case or bracketed note, so 价格(元) is 价格). The first name is the one messages use.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "商品编号", "货号", "id", "item_id", "sku"),
    "name": ("名称", "商品名称", "品名", "name", "item"),
    "spec": ("规格", "规格型号", "spec", "specification"),
    "unit": ("单位", "计量单位", "unit"),
    "price": ("价格", "单价", "售价", "price", "unit_price"),
    "supplier": ("供应商", "供货商", "供货单位", "supplier", "vendor"),
    "withdrawn": ("停售", "下架", "withdrawn", "discontinued"),
    "active": ("在售", "上架", "active"),
}
REQUIRED = ("name", "unit", "price")
_ALIASES = {column_key(name): f for f, names in COLUMNS.items() for name in names}
YES, NO = {"是", "y", "yes", "true", "1", "√", "✓"}, {"否", "n", "no", "false", "0", "×"}
STOPPED, SELLING = {"停售", "下架"}, {"在售", "上架"}
ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
ORDER_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$")

NOT_TEXT = QT_TRANSLATE_NOOP("errors", "The catalogue is neither UTF-8 nor GBK text (unreadable bytes near byte "
                                       "{offset}). Save it again as CSV (UTF-8).")
EMPTY = QT_TRANSLATE_NOOP("errors", "The catalogue has no items.")
MISSING = QT_TRANSLATE_NOOP("errors", "The catalogue has no column for {missing}. Nothing was imported. The header "
                                      "row has: {found}. Accepted names: {accepted}")
NO_NAME = QT_TRANSLATE_NOOP("errors", "The item has no name")
LONG_TEXT = QT_TRANSLATE_NOOP("errors", "{what} is longer than {n} characters")
NO_UNIT = QT_TRANSLATE_NOOP("errors", "The item needs a unit such as 袋 or 箱 (at most 6 characters)")
NO_PRICE = QT_TRANSLATE_NOOP("errors", "The item has no price: write it in yuan, like 12.50")
BAD_ID = QT_TRANSLATE_NOOP("errors", "Item number '{id}' may only have letters, digits, '.', '-' and '_' (at most 40)")
BAD_FLAG = QT_TRANSLATE_NOOP("errors", "Write 是 or 否 (yes or no) in the {column} column, not '{text}'")
SAME_ITEM = QT_TRANSLATE_NOOP("errors", "The same item as line {line}: one row per item")
NOT_AN_ORDER = QT_TRANSLATE_NOOP("errors", "An online order must be a JSON object")
BAD_NUMBER = QT_TRANSLATE_NOOP("errors", "Order number '{number}' must be 4 to 40 letters, digits, '-' or '_'")
NO_STATION = QT_TRANSLATE_NOOP("errors", "The order does not say which station holds the goods")
UNKNOWN_STATION = QT_TRANSLATE_NOOP("errors", "No station {station} on this hub: give its id or its exact name.")
NO_RECEIVER = QT_TRANSLATE_NOOP("errors", "The order needs a receiver with a name, a phone number and an address")
RECEIVER_NAME = QT_TRANSLATE_NOOP("errors", "The receiver's name is missing or longer than 40 characters")
RECEIVER_ADDRESS = QT_TRANSLATE_NOOP("errors", "The receiver's address is missing or longer than 200 characters")
NO_LINES = QT_TRANSLATE_NOOP("errors", "The order needs 1 to {n} lines")
ON_LINE = QT_TRANSLATE_NOOP("errors", "Order line {line}: {why}")
NOT_A_LINE = QT_TRANSLATE_NOOP("errors", "a line must name a lot (lot_no or code), a quantity and a price")
NOT_A_CODE = QT_TRANSLATE_NOOP("errors", "'{code}' is not a genuine traceability code of any station")
OTHER_STATION = QT_TRANSLATE_NOOP("errors", "the goods of code {code} are at {station}, not at the station of this order")
BAD_LOT = QT_TRANSLATE_NOOP("errors", "lot number '{lot}' is not a number")
NO_LOT = QT_TRANSLATE_NOOP("errors", "{station} has no lot {lot} (or has not synced since taking it in)")
TWO_LINES = QT_TRANSLATE_NOOP("errors", "lot {lot} is also on line {other}: put its whole quantity on one line")
NO_QUANTITY = QT_TRANSLATE_NOOP("errors", "the line has no quantity")
TOTAL_FEN = QT_TRANSLATE_NOOP("errors", "The order total must be whole fen")
WRONG_TOTAL = QT_TRANSLATE_NOOP("errors", "The order total {total} is not the sum of its lines {lines}")
BAD_TIME = QT_TRANSLATE_NOOP("errors", "Order time '{text}' is not a time: write it like 2026-11-23T08:30:00+08:00")
OTHER_ORDER = QT_TRANSLATE_NOOP("errors", "Order number {number} was already used on {day} for a different order")
NO_ORDER = QT_TRANSLATE_NOOP("errors", "No online-shop order {number} on this hub")
NO_REASON = QT_TRANSLATE_NOOP("errors", "Say why the order is cancelled (at most 200 characters)")
ALREADY_SENT = QT_TRANSLATE_NOOP("errors", "Order {number} was already sent (waybill {waybill}): it cannot be cancelled; "
                                           "arrange a return instead")


class CatalogueError(ValidationError):
    """The whole file is refused: nothing was imported."""


class LineError(ValidationError):
    """A problem with one line of an order, saying which line in either language."""

    def __init__(self, line: int, problem: UserError) -> None:
        super().__init__(ON_LINE, line=line)
        self.problem = problem

    def message(self, lang: str | None = None) -> str:
        return translate("errors", ON_LINE, lang).format(line=self.params["line"], why=self.problem.message(lang))


@dataclass(frozen=True)
class Refused:
    """A row left out, and why, in English and Chinese."""

    line: int
    en: str
    zh: str

    @classmethod
    def of(cls, line: int, exc: UserError) -> "Refused":
        return cls(line, exc.message("en"), exc.message("zh_CN"))


# -- the catalogue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueRow:
    line: int
    id: str
    name: str
    spec: str
    unit: str
    price: int  # fen
    supplier: str
    active: bool

    @property
    def payload(self) -> dict[str, Any]:
        """The `county.catalogue_item` payload the station folds."""
        return {"name": self.name, "spec": self.spec, "unit": self.unit, "price": self.price,
                "supplier": self.supplier, "active": self.active}


@dataclass
class CatalogueReport:
    added: list[tuple[int, str, str]] = field(default_factory=list)  # (line, item id, name)
    changed: list[tuple[int, str, str]] = field(default_factory=list)
    withdrawn: list[tuple[str, str]] = field(default_factory=list)  # (item id, name)
    unchanged: int = 0
    kept: int = 0  # items missing from the file but kept (partial import, or refused rows)
    refused: list[Refused] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"added": [{"line": n, "id": i, "name": name} for n, i, name in self.added],
                "changed": [{"line": n, "id": i, "name": name} for n, i, name in self.changed],
                "withdrawn": [{"id": i, "name": name} for i, name in self.withdrawn],
                "unchanged": self.unchanged, "kept": self.kept, "refused": [asdict(r) for r in self.refused]}


def item_id(given: str, name: str, spec: str) -> str:
    """An item's id for ever: the catalogue's own number, else one made from its name and spec."""
    if given:
        if not ITEM_ID.match(given):
            raise ValidationError(BAD_ID, id=given)
        return given
    return "cat-" + hashlib.sha256(f"{name}\n{spec}".encode()).hexdigest()[:16]


def read_catalogue(data: bytes) -> tuple[list[CatalogueRow], list[Refused]]:
    """The items of a catalogue CSV and the rows refused (line number, why). The header is the
    first row naming a name column within the first few. Raises CatalogueError when the file
    as a whole cannot be used."""
    try:
        text = manifest.decode(data)
    except UserError as exc:
        raise CatalogueError(NOT_TEXT if exc.text == manifest.NOT_TEXT else exc.text, **exc.params) from None
    sample = [line for line in text.splitlines()[:20] if line.strip()]
    delimiter = max(manifest.DELIMITERS, key=lambda d: sum(d in line for line in sample)) if sample else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    table = [(reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
    if not table:
        raise CatalogueError(EMPTY)
    at = next((i for i, (_, cells) in enumerate(table[:manifest.HEADER_SEARCH])
               if any(_ALIASES.get(column_key(c)) == "name" for c in cells)), 0)
    header = table[at][1]
    cols = _columns(header)
    rows: list[CatalogueRow] = []
    refused: list[Refused] = []
    first: dict[str, int] = {}
    for line, cells in table[at + 1:]:
        try:
            row = _catalogue_row(line, cells, cols, header)
            if row.id in first:
                raise ValidationError(SAME_ITEM, line=first[row.id])
        except UserError as exc:
            refused.append(Refused.of(line, exc))
            continue
        first[row.id] = line
        rows.append(row)
    if not rows and not refused:
        raise CatalogueError(EMPTY)
    return rows, refused


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        f = _ALIASES.get(column_key(cell))
        if f is not None and f not in found:
            found[f] = i
    missing = ["/".join((COLUMNS[f][0], next(n for n in COLUMNS[f] if n.isascii()))) for f in REQUIRED if f not in found]
    if missing:
        raise CatalogueError(MISSING, missing=", ".join(missing),
                             found=", ".join(h.strip() for h in header if h.strip()) or "-",
                             accepted="; ".join("/".join(names) for names in COLUMNS.values()))
    return found


def _cell(cells: list[str], cols: dict[str, int], name: str) -> str:
    i = cols.get(name)
    return " ".join(unicodedata.normalize("NFKC", cells[i]).split()) if i is not None and i < len(cells) else ""


def _short(text: str, n: int, what: str) -> str:
    if len(text) > n:
        raise ValidationError(LONG_TEXT, what=what, n=n)
    return text


def _catalogue_row(line: int, cells: list[str], cols: dict[str, int], header: list[str]) -> CatalogueRow:
    name = _short(_cell(cells, cols, "name"), 40, COLUMNS["name"][0])
    if not name:
        raise ValidationError(NO_NAME)
    spec = _short(_cell(cells, cols, "spec"), 40, COLUMNS["spec"][0])
    unit = _cell(cells, cols, "unit")
    if not unit or len(unit) > 6:
        raise ValidationError(NO_UNIT)
    price_text = _cell(cells, cols, "price")
    if not price_text:
        raise ValidationError(NO_PRICE)
    price = parse_yuan(price_text, allow_zero=False)  # at most 2 decimals: exact fen, never a float
    supplier = _short(_cell(cells, cols, "supplier"), 60, COLUMNS["supplier"][0])
    return CatalogueRow(line, item_id(_cell(cells, cols, "id"), name, spec), name, spec, unit, price, supplier,
                        _active(cells, cols, header))


def _active(cells: list[str], cols: dict[str, int], header: list[str]) -> bool:
    for name in ("withdrawn", "active"):
        text = _cell(cells, cols, name).lower()
        if not text:
            continue
        if text in STOPPED or text in SELLING:
            return text in SELLING
        if text not in YES and text not in NO:
            raise ValidationError(BAD_FLAG, column=header[cols[name]].strip(), text=text)
        return (text in NO) if name == "withdrawn" else (text in YES)
    return True


def import_catalogue(hub: Hub, data: bytes, *, partial: bool = False) -> CatalogueReport:
    """Send what changed in the county catalogue to every station (`county.catalogue_item`).
    Items the hub sent before and the file leaves out are withdrawn, unless `partial` or some
    rows were refused (see the module's docstring). Raises CatalogueError (nothing imported)."""
    ensure_shop_tables(hub.engine)
    rows, refused = read_catalogue(data)
    report = CatalogueReport(refused=refused)
    now = hub.now()
    with writing(hub.engine) as conn:
        sent = {r.item_id: json.loads(r.payload) for r in conn.execute(select(shop_catalogue))}

        def send(item: str, payload: dict[str, Any]) -> None:
            hub_seq = publish(conn, CATALOGUE_ITEM, item, payload, None, now)
            values = {"payload": canonical(payload), "hub_seq": hub_seq, "updated_at": now}
            if item in sent:
                conn.execute(update(shop_catalogue).where(shop_catalogue.c.item_id == item).values(**values))
            else:
                conn.execute(insert(shop_catalogue).values(item_id=item, **values))

        for row in rows:
            before = sent.get(row.id)
            if before == row.payload:
                report.unchanged += 1
                continue
            send(row.id, row.payload)
            if before is None:
                report.added.append((row.line, row.id, row.name))
            elif before["active"] and not row.active:
                report.withdrawn.append((row.id, row.name))
            else:
                report.changed.append((row.line, row.id, row.name))
        listed = {row.id for row in rows}
        missing = sorted((item, payload) for item, payload in sent.items() if payload["active"] and item not in listed)
        if partial or refused:
            report.kept = len(missing)
        else:
            for item, payload in missing:
                send(item, {**payload, "active": False})
                report.withdrawn.append((item, payload["name"]))
    return report


# -- online-shop orders ----------------------------------------------------------------------------


def order_id(number: str) -> str:
    """The order's entity id at the station."""
    return f"web-{number}"


def _words(value: Any) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(value or "")).split())


def accept_online_order(hub: Hub, order: Any) -> dict[str, Any]:
    """Check an order of the county online shop and send it to the station holding its goods.
    Returns {"number", "order_id", "station_id", "station", "total", "hub_seq", "repeat"};
    `repeat` is true when this very order was accepted before (nothing is sent again).
    Raises ValidationError (what is wrong, naming the line) or Conflict (the number was used
    for a different order)."""
    ensure_shop_tables(hub.engine)
    if not isinstance(order, dict):
        raise ValidationError(NOT_AN_ORDER)
    number = str(order.get("number") or "").strip()
    if not ORDER_NUMBER.match(number):
        raise ValidationError(BAD_NUMBER, number=number[:60])
    receiver = _receiver(order.get("receiver"))
    with reading(hub.engine) as conn:
        station_id, station = _station(conn, order.get("station") or order.get("station_id"))
        lines = _lines(conn, station_id, station, order.get("lines"))
    total = order.get("total")
    if isinstance(total, bool) or not isinstance(total, int):
        raise ValidationError(TOTAL_FEN)
    counted = sum((line["price"] * to_milli(line["quantity"]) + 500) // 1000 for line in lines)
    if total != counted:
        raise ValidationError(WRONG_TOTAL, total=format_fen(total), lines=format_fen(counted))
    payload = {"number": number, "platform": _words(order.get("platform"))[:40], "receiver": receiver,
               "lines": lines, "total": total, "ordered_at": _ordered_at(order.get("ordered_at")), "status": "paid"}
    answer = {"number": number, "order_id": order_id(number), "station_id": station_id, "station": station,
              "total": total}
    try:
        return {**answer, **_accept(hub, station_id, payload)}
    except IntegrityError:  # the same number accepted at this very moment by another request
        return {**answer, **_accept(hub, station_id, payload)}


def _accept(hub: Hub, station_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    number, now = payload["number"], hub.now()
    with writing(hub.engine) as conn:
        before = conn.execute(select(shop_orders).where(shop_orders.c.number == number)).first()
        if before is not None:
            if payload["ordered_at"] is None:  # not given again: the time the hub gave it
                payload = {**payload, "ordered_at": json.loads(before.payload)["ordered_at"]}
            if before.station_id != station_id or canonical(payload) != before.payload:
                raise Conflict(OTHER_ORDER, number=number, day=before.accepted_at[:10])
            return {"hub_seq": before.hub_seq, "repeat": True}
        payload = {**payload, "ordered_at": payload["ordered_at"] or now}
        hub_seq = publish(conn, ONLINE_ORDER, order_id(number), payload, station_id, now)
        conn.execute(insert(shop_orders).values(number=number, order_id=order_id(number), station_id=station_id,
                                                payload=canonical(payload), hub_seq=hub_seq, accepted_at=now))
    return {"hub_seq": hub_seq, "repeat": False}


def _receiver(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValidationError(NO_RECEIVER)
    name, address = _words(value.get("name")), _words(value.get("address"))
    if not name or len(name) > 40:
        raise ValidationError(RECEIVER_NAME)
    phone = clean_phone(str(value.get("phone") or ""))
    if not address or len(address) > 200:
        raise ValidationError(RECEIVER_ADDRESS)
    return {"name": name, "phone": phone, "address": address}


def _station(conn: Connection, value: Any) -> tuple[str, str]:
    """(hub id, name) of the station an order names by hub id, name or its own id."""
    text = _words(value)
    if not text:
        raise ValidationError(NO_STATION)
    names = {r.id: r.name for r in conn.execute(select(stations.c.id, stations.c.name))}
    for hub_id, name in names.items():
        if text in (hub_id, name):
            return hub_id, name
    for own in own_records(conn):
        if text == own.own_id:
            return own.hub_id, names[own.hub_id]
    raise ValidationError(UNKNOWN_STATION, station=text)


def _lines(conn: Connection, station_id: str, station: str, given: Any) -> list[dict[str, Any]]:
    """The order's lines as the station reads them: lot_id, lot_no, name, quantity, unit, price."""
    if not isinstance(given, list) or not 1 <= len(given) <= MAX_LINES:
        raise ValidationError(NO_LINES, n=MAX_LINES)
    owners = {station_tag(own.own_id): own for own in own_records(conn)}
    wanted: list[tuple[int, dict[str, Any], int, str]] = []  # (line, as given, lot number, code)
    for i, line in enumerate(given, 1):
        try:
            if not isinstance(line, dict) or not (line.get("lot_no") or line.get("code")):
                raise ValidationError(NOT_A_LINE)
            code = _words(line.get("code"))
            if code:
                parsed = parse_trace(code)
                owner = owners.get(parsed.tag) if parsed else None
                if parsed is None or owner is None or not verify_trace(parsed, owner.own_id, owner.id_salt):
                    raise ValidationError(NOT_A_CODE, code=code)
                if owner.hub_id != station_id:
                    raise ValidationError(OTHER_STATION, code=code, station=owner.name)
                wanted.append((i, line, parsed.lot_no, parsed.code))
            else:
                lot_text = _words(line.get("lot_no"))
                if not lot_text.isdigit():
                    raise ValidationError(BAD_LOT, lot=lot_text)
                wanted.append((i, line, int(lot_text), ""))
        except UserError as exc:
            raise LineError(i, exc) from None
    lots = _station_lots(conn, station_id, {lot_no for _, _, lot_no, _ in wanted})
    out: list[dict[str, Any]] = []
    first: dict[int, int] = {}
    for i, line, lot_no, code in wanted:
        try:
            lot = lots.get(lot_no)
            if lot is None or (code and code not in lot["codes"]):
                raise ValidationError(NO_LOT, station=station, lot=lot_no)
            if lot_no in first:
                raise ValidationError(TWO_LINES, lot=lot_no, other=first[lot_no])
            first[lot_no] = i
            quantity = line.get("quantity")
            if quantity in (None, ""):
                raise ValidationError(NO_QUANTITY)
            # a JSON number 1.5 arrives as a float: its shortest text is what the platform wrote
            milli = to_milli(repr(quantity) if isinstance(quantity, float) else quantity, lot["unit"])
            out.append({"lot_id": lot["lot_id"], "lot_no": lot_no, "name": lot["name"], "quantity": show_qty(milli),
                        "unit": lot["unit"], "price": check_price(line.get("price", 0))})
        except UserError as exc:
            raise LineError(i, exc) from None
    return out


def _station_lots(conn: Connection, station_id: str, lot_nos: set[int]) -> dict[int, dict[str, Any]]:
    """The lots with these numbers from the station's `consign.intake` events on the hub."""
    # the LIKE only narrows the scan ("lot_no" 12 also matches 120); the parsed payload decides
    near = or_(*(events.c.payload.like(f'%"lot_no":{n}%') for n in lot_nos))
    found: dict[int, dict[str, Any]] = {}
    for r in conn.execute(select(events.c.payload).where(and_(
            events.c.station_id == station_id, events.c.kind == "consign.intake", near))):
        for lot in json.loads(r.payload).get("lots", []):
            if lot.get("lot_no") in lot_nos:
                found[int(lot["lot_no"])] = lot
    return found


def _ordered_at(value: Any) -> str | None:
    """An order time with its zone (or Shanghai time without one) as UTC ISO; None if not given."""
    if value in (None, ""):
        return None
    try:
        dt = parse_iso(str(value).strip())
    except ValueError:
        raise ValidationError(BAD_TIME, text=str(value)[:40]) from None
    return iso(dt if dt.tzinfo else dt.replace(tzinfo=SHANGHAI))


def _order_row(conn: Connection, number: str) -> Any:
    number = (number or "").strip()
    row = conn.execute(select(shop_orders).where(shop_orders.c.number == number)).first()
    if row is None:
        raise NotFound(NO_ORDER, number=number[:60])
    return row


def _progress(conn: Connection, row: Any) -> dict[str, Any]:
    status, sent, refused = "waiting", {}, None
    for r in conn.execute(select(events.c.kind, events.c.payload).where(and_(
            events.c.station_id == row.station_id, events.c.entity_id == row.order_id,
            events.c.kind.in_((PACKED, UNPACKED, SENT, REFUSED)))).order_by(events.c.seq)):
        if r.kind == SENT:
            status, sent = "sent", json.loads(r.payload)
        elif r.kind == REFUSED:
            status, refused = "refused", json.loads(r.payload).get("reason")
        elif status != "sent":
            status = "packed" if r.kind == PACKED else "waiting"
    if row.cancelled_at is not None and status not in ("sent", "refused"):
        status = "cancelled"
    return {"number": row.number, "order_id": row.order_id, "station_id": row.station_id, "status": status,
            "waybill": sent.get("waybill"), "carrier": sent.get("carrier"), "sent_day": sent.get("day"),
            "cancel_reason": row.cancel_reason, "refused_reason": refused}


def online_order_status(hub: Hub, number: str) -> dict[str, Any]:
    """Where an order is, as far as its station has synced: {"number", "order_id", "station_id",
    "status": "waiting" | "packed" | "sent" | "cancelled" | "refused", "waybill", "carrier", "sent_day",
    "cancel_reason", "refused_reason"}. Raises NotFound."""
    ensure_shop_tables(hub.engine)
    with reading(hub.engine) as conn:
        return _progress(conn, _order_row(conn, number))


def cancel_online_order(hub: Hub, number: str, reason: str) -> dict[str, Any]:
    """The county cancels an order: the station hears it as the order with status "cancelled"
    (and the reason). Cancelling again changes nothing. Returns `online_order_status`. Raises
    NotFound, ValidationError (no reason) or Conflict (the station reported it sent)."""
    ensure_shop_tables(hub.engine)
    reason = _words(reason)
    if not reason or len(reason) > 200:
        raise ValidationError(NO_REASON)
    now = hub.now()
    with writing(hub.engine) as conn:
        row = _order_row(conn, number)
        progress = _progress(conn, row)
        if progress["status"] == "sent":
            raise Conflict(ALREADY_SENT, number=row.number, waybill=progress["waybill"])
        if row.cancelled_at is None:
            payload = {**json.loads(row.payload), "status": "cancelled", "reason": reason}
            publish(conn, ONLINE_ORDER, row.order_id, payload, row.station_id, now)
            conn.execute(update(shop_orders).where(shop_orders.c.number == row.number)
                         .values(cancelled_at=now, cancel_reason=reason))
    return online_order_status(hub, number)


# -- HTTP, for county staff ---------------------------------------------------------------------------


def refusal(exc: UserError) -> HubError:
    """A person's error as the hub's JSON refusal, with the message in both languages."""
    status, code = ((404, "not_found") if isinstance(exc, NotFound) else (409, "conflict") if isinstance(exc, Conflict)
                    else (400, p.MALFORMED))
    return HubError(status, code, exc.message("en"), message_zh=exc.message("zh_CN"))


def add_shop_endpoints(app: FastAPI, hub: Hub, staff: Callable[..., Any]) -> None:
    """The county staff's endpoints for the catalogue and the online shop (login: `staff`)."""
    ensure_shop_tables(hub.engine)
    login = [Depends(staff)]

    def answer(work: Callable[[], Any]) -> Any:
        try:
            return work()
        except UserError as exc:
            raise refusal(exc) from None

    @app.post("/county/catalogue", dependencies=login, tags=["county staff"],
              openapi_extra={"requestBody": {"required": True, "description": "the catalogue CSV (UTF-8 or GBK)",
                                             "content": {"text/csv": {"schema": {"type": "string"}}}}})
    async def post_catalogue(request: Request, partial: bool = False) -> dict[str, Any]:
        """Import the county's proxy-purchase catalogue; `partial` adds and changes items only."""
        data = await request.body()
        if len(data) > MAX_CSV:
            raise HubError(413, p.TOO_LARGE, f"the catalogue may be at most {MAX_CSV} bytes")
        report = await run_in_threadpool(answer, lambda: import_catalogue(hub, data, partial=partial))
        return report.as_dict()

    @app.post("/county/online-orders", dependencies=login, tags=["county staff"])
    def post_online_order(order: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
        """Accept an order of the county online shop and send it to the station holding the goods."""
        return answer(lambda: accept_online_order(hub, order))

    @app.post("/county/online-orders/{number}/cancel", dependencies=login, tags=["county staff"])
    def post_cancel(number: str, reason: Annotated[str, Body(embed=True)]) -> dict[str, Any]:
        """Cancel an order the station has not sent yet."""
        return answer(lambda: cancel_online_order(hub, number, reason))

    @app.get("/county/online-orders/{number}", dependencies=login, tags=["county staff"])
    def get_online_order(number: str) -> dict[str, Any]:
        """Where an order is: waiting, packed, sent (waybill, carrier, day) or cancelled."""
        return answer(lambda: online_order_status(hub, number))


# -- `station-hub import-catalogue | import-online-orders | online-order-status` -----------------------

SUMMARY = QT_TRANSLATE_NOOP("hub_services", "catalogue: {added} items added, {changed} changed, {withdrawn} withdrawn, "
                                            "{unchanged} unchanged, {refused} rows refused")
KEPT = QT_TRANSLATE_NOOP("hub_services", "{kept} items the file leaves out were kept (not withdrawn) because rows were "
                                         "refused: fix them and import the file again")
LINE_REFUSED = QT_TRANSLATE_NOOP("hub_services", "line {line}: refused: {why}")
ORDER_SENT = QT_TRANSLATE_NOOP("hub_services", "{number}: sent to {station} ({total})")
ORDER_REPEAT = QT_TRANSLATE_NOOP("hub_services", "{number}: accepted before, nothing sent again")
ORDER_REFUSED = QT_TRANSLATE_NOOP("hub_services", "order {index} ({number}): refused: {why}")
NOT_A_LIST = QT_TRANSLATE_NOOP("hub_services", "{file} is not a JSON list of orders: {why}")


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register the shop's `station-hub` commands (their functions are in `COMMANDS`)."""
    c = sub.add_parser("import-catalogue", parents=[common],
                       help="send the county's proxy-purchase catalogue (代购目录, CSV, UTF-8 or GBK) to every station")
    c.add_argument("csv", type=Path, metavar="FILE")
    c.add_argument("--partial", action="store_true",
                   help="add and change items only: keep the items the file leaves out (default: withdraw them)")
    o = sub.add_parser("import-online-orders", parents=[common],
                       help="send orders of the county online shop (a JSON list) to the stations holding the goods")
    o.add_argument("orders", type=Path, metavar="FILE.json")
    s = sub.add_parser("online-order-status", parents=[common],
                       help="where an online-shop order is (JSON): waiting, packed, sent or cancelled")
    s.add_argument("number")


def _say(text: str, **params: Any) -> str:
    return translate("hub_services", text).format(**params)


def cmd_import_catalogue(args: argparse.Namespace) -> int:
    """Exit 0 when every row was imported, 1 when some were refused, 2 when the file was refused."""
    data = args.csv.read_bytes()
    hub = Hub(open_hub(args.db))
    try:
        report = import_catalogue(hub, data, partial=args.partial)
    except UserError as exc:
        print(f"station-hub import-catalogue: {exc}", file=sys.stderr)
        return 2
    finally:
        hub.engine.dispose()
    print(_say(SUMMARY, added=len(report.added), changed=len(report.changed), withdrawn=len(report.withdrawn),
               unchanged=report.unchanged, refused=len(report.refused)))
    if report.kept and report.refused:
        print(_say(KEPT, kept=report.kept))
    for r in report.refused:
        print(_say(LINE_REFUSED, line=r.line, why=r.en if language() == "en" else r.zh), file=sys.stderr)
    return 1 if report.refused else 0


def cmd_import_online_orders(args: argparse.Namespace) -> int:
    """Exit 0 when every order was accepted (now or before), 1 when some were refused, 2 when
    the file is not a JSON list."""
    try:
        orders = json.loads(args.orders.read_bytes().decode("utf-8-sig"))
        if isinstance(orders, dict):
            orders = [orders]
        if not isinstance(orders, list):
            raise ValueError(type(orders).__name__)
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"station-hub import-online-orders: {_say(NOT_A_LIST, file=args.orders, why=exc)}", file=sys.stderr)
        return 2
    hub = Hub(open_hub(args.db))
    refused = 0
    try:
        for index, order in enumerate(orders, 1):
            try:
                done = accept_online_order(hub, order)
            except UserError as exc:
                refused += 1
                number = order.get("number", "-") if isinstance(order, dict) else "-"
                print(_say(ORDER_REFUSED, index=index, number=number, why=exc), file=sys.stderr)
                continue
            print(_say(ORDER_REPEAT, number=done["number"]) if done["repeat"] else
                  _say(ORDER_SENT, number=done["number"], station=done["station"], total=format_fen(done["total"])))
    finally:
        hub.engine.dispose()
    return 1 if refused else 0


def cmd_online_order_status(args: argparse.Namespace) -> int:
    """The status as one JSON object; exit 1 for an unknown number."""
    hub = Hub(open_hub(args.db))
    try:
        status = online_order_status(hub, args.number)
    except UserError as exc:
        print(f"station-hub online-order-status: {exc}", file=sys.stderr)
        return 1
    finally:
        hub.engine.dispose()
    print(json.dumps(status, ensure_ascii=False))
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import-catalogue": cmd_import_catalogue, "import-online-orders": cmd_import_online_orders,
    "online-order-status": cmd_online_order_status}
