"""The dashboard's files: a station's monthly report or the county's (xlsx or PDF), the quarter's
subsidy claim list (the same files `station-hub report` writes), and a closed month as it was
closed. Stations carry the names the county registered them with.

A file the hub cannot make (the station's records cannot be folded) is a page saying why, never
an empty file."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from sync.hub.auth import PageReader
from sync.hub.county_files import write_claims_xlsx, write_county_pdf, write_county_xlsx
from sync.hub.county_report import county_month, station_month, subsidy_claims
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.month_close import closed_report
from sync.hub.pages import NotFoundPage
from sync.hub.routers.dashboard.scope import month_param, quarter_param, station_row
from sync.hub.shadows import FoldError

router = APIRouter(include_in_schema=False)
TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf",
         "csv": "text/csv; charset=utf-8"}


def download(write: Callable[[Path], Path], filename: str) -> Response:
    """The file `write` makes, as a download named `filename` (Chinese names kept, RFC 6266)."""
    suffix = filename.rsplit(".", 1)[-1]
    with tempfile.TemporaryDirectory() as folder:
        data = write(Path(folder) / f"report.{suffix}").read_bytes()
    ascii_name = filename.encode("ascii", "ignore").decode() or f"report.{suffix}"
    return Response(data, media_type=TYPES[suffix],
                    headers={"Content-Disposition": f'attachment; filename="{ascii_name}"; '
                                                    f"filename*=UTF-8''{quote(filename)}"})


def _fmt(fmt: str) -> str:
    if fmt not in ("xlsx", "pdf"):
        raise NotFoundPage("没有这种文件", 404)
    return fmt


@router.get("/dashboard/export/monthly.{fmt}")
def export_monthly(request: Request, fmt: str, _who: PageReader, hub: HubDep, shadows: ShadowsDep) -> Response:
    fmt = _fmt(fmt)
    month = month_param(request, hub)
    station_id = request.query_params.get("station")
    if station_id:
        st = station_row(hub, station_id)
        from station_app.core.report_files import write_monthly_pdf, write_monthly_xlsx

        try:
            report, sheets = station_month(shadows, station_id, month, sheets=fmt == "xlsx")
        except FoldError as exc:
            raise NotFoundPage(exc.message(), 409) from None
        except LookupError as exc:
            raise NotFoundPage(str(exc.args[0]), 409) from None
        if fmt == "xlsx":
            return download(lambda p: write_monthly_xlsx(report, sheets, p), f"monthly-{month}-{st.name}.xlsx")
        return download(lambda p: write_monthly_pdf(report, p), f"monthly-{month}-{st.name}.pdf")
    county = county_month(shadows, month)
    writer = write_county_xlsx if fmt == "xlsx" else write_county_pdf
    return download(lambda p: writer(county, p), f"monthly-{month}-county.{fmt}")


@router.get("/dashboard/close/{month}.{fmt}")
def export_closed(month: str, fmt: str, _who: PageReader, hub: HubDep) -> Response:
    """A closed month's report as the county closed it."""
    fmt = _fmt(fmt)
    snapshot = closed_report(hub, month)
    if snapshot is None:
        raise NotFoundPage(f"{month} 还没有结账")
    writer = write_county_xlsx if fmt == "xlsx" else write_county_pdf
    return download(lambda p: writer(snapshot, p), f"monthly-{month}-closed.{fmt}")


@router.get("/dashboard/export/subsidy.xlsx")
def export_subsidy(request: Request, _who: PageReader, hub: HubDep, shadows: ShadowsDep) -> Response:
    quarter, first, last = quarter_param(request, hub)
    claims, _ = subsidy_claims(shadows, first, last)
    return download(lambda p: write_claims_xlsx(claims, quarter, p), f"subsidy-{quarter}.xlsx")
