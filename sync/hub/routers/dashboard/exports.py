"""The dashboard's xlsx files: a station's monthly report or the county's, and the quarter's
subsidy claim list (the same files `station-hub report` writes)."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from station_app.core import report_rows
from sync.hub.auth import DashboardUser
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.reports import write_claims_xlsx, write_county_xlsx
from sync.hub.routers.dashboard.scope import month_param, quarter_param, station_row

router = APIRouter(include_in_schema=False)


def xlsx(write: Callable[[Path], Path], filename: str) -> Response:
    """The file `write` makes, as a download named `filename` (Chinese names kept, RFC 6266)."""
    with tempfile.TemporaryDirectory() as folder:
        data = write(Path(folder) / "report.xlsx").read_bytes()
    ascii_name = filename.encode("ascii", "ignore").decode() or "report.xlsx"
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{ascii_name}"; '
                                                    f"filename*=UTF-8''{quote(filename)}"})


@router.get("/dashboard/export/monthly.xlsx")
def export_monthly(request: Request, _who: DashboardUser, hub: HubDep, shadows: ShadowsDep) -> Response:
    month = month_param(request, hub)
    station_id = request.query_params.get("station")
    if station_id:
        st = station_row(hub, station_id)
        from station_app.core.report_files import write_monthly_xlsx

        report = shadows.monthly(station_id, month)
        with shadows.view(station_id) as db:
            sheets = report_rows.all_evidence(db, month)
        return xlsx(lambda p: write_monthly_xlsx(report, sheets, p), f"monthly-{month}-{st['name']}.xlsx")
    county = shadows.county(month)
    return xlsx(lambda p: write_county_xlsx(county, p), f"monthly-{month}-county.xlsx")


@router.get("/dashboard/export/subsidy.xlsx")
def export_subsidy(request: Request, _who: DashboardUser, hub: HubDep, shadows: ShadowsDep) -> Response:
    quarter, first, last = quarter_param(request, hub)
    claims = shadows.subsidy_claims(first, last)
    return xlsx(lambda p: write_claims_xlsx(claims, quarter, p), f"subsidy-{quarter}.xlsx")
