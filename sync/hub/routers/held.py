"""What the hub held back for county staff (`sync.hub.alerts`): SMS and bill payments over a
station's limits, and the alerts about odd requests from stations.

    GET  /v1/admin/alerts                        the open alerts (every role)
    POST /v1/admin/alerts/{id}/seen              an alert that held nothing, looked at (admin)
    POST /v1/admin/held/sms/{notice_id}          {"action": "release" | "refuse"} (admin)
    POST /v1/admin/held/bills/{request_id}       {"action": "release" | "refuse"} (admin)

Every decision is in the audit log (`sync.hub.audit`).
"""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from sync.hub import alerts, audit, bill_payments, sms
from sync.hub.auth import ApiAdmin, ApiReader
from sync.hub.dependencies import HubDep
from sync.hub.routers.shapes import REFUSALS
from sync.hub.store import HubError

router = APIRouter(tags=["county staff"])


class Decision(BaseModel):
    action: Literal["release", "refuse"]


@router.get("/v1/admin/alerts", responses=REFUSALS)
def open_alerts(_who: ApiReader, hub: HubDep, station_id: str | None = None) -> list[dict[str, Any]]:
    """The alerts nobody settled yet (oldest first), of one station or all."""
    return alerts.open_alerts(hub, station_id)


@router.post("/v1/admin/alerts/{alert_id}/seen", responses=REFUSALS)
def alert_seen(alert_id: int, who: ApiAdmin, hub: HubDep) -> dict[str, bool]:
    """Mark an alert that held nothing (a phone that differed, a refused reminder) as looked at."""
    done = alerts.mark_seen(hub, alert_id, who)
    if done:
        audit.record(hub, who, "alert.seen", str(alert_id))
    return {"settled": done}


@router.post("/v1/admin/held/{what}/{subject}", responses=REFUSALS)
async def settle_held(what: Literal["sms", "bills"], subject: str, body: Decision, who: ApiAdmin,
                      hub: HubDep) -> dict[str, Any]:
    """Release (send or pay it after all) or refuse (the station hears it failed) something held."""
    settle = sms.settle_held if what == "sms" else bill_payments.settle_held
    done = await run_in_threadpool(settle, hub, subject, body.action == "release", who)
    if not done:
        raise HubError(404, "not_found", f"nothing of that kind is held under {subject!r}")
    await run_in_threadpool(audit.record, hub, who, f"held_{what}.{body.action}", subject)
    return {"settled": True, "action": body.action}
