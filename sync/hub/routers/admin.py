"""County staff's endpoints under /v1/admin (JSON, HTTP Basic; reading wants any staff role,
changing a county admin, and every change is in the audit log), and their first page at / :
the stations, their last contact and upload, backlog and problems."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from station_app.errors import UserError
from sync.hub import audit, evidence
from sync.hub.auth import ApiAdmin, ApiReader, PageReader, StaffOrSession
from sync.hub.dependencies import HubDep
from sync.hub.health import station_health
from sync.hub.manifest import routed_parcel
from sync.hub.routers.shapes import REFUSALS, CodeAnswer, CodeRequest, SettingRequest
from sync.hub.services import status_counts
from sync.hub.store import HubError
from sync.hub.web import stations_page

router = APIRouter(tags=["county staff"])
Sha = Annotated[str, PathParam(pattern=evidence.SHA256)]


@router.post("/v1/admin/enroll-codes", response_model=CodeAnswer, responses=REFUSALS)
def make_code(body: CodeRequest, who: ApiAdmin, hub: HubDep) -> dict[str, str]:
    """A one-time enrollment code for a station (created if new)."""
    station_id, code = hub.enroll_code(body.station, body.village, body.hours)
    audit.record(hub, who, "station.enroll_code", body.station, {"station_id": station_id, "village": body.village})
    return {"station_id": station_id, "code": code}


@router.post("/v1/admin/stations/{station_id}/revoke", responses=REFUSALS)
def revoke(station_id: str, who: ApiAdmin, hub: HubDep) -> dict[str, int]:
    """Revoke every token of a station (a stolen PC); it must enroll again."""
    revoked = hub.revoke(station_id)
    audit.record(hub, who, "station.revoked", station_id, {"tokens": revoked})
    return {"revoked": revoked}


@router.post("/v1/admin/settings", responses=REFUSALS)
def push_setting(body: SettingRequest, who: ApiAdmin, hub: HubDep) -> dict[str, int]:
    """Send a county-owned setting to one station or all (`/county/targets` keeps what was set)."""
    seq = hub.push_setting(body.key, body.value, body.station_id)
    audit.record(hub, who, "county_setting.pushed", body.key, {"value": body.value, "station": body.station_id or ""})
    return {"hub_seq": seq}


@router.post("/v1/admin/flags/{hub_seq}/clear", responses=REFUSALS)
def clear_flag(hub_seq: int, who: ApiAdmin, hub: HubDep) -> dict[str, bool]:
    """Settle a flag by hand."""
    cleared = hub.clear_flag(hub_seq)
    audit.record(hub, who, "flag.cleared", str(hub_seq), {"cleared": cleared})
    return {"cleared": cleared}


@router.get("/v1/admin/stations", responses=REFUSALS)
def list_stations(_who: ApiReader, hub: HubDep) -> list[dict[str, Any]]:
    """Every station with its last sync, backlog and warnings."""
    return hub.station_rows()


@router.get("/", response_class=HTMLResponse)
def page(_who: PageReader, hub: HubDep) -> str:
    """The county staff page (Chinese): stations, last contact and upload, pending, problems."""
    return stations_page(station_health(hub), hub.now())


@router.get("/v1/admin/parcels/{waybill}")
def parcel(waybill: str, _who: ApiReader, hub: HubDep) -> dict[str, Any]:
    """Where the county sent a waybill (dispatch list) and when it reached a station."""
    try:
        found = routed_parcel(hub, waybill)
    except UserError as exc:
        raise HubError(400, "malformed", exc.message("en")) from None
    if found is None:
        raise HubError(404, "not_found", f"waybill {waybill} is on no dispatch list")
    return found


@router.get("/v1/admin/services")
def services_status(_who: ApiReader, hub: HubDep) -> dict[str, Any]:
    """SMS notices and bill payments by status (is anything stuck?)."""
    return status_counts(hub)


@router.get("/v1/admin/evidence/{station_id}/{sha256}", responses={**REFUSALS, 404: {"description": "no such file"}},
            response_class=Response)
def evidence_file(station_id: str, sha256: Sha, _who: StaffOrSession, hub: HubDep,
                  if_none_match: Annotated[str | None, Header()] = None) -> Response:
    """A station's evidence file (a training session's photo), as it was sent."""
    tag = f'"{sha256}"'
    cache = {"ETag": tag, "Cache-Control": "private, max-age=31536000, immutable",
             "X-Content-Type-Options": "nosniff"}
    if if_none_match == tag and evidence.held(hub, station_id, [sha256]):
        return Response(status_code=304, headers=cache)
    found = evidence.fetch(hub, station_id, sha256)
    if found is None:
        raise HubError(404, "not_found", f"station {station_id} sent no file {sha256}")
    kind, data = found
    name = sha256[:16] + evidence.EXTENSIONS.get(kind, ".bin")
    disposition = "attachment" if kind == evidence.DOWNLOAD else "inline"
    return Response(data, media_type=kind, headers={**cache, "Content-Disposition": f'{disposition}; filename="{name}"'})
