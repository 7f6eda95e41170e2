"""County operations under /county, for county staff (HTTP Basic): the proxy-purchase catalogue
(`sync.hub.catalogue`) and the county online shop's orders (`sync.hub.online_orders`). The same
work is offered as `station-hub` commands (`sync.hub.shop`).

    POST /county/catalogue                       the catalogue CSV as the body (?partial=true)
    POST /county/online-orders                   one order (JSON)
    POST /county/online-orders/{number}/cancel   {"reason": ...}
    GET  /county/online-orders/{number}          where the order is
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from starlette.concurrency import run_in_threadpool

from station_app.errors import Conflict, NotFound, UserError
from sync import protocol as p
from sync.hub.auth import county_staff
from sync.hub.catalogue import MAX_CSV, import_catalogue
from sync.hub.dependencies import HubDep
from sync.hub.online_orders import accept_online_order, cancel_online_order, online_order_status
from sync.hub.store import HubError

router = APIRouter(dependencies=[Depends(county_staff)], tags=["county staff"])


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


@router.post("/county/catalogue",
             openapi_extra={"requestBody": {"required": True, "description": "the catalogue CSV (UTF-8 or GBK)",
                                            "content": {"text/csv": {"schema": {"type": "string"}}}}})
async def post_catalogue(request: Request, hub: HubDep, partial: bool = False) -> dict[str, Any]:
    """Import the county's proxy-purchase catalogue; `partial` adds and changes items only."""
    data = await request.body()
    if len(data) > MAX_CSV:
        raise HubError(413, p.TOO_LARGE, f"the catalogue may be at most {MAX_CSV} bytes")
    report = await run_in_threadpool(answer, lambda: import_catalogue(hub, data, partial=partial))
    return report.as_dict()


@router.post("/county/online-orders")
def post_online_order(order: Annotated[dict[str, Any], Body()], hub: HubDep) -> dict[str, Any]:
    """Accept an order of the county online shop and send it to the station holding the goods."""
    return answer(lambda: accept_online_order(hub, order))


@router.post("/county/online-orders/{number}/cancel")
def post_cancel(number: str, reason: Annotated[str, Body(embed=True)], hub: HubDep) -> dict[str, Any]:
    """Cancel an order the station has not sent yet."""
    return answer(lambda: cancel_online_order(hub, number, reason))


@router.get("/county/online-orders/{number}")
def get_online_order(number: str, hub: HubDep) -> dict[str, Any]:
    """Where an order is: waiting, packed, sent (waybill, carrier, day) or cancelled."""
    return answer(lambda: online_order_status(hub, number))
