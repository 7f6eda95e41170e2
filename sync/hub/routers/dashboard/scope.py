"""What a dashboard page is about: the month or quarter its address asks for (this one when it
asks for none), one station or every station. Nonsense in the address is a `NotFoundPage`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import Request

from station_app.clock import local_day
from station_app.core import reports
from station_app.db import Store
from station_app.errors import UserError
from sync.hub.pages import ZH, NotFoundPage
from sync.hub.reports import Shadows
from sync.hub.store import Hub

PAGE_ROWS = 200  # rows of records on one page


def this_month(hub: Hub) -> str:
    return reports.month_of(local_day(hub.clock.now()))


def month_param(request: Request, hub: Hub) -> str:
    """The `month` the address asks for (YYYY-MM), this month without one; 400 for nonsense."""
    text = request.query_params.get("month") or this_month(hub)
    try:
        return reports.month_of(reports.month_days(text)[0])
    except UserError as exc:
        raise NotFoundPage(exc.message(ZH), 400) from None


def quarter_param(request: Request, hub: Hub) -> tuple[str, date, date]:
    """The `quarter` the address asks for (2026Q3), this quarter without one, with its first and
    last day; 400 for nonsense."""
    today = local_day(hub.clock.now())
    text = request.query_params.get("quarter") or f"{today.year}Q{(today.month - 1) // 3 + 1}"
    try:
        first, last = reports.quarter_days(text)
    except UserError as exc:
        raise NotFoundPage(exc.message(ZH), 400) from None
    return f"{first.year}Q{(first.month - 1) // 3 + 1}", first, last


def station_row(hub: Hub, station_id: str) -> dict[str, Any]:
    """The station's row (`Hub.station_rows`: name, village, last sync, warnings); 404 for none."""
    for r in hub.station_rows():
        if r["id"] == station_id:
            return r
    raise NotFoundPage("没有这个服务站")


def per_station(hub: Hub, shadows: Shadows, collect: Callable[[Store, dict[str, Any]], list[list[str]]]
                ) -> list[tuple[dict[str, Any], list[list[str]]]]:
    """`collect(shadow, station row)` for every station, in the hub's order of stations."""
    out = []
    for s in hub.station_rows():
        with shadows.view(s["id"]) as db:
            out.append((s, collect(db, s)))
    return out
