"""The biller catalogue: what the station may take payments for (county-owned; a built-in one
until the county sends its own), and reading a county catalogue safely.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from station_app.core.money import format_fen
from station_app.db import Store
from station_app.errors import NotFound
from station_app.i18n import QT_TRANSLATE_NOOP

KINDS: dict[str, str] = {
    "electricity": QT_TRANSLATE_NOOP("bills", "Electricity"),
    "water": QT_TRANSLATE_NOOP("bills", "Water"),
    "phone": QT_TRANSLATE_NOOP("bills", "Phone top-up"),
    "cable_tv": QT_TRANSLATE_NOOP("bills", "Cable TV"),
    "health_insurance": QT_TRANSLATE_NOOP("bills", "Rural health insurance"),
    "other": QT_TRANSLATE_NOOP("bills", "Other"),
}


def _phone_rule() -> dict[str, Any]:
    return {"label": "手机号码", "pattern": r"^1[3-9]\d{9}$", "min_len": 11, "max_len": 11, "check": "phone"}


def _top_up(biller_id: str, name: str) -> dict[str, Any]:
    return {"id": biller_id, "name": name, "kind": "phone", "products": [
        {"id": f"{biller_id}.topup", "name": "话费充值", "account": _phone_rule(),
         "face_values": [3000, 5000, 10000, 20000], "fee": 0, "commission_bp": 50, "name_check": False}]}


DEFAULT_CATALOGUE: dict[str, Any] = {"version": "built-in", "billers": [
    {"id": "sgcc", "name": "国家电网", "kind": "electricity", "products": [
        {"id": "sgcc.power", "name": "电费", "account": {"label": "电费户号", "pattern": r"^\d{10,20}$", "min_len": 10,
                                                      "max_len": 20},
         "min_fen": 100, "max_fen": 500_000, "fee": 0, "commission_bp": 20, "name_check": True}]},
    {"id": "csg", "name": "南方电网", "kind": "electricity", "products": [
        {"id": "csg.power", "name": "电费", "account": {"label": "电费户号", "pattern": r"^\d{10,20}$", "min_len": 10,
                                                     "max_len": 20},
         "min_fen": 100, "max_fen": 500_000, "fee": 0, "commission_bp": 20, "name_check": True}]},
    {"id": "water", "name": "县自来水公司", "kind": "water", "products": [
        {"id": "water.bill", "name": "水费", "account": {"label": "水费户号", "pattern": r"^\d{6,12}$", "min_len": 6,
                                                      "max_len": 12},
         "min_fen": 100, "max_fen": 200_000, "fee": 100, "commission_bp": 0, "name_check": True}]},
    _top_up("cmcc", "中国移动"),
    _top_up("cucc", "中国联通"),
    _top_up("ctcc", "中国电信"),
    {"id": "catv", "name": "广电有线电视", "kind": "cable_tv", "products": [
        {"id": "catv.fee", "name": "收视费", "account": {"label": "智能卡号", "pattern": r"^\d{8,16}$", "min_len": 8,
                                                      "max_len": 16},
         "min_fen": 1_000, "max_fen": 100_000, "fee": 100, "commission_bp": 0, "name_check": True}]},
    {"id": "nhis", "name": "城乡居民医保", "kind": "health_insurance", "products": [
        {"id": "nhis.annual", "name": "年度个人缴费", "account": {"label": "参保人身份证号", "pattern": r"^\d{17}[\dX]$",
                                                            "min_len": 18, "max_len": 18, "check": "id_card"},
         "fixed_amount": 38_000, "fee": 0, "commission_bp": 0, "name_check": True}]},
]}


@dataclass(frozen=True)
class AccountRule:
    label: str
    pattern: str
    min_len: int
    max_len: int
    check: str = ""  # "", "phone" or "id_card"


@dataclass(frozen=True)
class Product:
    id: str
    biller_id: str
    biller_name: str
    kind: str
    name: str
    rule: AccountRule
    face_values: tuple[int, ...] = ()
    fixed_amount: int | None = None
    min_fen: int = 1
    max_fen: int = 500_000
    fee: int = 0
    commission_bp: int = 0  # what the county pays the station per paid bill, in 1/10000 of the amount
    name_check: bool = False

    @property
    def label(self) -> str:
        return f"{self.biller_name} {self.name}"

    def amount_hint(self) -> str:
        if self.fixed_amount is not None:
            return format_fen(self.fixed_amount)
        if self.face_values:
            return " / ".join(format_fen(v) for v in self.face_values)
        return f"{format_fen(self.min_fen)} – {format_fen(self.max_fen)}"


@dataclass(frozen=True)
class Catalogue:
    version: str
    from_county: bool
    products: tuple[Product, ...]
    received_at: str | None = None
    skipped: int = 0  # products of the county's catalogue that were not usable

    def product(self, product_id: str) -> Product:
        for p in self.products:
            if p.id == product_id:
                return p
        raise NotFound(QT_TRANSLATE_NOOP("errors", "No biller product {product} in the catalogue"), product=product_id)


def clean_catalogue(payload: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """The usable products of a catalogue payload as flat specs, and what was wrong with the rest.
    Deterministic (it runs inside the catalogue applier)."""
    specs: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    billers = payload.get("billers")
    for biller in billers if isinstance(billers, list) else []:
        if not isinstance(biller, dict):
            problems.append("a biller is not an object")
            continue
        for product in biller.get("products") or []:
            try:
                spec = _clean_product(biller, product)
            except (TypeError, ValueError, KeyError, re.error) as exc:
                problems.append(f"{biller.get('id')}/{product.get('id') if isinstance(product, dict) else '?'}: {exc}")
                continue
            if spec["id"] in seen:
                problems.append(f"{spec['id']}: listed twice")
                continue
            seen.add(spec["id"])
            specs.append(spec)
    return specs, problems


def _int(value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{what} must be a whole number from {low} to {high}")
    return value


def _clean_product(biller: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
    text = {k: str(v).strip() for k, v in (("biller_id", biller["id"]), ("biller", biller["name"]), ("id", p["id"]),
                                           ("name", p["name"]))}
    if not all(text.values()):
        raise ValueError("ids and names are required")
    kind = p.get("kind") or biller.get("kind") or "other"
    acc = p["account"]
    pattern, check = str(acc["pattern"]), str(acc.get("check") or "")
    low_len, high_len = _int(acc.get("min_len", 1), 1, 64, "min_len"), _int(acc.get("max_len", 64), 1, 64, "max_len")
    re.compile(pattern)
    if low_len > high_len or check not in ("", "phone", "id_card"):
        raise ValueError("bad account rule")
    rule = {"label": str(acc.get("label") or "账号"), "pattern": pattern, "min_len": low_len, "max_len": high_len,
            "check": check}
    face = [_int(v, 1, 100_000_000, "face value") for v in p.get("face_values") or []]
    fixed = p.get("fixed_amount")
    if fixed is not None:
        fixed = _int(fixed, 1, 100_000_000, "fixed_amount")
    low = _int(p.get("min_fen", min(face or [fixed or 1])), 1, 100_000_000, "min_fen")
    high = _int(p.get("max_fen", max(face or [fixed or 500_000])), low, 100_000_000, "max_fen")
    if any(not low <= v <= high for v in face) or (fixed is not None and not low <= fixed <= high):
        raise ValueError("a face value or the fixed amount is outside the limits")
    return {**text, "kind": kind if kind in KINDS else "other", "account": rule, "face_values": sorted(set(face)),
            "fixed_amount": fixed, "min_fen": low, "max_fen": high, "fee": _int(p.get("fee", 0), 0, 100_000, "fee"),
            "commission_bp": _int(p.get("commission_bp", 0), 0, 10_000, "commission_bp"),
            "name_check": bool(p.get("name_check", False))}


def product_from_spec(spec: dict[str, Any]) -> Product:
    return Product(id=spec["id"], biller_id=spec["biller_id"], biller_name=spec["biller"], kind=spec["kind"],
                   name=spec["name"], rule=AccountRule(**spec["account"]), face_values=tuple(spec["face_values"]),
                   fixed_amount=spec["fixed_amount"], min_fen=spec["min_fen"], max_fen=spec["max_fen"], fee=spec["fee"],
                   commission_bp=spec["commission_bp"], name_check=spec["name_check"])


DEFAULT_PRODUCTS = tuple(product_from_spec(s) for s in clean_catalogue(DEFAULT_CATALOGUE)[0])


def catalogue(db: Store) -> Catalogue:
    """The county's catalogue when it has sent one, else the built-in default (say so on screen)."""
    head = db.row("SELECT * FROM bill_catalogue WHERE id = 1")
    if head is None:
        return Catalogue("built-in", False, DEFAULT_PRODUCTS)
    products = tuple(product_from_spec(json.loads(r["spec"])) for r in db.rows("SELECT spec FROM bill_products ORDER BY sort"))
    return Catalogue(head["version"], True, products, head["received_at"], head["skipped"])
