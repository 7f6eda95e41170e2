"""The county's biller list (代缴费项目表) → every station (or one) as `county.biller_catalogue`,
which replaces the station's catalogue of bills it may take (`station_app.core.bills`); the
hub's biller checks payments against the same list (`sync.hub.billers.county_catalogue`).

    station-hub upload biller-list FILE.csv [--station S]     POST /county/uploads/biller-list

One row per product: 单位编号, 缴费单位, 类别 (电费 / 水费 / 话费 / 有线电视 / 医保 / 其他),
项目编号, 项目, 账号名称, 账号位数 ("10-20" or "11"), 校验 (手机号 / 身份证 / empty), 面额(元)
("30/50/100"), 固定金额(元), 最低金额(元), 最高金额(元), 手续费(元), 佣金(万分之), 核对户名
(是 / 否). Like the fee table it replaces the whole list, so it is sent only when every row is
right.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from station_app.clock import local_day
from station_app.core.bills import KINDS, clean_catalogue
from station_app.core.money import format_fen, parse_yuan
from station_app.errors import UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.csv_files import UploadReport, read_table, why
from sync.hub.db import writing
from sync.hub.places import station_target
from sync.hub.store import Hub, publish

BILLER_CATALOGUE = "county.biller_catalogue"
COLUMNS: dict[str, tuple[str, ...]] = {
    "biller_id": ("单位编号", "缴费单位编号", "biller_id"),
    "biller": ("缴费单位", "收费单位", "biller", "biller_name"),
    "kind": ("类别", "业务类别", "kind"),
    "product_id": ("项目编号", "product_id"),
    "product": ("项目", "项目名称", "product", "product_name"),
    "account_label": ("账号名称", "户号名称", "account_label"),
    "digits": ("账号位数", "户号位数", "account_digits", "digits"),
    "check": ("校验", "check"),
    "face_values": ("面额(元)", "面额", "face_values"),
    "fixed": ("固定金额(元)", "固定金额", "fixed_amount"),
    "min": ("最低金额(元)", "最低金额", "min_amount"),
    "max": ("最高金额(元)", "最高金额", "max_amount"),
    "fee": ("手续费(元)", "手续费", "fee"),
    "commission": ("佣金(万分之)", "佣金", "commission_bp"),
    "name_check": ("核对户名", "name_check"),
}
REQUIRED = ("biller_id", "biller", "product_id", "product", "digits")
KIND_NAMES = {"电费": "electricity", "水费": "water", "话费": "phone", "话费充值": "phone", "有线电视": "cable_tv",
              "医保": "health_insurance", "城乡居民医保": "health_insurance", "其他": "other", "": "other"}
CHECKS = {"": "", "手机号": "phone", "身份证": "id_card", "phone": "phone", "id_card": "id_card"}
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
DIGITS = re.compile(r"^(\d{1,2})(?:\s*[-~至到]\s*(\d{1,2}))?$")

BAD_ID = QT_TRANSLATE_NOOP("errors", "{what} '{text}' may only have letters, digits, '.', '-' and '_' (at most 40)")
BAD_KIND = QT_TRANSLATE_NOOP("errors", "Kind '{text}' must be one of 电费, 水费, 话费, 有线电视, 医保, 其他")
BAD_DIGITS = QT_TRANSLATE_NOOP("errors", "Account digits '{text}' must be a number of digits like 11 or a range "
                                         "like 10-20 (1 to 64)")
BAD_CHECK = QT_TRANSLATE_NOOP("errors", "Check '{text}' must be 手机号, 身份证 or empty")
BAD_FACES = QT_TRANSLATE_NOOP("errors", "Face values '{text}' must be amounts in yuan separated by /")
BAD_YES_NO = QT_TRANSLATE_NOOP("errors", "Write 是 or 否 in the {column} column, not '{text}'")
BAD_BP = QT_TRANSLATE_NOOP("errors", "Commission '{text}' must be a whole number of ten-thousandths (0 to 10000)")
BAD_PRODUCT = QT_TRANSLATE_NOOP("errors", "The product cannot be used: {problem}")
SAME_PRODUCT = QT_TRANSLATE_NOOP("errors", "The same product number as line {line}: one row per product")
OTHER_BILLER_NAME = QT_TRANSLATE_NOOP("errors", "Biller {id} is called '{name}' on line {line}: one name per biller")
NOT_SENT = QT_TRANSLATE_NOOP("errors", "The biller list replaces the stations' whole list, so it is sent only when "
                                       "every row is right: fix lines {lines} and upload it again")
PRODUCT = QT_TRANSLATE_NOOP("dashboard", "{biller} {product} ({kind}; account {digits} digits; {amounts}; fee {fee})")


@dataclass(frozen=True)
class BillerRow:
    line: int
    biller_id: str
    biller: str
    product: dict[str, Any]  # as the catalogue payload lists it

    def text(self, spec: dict[str, Any]) -> str:
        digits = (f"{spec['account']['min_len']}" if spec["account"]["min_len"] == spec["account"]["max_len"]
                  else f"{spec['account']['min_len']}-{spec['account']['max_len']}")
        amounts = (format_fen(spec["fixed_amount"]) if spec["fixed_amount"] is not None else
                   " / ".join(format_fen(v) for v in spec["face_values"]) if spec["face_values"] else
                   f"{format_fen(spec['min_fen'])} – {format_fen(spec['max_fen'])}")
        return translate("dashboard", PRODUCT).format(biller=self.biller, product=spec["name"],
                                                      kind=translate("bills", KINDS[spec["kind"]]), digits=digits,
                                                      amounts=amounts, fee=format_fen(spec["fee"]))


def _id(text: str, what: str) -> str:
    if not ID.match(text):
        raise ValidationError(BAD_ID, what=what, text=text)
    return text


def _yes(text: str, column: str) -> bool:
    if text in ("是", "y", "yes", "1", "true", "√"):
        return True
    if text in ("否", "n", "no", "0", "false", "", "×"):
        return False
    raise ValidationError(BAD_YES_NO, column=column, text=text)


def _product(table: Any, cells: list[str]) -> dict[str, Any]:
    kind_text = table.cell(cells, "kind")
    kind = KIND_NAMES.get(kind_text) or (kind_text if kind_text in KINDS else None)
    if kind is None:
        raise ValidationError(BAD_KIND, text=kind_text)
    m = DIGITS.match(table.cell(cells, "digits"))
    low, high = (int(m.group(1)), int(m.group(2) or m.group(1))) if m else (0, 0)
    if not 1 <= low <= high <= 64:
        raise ValidationError(BAD_DIGITS, text=table.cell(cells, "digits"))
    check_text = table.cell(cells, "check")
    if check_text not in CHECKS:
        raise ValidationError(BAD_CHECK, text=check_text)
    check = CHECKS[check_text]
    pattern = {"phone": r"^1[3-9]\d{9}$", "id_card": r"^\d{17}[\dX]$"}.get(check, rf"^\d{{{low},{high}}}$")
    product: dict[str, Any] = {
        "id": _id(table.cell(cells, "product_id"), COLUMNS["product_id"][0]), "name": table.cell(cells, "product"),
        "kind": kind, "account": {"label": table.cell(cells, "account_label") or "账号", "pattern": pattern,
                                  "min_len": low, "max_len": high, "check": check},
        "fee": parse_yuan(table.cell(cells, "fee") or "0"), "name_check": _yes(table.cell(cells, "name_check"),
                                                                               COLUMNS["name_check"][0])}
    faces = table.cell(cells, "face_values")
    if faces:
        try:
            product["face_values"] = [parse_yuan(v, allow_zero=False) for v in re.split(r"[/、,，\s]+", faces) if v]
        except UserError:
            raise ValidationError(BAD_FACES, text=faces) from None
    for key, column in (("fixed_amount", "fixed"), ("min_fen", "min"), ("max_fen", "max")):
        if table.cell(cells, column):
            product[key] = parse_yuan(table.cell(cells, column), allow_zero=False)
    bp = table.cell(cells, "commission") or "0"
    if not bp.isdigit() or int(bp) > 10_000:
        raise ValidationError(BAD_BP, text=bp)
    product["commission_bp"] = int(bp)
    return product


def read_biller_list(data: bytes) -> tuple[list[BillerRow], list[tuple[int, str]]]:
    """The products of a biller list and the rows refused (line, why). Raises FileRefused."""
    table = read_table(data, COLUMNS, REQUIRED)
    rows: list[BillerRow] = []
    refused: list[tuple[int, str]] = []
    products: dict[str, int] = {}
    billers: dict[str, tuple[str, int]] = {}
    for line, cells in table.rows:
        try:
            biller_id = _id(table.cell(cells, "biller_id"), COLUMNS["biller_id"][0])
            biller = table.cell(cells, "biller")
            if biller_id in billers and billers[biller_id][0] != biller:
                raise ValidationError(OTHER_BILLER_NAME, id=biller_id, name=billers[biller_id][0],
                                      line=billers[biller_id][1])
            product = _product(table, cells)
            if product["id"] in products:
                raise ValidationError(SAME_PRODUCT, line=products[product["id"]])
            _, problems = clean_catalogue({"billers": [{"id": biller_id, "name": biller, "products": [product]}]})
            if problems:
                raise ValidationError(BAD_PRODUCT, problem=problems[0].split(": ", 1)[-1])
        except UserError as exc:
            refused.append((line, why(exc)))
            continue
        products[product["id"]] = line
        billers.setdefault(biller_id, (biller, line))
        rows.append(BillerRow(line, biller_id, biller, product))
    return rows, refused


def catalogue_payload(rows: list[BillerRow], version: str) -> dict[str, Any]:
    """The `county.biller_catalogue` payload: billers in the file's order, each with its products."""
    billers: dict[str, dict[str, Any]] = {}
    for r in rows:
        billers.setdefault(r.biller_id, {"id": r.biller_id, "name": r.biller, "kind": r.product["kind"],
                                         "products": []})["products"].append(r.product)
    return {"version": version, "billers": list(billers.values())}


def publish_biller_list(hub: Hub, data: bytes, *, station: str | None = None, dry_run: bool = False) -> UploadReport:
    """Send the biller list to every station (or `station`). Raises FileRefused or
    ValidationError (an unknown station; rows refused, when not `dry_run`: nothing is sent)."""
    rows, refused = read_biller_list(data)
    station_id, name = station_target(hub, station)
    version = f"{local_day(hub.clock.now()).isoformat()}-{hashlib.sha256(data).hexdigest()[:8]}"
    payload = catalogue_payload(rows, version)
    specs = {s["id"]: s for s in clean_catalogue(payload)[0]}
    report = UploadReport(sent=[(r.line, name, r.text(specs[r.product["id"]])) for r in rows], refused=refused)
    if dry_run or not rows:
        return report
    if refused:
        raise ValidationError(NOT_SENT, lines="、".join(str(n) for n, _ in refused))
    with writing(hub.engine) as conn:
        publish(conn, BILLER_CATALOGUE, version, payload, station_id, hub.now())
    return report
