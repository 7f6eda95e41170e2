"""The county's administrative villages and the administrative-division codes of places
(GB/T 2260): which villages a station serves, which are poor villages, and whether a parcel's
destination lies inside the county (never subsidised, whatever is ticked).

The villages arrive from the hub (`county.villages`, the county's import: 12-digit village code,
name, township, poor-village flag, and which of them this station serves). The county's own
code is the county setting `subsidy.county_code` (6 digits), else the first six digits of the
villages' codes.

A destination is a 6-digit code: a province (`PROVINCES`, `XX0000`), or a county-level code
typed or picked at the counter. A parcel to another province is out of the county whatever
its county; one to this province needs the county-level code to tell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from station_app.core import settings
from station_app.core.events import Event
from station_app.db import Store
from station_app.db.store import Row
from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP

#: GB/T 2260 provinces (省级行政区), by code
PROVINCES: dict[str, str] = {
    "110000": "北京市", "120000": "天津市", "130000": "河北省", "140000": "山西省", "150000": "内蒙古自治区",
    "210000": "辽宁省", "220000": "吉林省", "230000": "黑龙江省", "310000": "上海市", "320000": "江苏省",
    "330000": "浙江省", "340000": "安徽省", "350000": "福建省", "360000": "江西省", "370000": "山东省",
    "410000": "河南省", "420000": "湖北省", "430000": "湖南省", "440000": "广东省", "450000": "广西壮族自治区",
    "460000": "海南省", "500000": "重庆市", "510000": "四川省", "520000": "贵州省", "530000": "云南省",
    "540000": "西藏自治区", "610000": "陕西省", "620000": "甘肃省", "630000": "青海省", "640000": "宁夏回族自治区",
    "650000": "新疆维吾尔自治区", "710000": "台湾省", "810000": "香港特别行政区", "820000": "澳门特别行政区",
}
_CODE = re.compile(r"^\d{6}$")
# what ends a township, county or city written before a village's name
_BEFORE_VILLAGE = ("街道", "办事处", "镇", "乡", "县", "区", "市", "省")

BAD_CODE = QT_TRANSLATE_NOOP("errors", "'{code}' is not an administrative-division code: 6 digits, the first two a "
                                       "province (e.g. 440000 for Guangdong, or a county's own code)")
NEED_COUNTY = QT_TRANSLATE_NOOP("errors", "The destination is in this county's own province: give its county's code "
                                          "(6 digits), not the province's")


@dataclass(frozen=True)
class Village:
    code: str  # 12 digits (GB/T 2260 county + township + village)
    name: str
    township: str
    poor: bool
    own: bool  # this station serves it (the county linked it)


def _village(r: Row) -> Village:
    return Village(str(r["code"]), str(r["name"]), str(r["township"]), bool(r["poor"]), bool(r["own"]))


def villages(db: Store) -> list[Village]:
    """The county's villages as the hub sent them, by code."""
    return [_village(r) for r in db.rows("SELECT * FROM villages ORDER BY code")]


def own_villages(db: Store) -> list[Village]:
    """The villages this station serves (the county's link)."""
    return [_village(r) for r in db.rows("SELECT * FROM villages WHERE own = 1 ORDER BY code")]


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def name_forms(text: str) -> list[str]:
    """A place name as written, then without each township/county written before it, each with
    and without 村 ("城关镇青山村" → 城关镇青山村, 青山村, 青山)."""
    key = _key(text)
    tails = [key] + [key[i:] for i in range(1, len(key) - 1) if key[:i].endswith(_BEFORE_VILLAGE)]
    out: list[str] = []
    for rest in tails:
        for form in (rest, rest + "村", rest[:-1] if rest.endswith("村") and len(rest) > 2 else ""):
            if form and form not in out:
                out.append(form)
    return out


def find_village(db: Store, text: str) -> Village | None:
    """The county village a person's or station's village text names (None: none, or several)."""
    forms = name_forms(text)
    if not forms:
        return None
    marks = ",".join("?" * len(forms))
    rows = db.rows(f"SELECT * FROM villages WHERE name IN ({marks}) ORDER BY code", forms)
    for form in forms:
        hits = [r for r in rows if r["name"] == form]
        if len(hits) == 1:
            return _village(hits[0])
        if len(hits) > 1:  # the same name in two townships: a township written before it decides
            township = [r for r in hits if str(r["township"]) and _key(text).startswith(_key(str(r["township"])))]
            return _village(township[0]) if len(township) == 1 else None
    return None


def county_code(db: Store) -> str:
    """The county's own 6-digit code: the county's setting, else what its villages' codes say ("")."""
    code = str(settings.get(db, "subsidy.county_code") or "").strip()
    if _CODE.match(code):
        return code
    found = db.value("SELECT substr(code, 1, 6) FROM villages ORDER BY code LIMIT 1")
    return str(found) if found else ""


def check_division_code(db: Store, text: str) -> str:
    """A destination's 6-digit code as typed (a province's XX0000, or a county's). Raises
    ValidationError for anything else, and for this county's own province given as a province
    (the county decides whether it is inside)."""
    code = "".join((text or "").split())
    if not _CODE.match(code) or code[:2] + "0000" not in PROVINCES:
        raise ValidationError(BAD_CODE, code=code or "-")
    own = county_code(db)
    if own and code == own[:2] + "0000" and own[:2] not in ("11", "12", "31", "50"):
        raise ValidationError(NEED_COUNTY)
    return code


def inside_county(db: Store, code: str | None) -> bool | None:
    """Is the destination inside this county? None when it cannot be told (no code, or the county
    has not set its own). A municipality's district counts as a county."""
    own = county_code(db)
    if not code or not own:
        return None
    return code == own


def division_name(db: Store, code: str | None) -> str:
    """What a destination code is called at the counter: the province, or 本县 for the county's own."""
    if not code:
        return ""
    if code == county_code(db):
        return "本县"
    province = PROVINCES.get(code[:2] + "0000", "")
    return province if code.endswith("0000") else f"{province} {code}"


# -- the hub's village list ----------------------------------------------------------------------


def _county_villages(db: Store, ev: Event) -> None:
    """The county's village list replaces the one held; rows it cannot read are skipped."""
    rows = []
    own = {str(c) for c in ev.payload.get("own") or []}
    for v in ev.payload.get("villages") or []:
        try:
            code, name = str(v["code"]), str(v["name"])
        except (KeyError, TypeError):
            continue
        if code and name:
            rows.append((code, name, str(v.get("township") or ""), int(bool(v.get("poor"))), int(code in own),
                         ev.entity_id))
    db.execute("DELETE FROM villages")
    for row in rows:
        db.execute("INSERT OR REPLACE INTO villages (code, name, township, poor, own, hub_ref) VALUES (?, ?, ?, ?, ?, ?)",
                   row)


APPLY = {"county.villages": _county_villages}
