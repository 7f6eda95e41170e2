"""A station's part of the national indicators the county reports monthly to the 农村电子商务和社区
商业信息系统 (东港/石城/曲靖): the hub adds the stations' parts up (`sync.hub.indicators`).

- 农村网络零售额 (rural online retail): what villagers sold online and sent from the station (the
  goods' value of outgoing parcels, `outbound.goods_value_fen`), plus consignment sold through the
  county's online shop (net of returns);
- 农产品网络零售额 (farm-produce online retail): the same, farm produce only (outgoing parcels
  marked farm produce; consignment of fresh or processed food, not handicraft);
- parcels in and out, training person-times, register households served, delivery hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from station_app.core import register, reports, training
from station_app.core.consignment.lots import CRAFT
from station_app.db import Store


@dataclass(frozen=True)
class StationMonth:
    online_retail_fen: int
    farm_online_retail_fen: int
    parcels_in: int
    parcels_out: int
    person_times: int
    register_households: frozenset[str]  # household numbers of the register served
    delivery_hours: tuple[float, ...]  # county dispatch to arrival, one per parcel with a dispatch time


def station_month(db: Store, first: date, last: date) -> StationMonth:
    """The station's part of the national indicators for the days given."""
    a, b = reports.utc_bounds(first, last)
    out = db.row("SELECT coalesce(sum(goods_value_fen), 0) AS v, coalesce(sum(CASE WHEN farm_produce = 1 THEN "
                 "goods_value_fen ELSE 0 END), 0) AS farm, count(*) AS n FROM outbound_parcels "
                 "WHERE taken_at >= ? AND taken_at < ? AND status != 'cancelled'", (a, b))
    # moves carry returns as negative amounts
    online = db.row("SELECT coalesce(sum(amount), 0) AS v, coalesce(sum(CASE WHEN category = ? THEN 0 ELSE amount END), 0) "
                    "AS farm FROM consign_moves WHERE channel = 'online' AND voided = 0 AND day BETWEEN ? AND ?",
                    (CRAFT, first.isoformat(), last.isoformat()))
    assert out is not None and online is not None  # aggregates: always one row
    member_of = dict(register.members_here(db))
    served = frozenset(member_of[who] for who, _, _ in reports.served(db, first, last) if who in member_of)
    hours, _ = reports.delivery_hours(db, first, last)
    arrived = int(db.value("SELECT count(*) FROM parcels WHERE arrived_at >= ? AND arrived_at < ?", (a, b), default=0))
    return StationMonth(int(out["v"]) + int(online["v"]), int(out["farm"]) + int(online["farm"]), arrived,
                        int(out["n"]), training.figures(db, first, last).person_times, served, tuple(hours))
