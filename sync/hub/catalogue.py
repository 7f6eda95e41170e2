"""The county's proxy-purchase catalogue (代购目录), sent down to every station as
`county.catalogue_item` (`station_app.core.proxy_orders` folds it at the station).

    station-hub import-catalogue FILE [--partial]   POST /county/catalogue (the CSV as body)

A CSV as county staff keep it (UTF-8 with or without BOM, or GBK; Chinese or English column
names, `COLUMNS`), prices in yuan read exactly into fen. An item keeps its id for ever: its
编号 when the file has one, else one made from its name and spec. Only items whose content
differs from what the hub last sent (`shop_catalogue`) go down, so the same file imported
again sends nothing. A file is the whole catalogue: an item sent before and missing from it
is withdrawn (sent again with `active` false), unless the import is `partial` (adds and
changes only) or some rows were refused, since a mistyped row must not withdraw its item
(fix it and import again). A file with the wrong columns is refused whole; a bad row is
reported by its line number, in Chinese and English, and the good rows are imported.
"""

import csv
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)

from station_app.core.events import canonical
from station_app.core.money import parse_yuan
from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from sync.hub import manifest
from sync.hub.db import reading, writing
from sync.hub.manifest import column_key
from sync.hub.service_db import ensure_once
from sync.hub.store import Hub, publish

CATALOGUE_ITEM = "county.catalogue_item"
MAX_CSV = 5_000_000  # bytes: a county catalogue is a few hundred rows

metadata = MetaData()

# what the hub last sent of each catalogue item: an import sends only what differs
shop_catalogue = Table(
    "shop_catalogue", metadata,
    Column("item_id", String(40), primary_key=True),
    Column("payload", Text, nullable=False),  # canonical JSON, as sent
    Column("hub_seq", BigInteger, nullable=False),
    Column("updated_at", String(30), nullable=False),
)

def ensure_catalogue_table(engine: Engine) -> None:
    """Create `shop_catalogue` if missing (once per engine and process)."""
    ensure_once(engine, metadata)


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
    # farm inputs (农资): the kind and the producer, for the trace chain at the station's sale
    "farm_kind": ("农资类别", "农资种类", "类别", "farm_kind", "kind"),
    "producer": ("生产企业", "生产厂家", "厂家", "producer", "manufacturer"),
}
#: what a catalogue may write for a farm input's kind -> `proxy_orders.FARM_KINDS`
FARM_KIND_WORDS = {"种子": "seed", "种苗": "seed", "seed": "seed", "化肥": "fertiliser", "肥料": "fertiliser",
                   "fertiliser": "fertiliser", "fertilizer": "fertiliser", "农药": "pesticide", "pesticide": "pesticide",
                   "油料": "fuel", "燃油": "fuel", "柴油": "fuel", "fuel": "fuel"}
REQUIRED = ("name", "unit", "price")
_ALIASES = {column_key(name): f for f, names in COLUMNS.items() for name in names}
YES, NO = {"是", "y", "yes", "true", "1", "√", "✓"}, {"否", "n", "no", "false", "0", "×"}
STOPPED, SELLING = {"停售", "下架"}, {"在售", "上架"}
ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")

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
BAD_FARM_KIND = QT_TRANSLATE_NOOP("errors", "'{text}' is not a kind of farm input: write 种子, 化肥, 农药 or 油料 "
                                            "(or leave it empty)")


class CatalogueError(ValidationError):
    """The whole file is refused: nothing was imported."""


@dataclass(frozen=True)
class Refused:
    """A row left out, and why, in English and Chinese."""

    line: int
    en: str
    zh: str

    @classmethod
    def of(cls, line: int, exc: UserError) -> "Refused":
        return cls(line, exc.message("en"), exc.message("zh_CN"))


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
    farm_kind: str = ""
    producer: str = ""

    @property
    def payload(self) -> dict[str, Any]:
        """The `county.catalogue_item` payload the station folds (a farm input's kind and
        producer only when it is one, so an item that is not sends what it always sent)."""
        out: dict[str, Any] = {"name": self.name, "spec": self.spec, "unit": self.unit, "price": self.price,
                               "supplier": self.supplier, "active": self.active}
        if self.farm_kind:
            out |= {"farm_kind": self.farm_kind, "producer": self.producer}
        return out


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
    kind_text = _cell(cells, cols, "farm_kind")
    farm_kind = FARM_KIND_WORDS.get(kind_text.lower(), "") if kind_text else ""
    if kind_text and not farm_kind:
        raise ValidationError(BAD_FARM_KIND, text=kind_text)
    producer = _short(_cell(cells, cols, "producer"), 60, COLUMNS["producer"][0])
    return CatalogueRow(line, item_id(_cell(cells, cols, "id"), name, spec), name, spec, unit, price, supplier,
                        _active(cells, cols, header), farm_kind, producer)


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


def import_catalogue(hub: Hub, data: bytes, *, partial: bool = False, dry_run: bool = False) -> CatalogueReport:
    """Send what changed in the county catalogue to every station (`county.catalogue_item`;
    `dry_run`: only say what would change). Items the hub sent before and the file leaves out
    are withdrawn, unless `partial` or some rows were refused (see the module's docstring).
    Raises CatalogueError (nothing imported)."""
    ensure_catalogue_table(hub.engine)
    rows, refused = read_catalogue(data)
    report = CatalogueReport(refused=refused)
    now = hub.now()
    with (reading if dry_run else writing)(hub.engine) as conn:
        sent = {r.item_id: json.loads(r.payload) for r in conn.execute(select(shop_catalogue))}

        def send(item: str, payload: dict[str, Any]) -> None:
            if dry_run:
                return
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

