"""Training: the year's progress of every station against the county's targets, and a station's
sessions as the subsidy audit sees them (what each archive lacks, and its on-site photos)."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from datetime import date
from html import escape
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from station_app.clock import local_day, show
from station_app.core import reports, training
from station_app.db import Store
from station_app.i18n import translate
from sync.hub import evidence
from sync.hub.auth import PageReader
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.health import StationHealth
from sync.hub.pages import ZH, link, page, table
from sync.hub.routers.admin import evidence_file
from sync.hub.routers.dashboard.scope import (
    PAGE_ROWS,
    per_station,
    problem_note,
    station_row,
    year_param,
)
from sync.hub.shadows import FoldError

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
# the photos, for the dashboard's login (its cookie is sent under /dashboard only)
router.add_api_route("/dashboard/evidence/{station_id}/{sha256}", evidence_file, response_class=Response)


@router.get("/dashboard/training")
def training_page(request: Request, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    today = local_day(hub.clock.now())
    year = year_param(request, hub)
    last = min(date(year, 12, 31), today) if year == today.year else date(year, 12, 31)

    def collect(db: Store, s: StationHealth) -> list[list[str]]:
        f = training.figures(db, date(year, 1, 1), last)
        share = min(100, round(100 * f.person_times / f.person_times_target)) if f.person_times_target else 0
        bar = f'<div class="bar" title="{share}%"><i style="width:{share}%"></i></div>'
        pct = f.satisfaction_pct
        sat = "—" if pct is None else f'<span class="{"ok" if f.satisfaction_met else "warn"}">{pct:.1f}%</span>'
        return [[link(s.name, f"/dashboard/stations/{quote(s.id)}?month={reports.month_of(last)}"),
                 str(f.sessions), f"{f.person_times} / {f.person_times_target}", bar, str(f.distinct_people),
                 str(f.poverty_people), sat + f" / {f.satisfaction_target_pct}%", str(f.shops_opened),
                 link("场次与照片", f"/dashboard/stations/{quote(s.id)}/training")]]

    found = per_station(hub, shadows, collect)
    rows = [r for f in found for r in f.rows]
    body = (f"<h1>培训进度 {year} 年（截至 {last.isoformat()}）</h1>{problem_note(found)}"
            + table(["服务站", "场次", "人次 / 目标", "完成", "人数", "贫困户人数", "满意度 / 目标", "开网店", "档案"],
                    rows, (1, 2, 4, 5, 6, 7), raw=True))
    return page("培训进度", body, who)


@router.get("/dashboard/stations/{station_id}/training")
def training_archive(station_id: str, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    """A station's sessions as the subsidy audit sees them: what each archive lacks, and its photos."""
    st = station_row(hub, station_id)
    try:
        with shadows.view(station_id) as db:
            found = [(s, training.archive_gaps(db, s.id), training.photos(db, s.id))
                     for s in training.list_sessions(db, limit=PAGE_ROWS)]
    except FoldError as exc:
        return page(f"{st.name} 培训档案", f"<h1>{escape(st.name)} · 培训档案</h1>"
                    f'<div class="alert"><p>{escape(exc.message())}</p></div>', who)
    on_hub = evidence.held(hub, station_id, [ph.sha256 for _, _, photos in found for ph in photos])
    rows = []
    for s, gaps, photos in found:
        pictures, absent = [], 0
        for ph in photos:
            href = f"/dashboard/evidence/{quote(station_id)}/{ph.sha256}"
            if ph.sha256 in on_hub:
                pictures.append(f'<a href="{escape(href)}" target="_blank"><img class="thumb" loading="lazy" '
                                f'src="{escape(href)}" alt="{escape(ph.caption or "现场照片")}"></a>')
            else:
                absent += 1
        lacks = [translate("training", g, ZH) for g in gaps] + ([f"{absent} 张照片还没传到县里"] if absent else [])
        rows.append([escape(s.title), escape(show(s.starts_at)), escape(s.place),
                     escape(translate("training", training.STATUSES.get(s.status, s.status), ZH)), str(s.signed_in),
                     f'<span class="warn">{escape("、".join(lacks))}</span>' if lacks else '<span class="ok">齐全</span>',
                     "".join(pictures) or '<span class="muted">无</span>'])
    body = (f"<h1>{escape(st.name)} · 培训档案</h1>"
            f'<p class="muted">补贴审核看每场的档案：讲师资质、大纲、签到、满意度、现场照片。点照片看原图。'
            f'　<a href="/dashboard/training">返回培训进度</a></p>'
            + table(["培训", "开始", "地点", "状态", "签到", "档案缺项", "现场照片"], rows, (4,), raw=True))
    return page(f"{st.name} 培训档案", body, who)
