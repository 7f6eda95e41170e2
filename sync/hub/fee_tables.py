"""The county's parcel fee table (快递收费标准) → every station (or one) as `county.fee_table`,
which replaces the table in force there (`station_app.core.outbound`).

    station-hub upload fee-table FILE.csv [--station S]     POST /county/uploads/fee-table

One row per carrier and zone: 快递公司, 区域 (县内 / 县外 / 不分), 首重(克), 首重价格(元),
续重(克), 续重价格(元). Because the table replaces the station's whole table, a file with any
row refused is not sent at all: fix the lines named and upload it again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from station_app.core.carriers import CARRIERS
from station_app.core.money import format_fen, parse_yuan
from station_app.core.outbound import ANY_ZONE, IN_COUNTY, OUT_OF_COUNTY
from station_app.core.parcels import carrier_name
from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.csv_files import UploadReport, read_table, why
from sync.hub.db import writing
from sync.hub.manifest import carrier_code
from sync.hub.places import station_target
from sync.hub.store import Hub, publish

FEE_TABLE = "county.fee_table"
COLUMNS: dict[str, tuple[str, ...]] = {
    "carrier": ("快递公司", "快递", "承运商", "carrier"),
    "zone": ("区域", "范围", "寄达地", "zone"),
    "first_g": ("首重(克)", "首重", "首重克", "first_weight_g", "first_g"),
    "first_fen": ("首重价格(元)", "首重价格", "首重费", "first_price", "first_yuan"),
    "extra_g": ("续重(克)", "续重", "续重克", "extra_weight_g", "extra_g"),
    "extra_fen": ("续重价格(元)", "续重价格", "续重费", "extra_price", "extra_yuan"),
}
REQUIRED = ("carrier", "first_g", "first_fen", "extra_g", "extra_fen")
ZONES = {"县内": IN_COUNTY, "县外": OUT_OF_COUNTY, "不分": ANY_ZONE, "全部": ANY_ZONE, "": ANY_ZONE,
         "in": IN_COUNTY, "out": OUT_OF_COUNTY, "any": ANY_ZONE}
ZONE_NAMES = {IN_COUNTY: "县内", OUT_OF_COUNTY: "县外", ANY_ZONE: "不分区域"}

UNKNOWN_CARRIER = QT_TRANSLATE_NOOP("errors", "Carrier '{text}' is not one the stations know")
BAD_ZONE = QT_TRANSLATE_NOOP("errors", "Zone '{text}' must be 县内, 县外 or 不分")
BAD_WEIGHT = QT_TRANSLATE_NOOP("errors", "{what} '{text}' must be whole grams from 1 to 100000")
SAME_RULE = QT_TRANSLATE_NOOP("errors", "The same carrier and zone as line {line}: one row each")
NOT_SENT = QT_TRANSLATE_NOOP("errors", "The fee table replaces the stations' whole table, so it is sent only when "
                                       "every row is right: fix lines {lines} and upload it again")
RULE = QT_TRANSLATE_NOOP("dashboard", "{carrier} {zone}: first {first_g} g {first}, then {extra} per {extra_g} g")


@dataclass(frozen=True)
class FeeRow:
    line: int
    carrier: str
    zone: str
    first_g: int
    first_fen: int
    extra_g: int
    extra_fen: int

    def payload(self) -> dict[str, object]:
        return {"carrier": self.carrier, "zone": self.zone, "first_weight_g": self.first_g,
                "first_fen": self.first_fen, "extra_weight_g": self.extra_g, "extra_fen": self.extra_fen}

    def text(self) -> str:
        return translate("dashboard", RULE).format(
            carrier=carrier_name(self.carrier), zone=ZONE_NAMES[self.zone], first_g=self.first_g,
            first=format_fen(self.first_fen), extra=format_fen(self.extra_fen), extra_g=self.extra_g)


def _grams(text: str, what: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 100_000:
        raise ValidationError(BAD_WEIGHT, what=what, text=text)
    return int(text)


def read_fee_table(data: bytes) -> tuple[list[FeeRow], list[tuple[int, str]]]:
    """The rows of a fee table and the rows refused (line, why). Raises FileRefused."""
    table = read_table(data, COLUMNS, REQUIRED)
    rows: list[FeeRow] = []
    refused: list[tuple[int, str]] = []
    first: dict[tuple[str, str], int] = {}
    for line, cells in table.rows:
        try:
            text = table.cell(cells, "carrier")
            carrier = carrier_code(text)
            if carrier not in CARRIERS:
                raise ValidationError(UNKNOWN_CARRIER, text=text)
            zone_text = table.cell(cells, "zone")
            zone = ZONES.get(zone_text.lower() if zone_text.isascii() else zone_text)
            if zone is None:
                raise ValidationError(BAD_ZONE, text=zone_text)
            if (carrier, zone) in first:
                raise ValidationError(SAME_RULE, line=first[(carrier, zone)])
            row = FeeRow(line, carrier, zone, _grams(table.cell(cells, "first_g"), COLUMNS["first_g"][0]),
                         parse_yuan(table.cell(cells, "first_fen")),
                         _grams(table.cell(cells, "extra_g"), COLUMNS["extra_g"][0]),
                         parse_yuan(table.cell(cells, "extra_fen")))
        except UserError as exc:
            refused.append((line, why(exc)))
            continue
        first[(carrier, zone)] = line
        rows.append(row)
    return rows, refused


def publish_fee_table(hub: Hub, data: bytes, *, station: str | None = None, dry_run: bool = False) -> UploadReport:
    """Send the fee table to every station (or `station`, its id or name). Raises FileRefused or
    ValidationError (an unknown station; rows refused, when not `dry_run`: nothing is sent)."""
    rows, refused = read_fee_table(data)
    station_id, name = station_target(hub, station)
    report = UploadReport(sent=[(r.line, name, r.text()) for r in rows], refused=refused)
    if dry_run or not rows:
        return report
    if refused:
        raise ValidationError(NOT_SENT, lines="、".join(str(n) for n, _ in refused))
    entity = "fees-" + hashlib.sha256(data).hexdigest()[:12]
    with writing(hub.engine) as conn:
        publish(conn, FEE_TABLE, entity, {"fees": [r.payload() for r in rows]}, station_id, hub.now())
    return report
