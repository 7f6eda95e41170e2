"""What a dashboard page is about: the month or quarter its address asks for (this one when it
asks for none), one station or every station. Nonsense in the address is a `NotFoundPage`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Generic, TypeVar

from fastapi import Request

from station_app.clock import local_day
from station_app.core import reports
from station_app.db import Store
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.health import StationHealth, health_of, station_health
from sync.hub.pages import ZH, NotFoundPage
from sync.hub.shadows import FoldError, Shadows
from sync.hub.store import Hub

T = TypeVar("T")
LEFT_OUT = QT_TRANSLATE_NOOP("dashboard", "Not included on this page:")

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


def year_param(request: Request, hub: Hub) -> int:
    """The `year` the address asks for, this year without one; 400 for nonsense."""
    today = local_day(hub.clock.now())
    text = request.query_params.get("year") or str(today.year)
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise NotFoundPage(translate("dashboard", "'{text}' is not a year from 2000 to 2100").format(text=text[:20]),
                           400)
    return int(text)


def station_row(hub: Hub, station_id: str) -> StationHealth:
    """The station's health (`sync.hub.health`: registered name, village, contact, problems); 404 for none."""
    found = health_of(hub, station_id)
    if found is None:
        raise NotFoundPage("没有这个服务站")
    return found


@dataclass
class PerStation(Generic[T]):
    """What a page collected from one station's shadow, or why it could not (`problem`, Chinese)."""

    station: StationHealth
    rows: list[T]
    problem: str | None = None


def per_station(hub: Hub, shadows: Shadows, collect: Callable[[Store, StationHealth], list[T]]) -> list[PerStation[T]]:
    """`collect(shadow, station)` for every station holding records, in the order of their names.
    A station whose records cannot be folded gets its problem instead: the others still answer."""
    out: list[PerStation[T]] = []
    for s in station_health(hub):
        if not s.acked_seq:
            continue
        try:
            with shadows.view(s.id) as db:
                out.append(PerStation(s, collect(db, s)))
        except FoldError as exc:
            out.append(PerStation(s, [], exc.message()))
    return out


def problem_note(found: list[PerStation[T]]) -> str:
    """The stations left out of a page (HTML), or ""."""
    bad = [f for f in found if f.problem]
    if not bad:
        return ""
    items = "".join(f"<li><b>{escape(f.station.name)}</b>：{escape(f.problem or '')}</li>" for f in bad)
    return (f'<div class="alert"><b>{escape(translate("dashboard", LEFT_OUT))}</b>'
            f'<ul>{items}</ul></div>')
