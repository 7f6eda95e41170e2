"""County operations under /county, for machine clients of county staff (HTTP Basic; the
dashboard does the same through its pages and `station-hub` on the command line, all through
the same functions). Reading needs any staff role, changing anything a county admin; every
change is in the audit log.

    POST /county/uploads/{kind}?station=&filename=&dry_run=   the file as the body (text/csv or
                                                              application/json): previewed, then
                                                              applied once (`sync.hub.uploads`)
    GET  /county/uploads/{kind}/{key}                         an upload and what applying did
    POST /county/uploads/{kind}/{key}/apply                   apply a previewed upload
    POST /county/notices                                      {"title", "text", "station", "until"}
    GET  /county/targets  POST /county/targets                {"key", "value", "station"}
    POST /county/months/{month}/close  GET /county/months/{month}
    GET  /county/stations                                     every station's health
    GET  /county/digest?day=YYYY-MM-DD                        the daily digest
    POST /county/catalogue                                    the catalogue CSV as the body (?partial=true)
    POST /county/online-orders                                one order (JSON)
    POST /county/online-orders/{number}/cancel                {"reason": ...}
    GET  /county/online-orders/{number}                       where the order is
    POST /county/service-categories                           {"categories": [{"code", "name"}, ...]}
    GET  /county/notices/posted                               which stations posted each notice
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from starlette.concurrency import run_in_threadpool

from station_app.clock import local_day
from station_app.errors import Conflict, NotFound, UserError, ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP
from sync import protocol as p
from sync.hub import audit, digest, month_close, notices, station_services, targets, uploads
from sync.hub.auth import ApiAdmin, ApiReader
from sync.hub.catalogue import MAX_CSV, import_catalogue
from sync.hub.county_report import county_month
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.health import station_health
from sync.hub.online_orders import accept_online_order, cancel_online_order, online_order_status
from sync.hub.store import HubError

router = APIRouter(tags=["county staff"])
BAD_DAY = QT_TRANSLATE_NOOP("errors", "'{text}' is not a day: write it like 2026-11-23")


def refusal(exc: UserError) -> HubError:
    """A person's error as the hub's JSON refusal, with the message in both languages."""
    status, code = ((404, "not_found") if isinstance(exc, NotFound) else (409, "conflict") if isinstance(exc, Conflict)
                    else (400, p.MALFORMED))
    return HubError(status, code, exc.message("en"), message_zh=exc.message("zh_CN"))


def answer(work: Callable[[], Any]) -> Any:
    """What `work` returns; a person's error in it as the hub's refusal."""
    try:
        return work()
    except UserError as exc:
        raise refusal(exc) from None


async def _body(request: Request, limit: int) -> bytes:
    data = await request.body()
    if len(data) > limit:
        raise HubError(413, p.TOO_LARGE, f"the file may be at most {limit} bytes")
    return data


_FILE = {"requestBody": {"required": True, "description": "the file (CSV, UTF-8 or GBK; orders: JSON)",
                         "content": {"text/csv": {"schema": {"type": "string"}},
                                     "application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}}}


@router.post("/county/uploads/{kind}", openapi_extra=_FILE)
async def post_upload(request: Request, kind: str, who: ApiAdmin, shadows: ShadowsDep, station: str = "",
                      filename: str = "", dry_run: bool = False) -> dict[str, Any]:
    """Check a county file and (unless `dry_run`) send it to the stations, once."""
    data = await _body(request, uploads.MAX_UPLOAD)
    found, now = await run_in_threadpool(answer, lambda: uploads.upload(
        shadows, kind, data, filename=filename or f"{kind}{uploads.kind_of(kind).suffix}", who=who,
        station=station or None, dry_run=dry_run))
    return {**found.as_dict(), "applied_now": now}


@router.get("/county/uploads/{kind}/{key}")
def get_upload(kind: str, key: str, _who: ApiReader, shadows: ShadowsDep) -> dict[str, Any]:
    """An upload: what it sends (or sent), what was refused, when and by whom."""
    found: uploads.Preview = answer(lambda: uploads.stored(shadows, kind, key))
    return found.as_dict()


@router.post("/county/uploads/{kind}/{key}/apply")
def apply_upload(kind: str, key: str, who: ApiAdmin, shadows: ShadowsDep) -> dict[str, Any]:
    """Send a previewed upload to the stations (once: again answers what the first time did)."""
    found, now = answer(lambda: uploads.apply(shadows, kind, key, who=who))
    return {**found.as_dict(), "applied_now": now}


@router.post("/county/notices")
def post_notice(who: ApiAdmin, hub: HubDep, title: Annotated[str, Body()], text: Annotated[str, Body()],
                station: Annotated[str, Body()] = "", until: Annotated[str, Body()] = "") -> dict[str, Any]:
    """Send a notice to every station (or one)."""
    return dataclasses.asdict(answer(lambda: notices.publish_notice(hub, title=title, text=text, who=who,
                                                                    station=station or None, until=until)))


@router.get("/county/targets")
def get_targets(_who: ApiReader, hub: HubDep) -> list[dict[str, Any]]:
    """Every county setting: its default, the county-wide value and each station's own."""
    return [dataclasses.asdict(v) for v in targets.values(hub)]


@router.post("/county/targets")
def post_target(who: ApiAdmin, hub: HubDep, key: Annotated[str, Body()], value: Annotated[Any, Body()],
                station: Annotated[str, Body()] = "") -> dict[str, int]:
    """Set a target or county setting county-wide (or for one station)."""
    return {"hub_seq": answer(lambda: targets.set_value(hub, key, value, who, station or None))}


@router.post("/county/months/{month}/close")
def close_month(month: str, who: ApiAdmin, shadows: ShadowsDep) -> dict[str, Any]:
    """Freeze the month's county report (409 when it was closed before)."""
    snapshot: dict[str, Any] = answer(lambda: month_close.close_month(shadows, month, who))
    return snapshot


@router.get("/county/months/{month}")
def closed_month(month: str, _who: ApiReader, shadows: ShadowsDep) -> dict[str, Any]:
    """A closed month as it was closed, and what changed since (`revisions`, `late_records`)."""
    snapshot = month_close.closed_report(shadows.hub, month)
    if snapshot is None:
        raise HubError(404, "not_found", f"{month} is not closed")
    now = answer(lambda: county_month(shadows, month))
    return {**snapshot, "revisions": [dataclasses.asdict(r) for r in month_close.revisions(snapshot, now)],
            "late_records": [dataclasses.asdict(x) for x in month_close.late_records(shadows.hub, snapshot)]}


@router.get("/county/stations")
def get_stations(_who: ApiReader, hub: HubDep) -> list[dict[str, Any]]:
    """Every station: registered name, contact, upload, how far its records are complete, problems."""
    return [{**dataclasses.asdict(h), "red": h.red} for h in station_health(hub)]


@router.get("/county/digest")
def get_digest(_who: ApiReader, hub: HubDep, day: str = "") -> dict[str, Any]:
    """The daily digest of `day` (default: yesterday)."""
    try:
        when = date.fromisoformat(day) if day else local_day(hub.clock.now()) - timedelta(days=1)
    except ValueError:
        raise refusal(ValidationError(BAD_DAY, text=day[:20])) from None
    return {"day": when.isoformat(), "stations": [dataclasses.asdict(r) for r in digest.digest(hub, when)]}


@router.post("/county/catalogue",
             openapi_extra={"requestBody": {"required": True, "description": "the catalogue CSV (UTF-8 or GBK)",
                                            "content": {"text/csv": {"schema": {"type": "string"}}}}})
async def post_catalogue(request: Request, who: ApiAdmin, hub: HubDep, partial: bool = False) -> dict[str, Any]:
    """Import the county's proxy-purchase catalogue; `partial` adds and changes items only."""
    data = await _body(request, MAX_CSV)

    def work() -> dict[str, Any]:
        report = import_catalogue(hub, data, partial=partial)
        audit.record(hub, who, "catalogue.imported", "catalogue", {"added": len(report.added),
                                                                   "changed": len(report.changed),
                                                                   "withdrawn": len(report.withdrawn),
                                                                   "refused": len(report.refused),
                                                                   "partial": partial})
        return report.as_dict()

    result: dict[str, Any] = await run_in_threadpool(answer, work)
    return result


@router.post("/county/online-orders")
def post_online_order(order: Annotated[dict[str, Any], Body()], who: ApiAdmin, hub: HubDep,
                      shadows: ShadowsDep) -> dict[str, Any]:
    """Accept an order of the county online shop and send it to the station holding the goods
    (refused when the station holds less than it asks)."""
    def work() -> dict[str, Any]:
        done = accept_online_order(hub, order, shadows=shadows)
        if not done["repeat"]:
            audit.record(hub, who, "online_order.accepted", done["number"], {"station": done["station"],
                                                                             "total": done["total"]})
        return done

    result: dict[str, Any] = answer(work)
    return result


@router.post("/county/online-orders/{number}/cancel")
def post_cancel(number: str, reason: Annotated[str, Body(embed=True)], who: ApiAdmin, hub: HubDep) -> dict[str, Any]:
    """Cancel an order the station has not sent yet."""
    def work() -> dict[str, Any]:
        done = cancel_online_order(hub, number, reason)
        audit.record(hub, who, "online_order.cancelled", number, {"reason": reason[:200]})
        return done

    result: dict[str, Any] = answer(work)
    return result


@router.get("/county/online-orders/{number}")
def get_online_order(number: str, _who: ApiReader, hub: HubDep) -> dict[str, Any]:
    """Where an order is: waiting, packed, sent (waybill, carrier, day) or cancelled."""
    result: dict[str, Any] = answer(lambda: online_order_status(hub, number))
    return result


@router.post("/county/service-categories")
def post_service_categories(who: ApiAdmin, hub: HubDep,
                            categories: Annotated[list[dict[str, str]], Body(embed=True)]) -> dict[str, Any]:
    """The service ledger's categories (便民服务台账), the whole list in order: [{"code", "name"}].
    Every station keeps it from its next sync; a category left out is retired."""
    seq = answer(lambda: station_services.publish_categories(hub, categories, who=who))
    return {"hub_seq": seq, "categories": station_services.current_categories(hub)[0]}


@router.get("/county/notices/posted")
def get_notices_posted(_who: ApiReader, hub: HubDep, limit: int = 50) -> list[dict[str, Any]]:
    """Each notice sent, newest first, with which stations have posted it on their notice wall."""
    return station_services.postings_as_dicts(hub, max(1, min(limit, 500)))
