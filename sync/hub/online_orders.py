"""The county online shop's orders (县级电商平台), each sent down to the station holding its
goods as `county.online_order` (`station_app.core.proxy_orders` folds it at the station).

    station-hub import-online-orders FILE.json      POST /county/online-orders (one order, JSON)
                                                    POST /county/online-orders/{number}/cancel
    station-hub online-order-status NUMBER          GET  /county/online-orders/{number}

An order names its station (hub id, name, or the station's own id) and, per line, a lot that
station took in: by its lot number (`lot_no`) or any traceability code of it (`code`),
looked up in the station's `consign.intake` events on the hub; name and unit come from
there. Quantities are decimal text counted in thousandths (斤 may be "1.5"); a line's amount
is price × quantity rounded half up to the fen, as the station's sale counts it, and `total`
must be their sum exactly. The order goes to that station only, under the id `web-<number>`.
A number is accepted once: the same order again gets the same answer (nothing is sent
twice), another order under that number is refused (409). A cancellation sends the order
again with status "cancelled"; it is refused once the station reported the parcel sent. The
status comes from the station's own synced events; "sent" outranks "cancelled" (a
cancellation that crossed the shipment is a return for the county to arrange).
"""

import contextlib
import json
import re
import unicodedata
from typing import Any

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

from station_app.clock import SHANGHAI, iso, parse_iso
from station_app.core.consignment import (
    check_price,
    parse_trace,
    show_qty,
    station_tag,
    to_milli,
    verify_trace,
)
from station_app.core.events import canonical
from station_app.core.identity import clean_phone
from station_app.core.money import format_fen
from station_app.errors import Conflict, NotFound, UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.db import events, reading, stations, writing
from sync.hub.service_db import ensure_once, own_records
from sync.hub.shadows import FoldError, Shadows
from sync.hub.store import Hub, publish

ONLINE_ORDER = "county.online_order"
PACKED, UNPACKED, SENT = "order.online_packed", "order.online_unpacked", "order.online_sent"
REFUSED = "order.online_refused"  # the station could not fill it (sold out, spoilt)
MAX_LINES = 50  # lines in one online order

metadata = MetaData()

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

def ensure_orders_table(engine: Engine) -> None:
    """Create `shop_orders` if missing (once per engine and process)."""
    ensure_once(engine, metadata)


ORDER_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$")

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
BEYOND_STOCK = QT_TRANSLATE_NOOP("errors", "{station} holds only {left} {unit} of lot {lot} ({name}) not promised to "
                                           "other online orders; the order wants {wanted} {unit}")
NO_STOCK_KNOWN = QT_TRANSLATE_NOOP("errors", "The hub cannot count the stock of {station} now ({why}): the order is "
                                             "not accepted")
ALREADY_SENT = QT_TRANSLATE_NOOP("errors", "Order {number} was already sent (waybill {waybill}): it cannot be cancelled; "
                                           "arrange a return instead")


class LineError(ValidationError):
    """A problem with one line of an order, saying which line in either language."""

    def __init__(self, line: int, problem: UserError) -> None:
        super().__init__(ON_LINE, line=line)
        self.problem = problem

    def message(self, lang: str | None = None) -> str:
        return translate("errors", ON_LINE, lang).format(line=self.params["line"], why=self.problem.message(lang))


def order_id(number: str) -> str:
    """The order's entity id at the station."""
    return f"web-{number}"


def _words(value: Any) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(value or "")).split())


def accept_online_order(hub: Hub, order: Any, *, shadows: Shadows, dry_run: bool = False,
                        promised: dict[str, int] | None = None) -> dict[str, Any]:
    """Check an order of the county online shop and send it to the station holding its goods
    (`dry_run`: check only). Returns {"number", "order_id", "station_id", "station", "total",
    "hub_seq", "repeat"}; `repeat` is true when this very order was accepted before (nothing is
    sent again). Raises ValidationError (what is wrong, naming the line: also a quantity beyond
    what the station holds, less what its orders not packed yet take) or Conflict (the number
    was used for a different order). `promised` (lot id -> thousandths) is what earlier orders of
    the same file take, when they are only checked (`dry_run`): it grows by this order's lines."""
    ensure_orders_table(hub.engine)
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
    with reading(hub.engine) as conn:
        before = conn.execute(select(shop_orders.c.number).where(shop_orders.c.number == number)).first()
    if before is None:  # a repeat was checked against the stock when it was first accepted
        _check_stock(shadows, station_id, station, lines, promised or {})
    if dry_run:
        if promised is not None and before is None:
            for line in lines:
                promised[line["lot_id"]] = promised.get(line["lot_id"], 0) + to_milli(line["quantity"], line["unit"])
        return {**answer, "hub_seq": None, "repeat": before is not None}
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


def _check_stock(shadows: Shadows, station_id: str, station: str, lines: list[dict[str, Any]],
                 promised: dict[str, int]) -> None:
    """Each line's quantity must be on hand at the station, less what its online orders not
    packed yet take (those it has not pulled yet too). Raises LineError."""
    try:
        with shadows.view(station_id) as db:
            wanted_lots = {line["lot_id"] for line in lines}
            on_hand = {r["id"]: int(r["on_hand_m"]) for r in db.rows("SELECT id, on_hand_m FROM consign_lots")
                       if r["id"] in wanted_lots}
            for r in db.rows("SELECT lines FROM online_orders WHERE status = 'new'"):
                for taken in json.loads(r["lines"]):
                    if taken.get("lot_id") in on_hand:
                        with contextlib.suppress(UserError):
                            on_hand[taken["lot_id"]] -= to_milli(str(taken.get("quantity")), str(taken.get("unit") or ""))
    except FoldError as exc:
        raise ValidationError(NO_STOCK_KNOWN, station=station, why=exc.message()) from None
    for i, line in enumerate(lines, 1):
        wanted = to_milli(line["quantity"], line["unit"])
        left = max(0, on_hand.get(line["lot_id"], 0) - promised.get(line["lot_id"], 0))
        if wanted > left:
            raise LineError(i, ValidationError(BEYOND_STOCK, station=station, lot=line["lot_no"], name=line["name"],
                                               left=show_qty(left), unit=line["unit"], wanted=line["quantity"]))


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
        if text in (hub_id, _words(name)):  # （演示） typed as (演示) is the same name
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
    ensure_orders_table(hub.engine)
    with reading(hub.engine) as conn:
        return _progress(conn, _order_row(conn, number))


def cancel_online_order(hub: Hub, number: str, reason: str) -> dict[str, Any]:
    """The county cancels an order: the station hears it as the order with status "cancelled"
    (and the reason). Cancelling again changes nothing. Returns `online_order_status`. Raises
    NotFound, ValidationError (no reason) or Conflict (the station reported it sent)."""
    ensure_orders_table(hub.engine)
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

