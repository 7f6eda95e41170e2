"""A training session's archive as the subsidy audit checks it (`sync.hub.archives`): the county's
checklist item by item with the files, the archive to download (PDF + files, zip), trainee phones
for the auditor's call-backs (auditors only, each view logged); and the county's training across
stations and the county centre by month against its target (`sync.hub.county_training`)."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from html import escape
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from station_app.clock import show
from station_app.core import training
from station_app.errors import NotFound, UserError
from station_app.i18n import translate
from sync.hub import archives, county_training, roles
from sync.hub.auth import PageAdmin, PageAuditor, PageReader, csrf_field
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.forms import read_form
from sync.hub.pages import ZH, NotFoundPage, page, table
from sync.hub.routers.dashboard.scope import station_row, year_param
from sync.hub.shadows import FoldError

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _archive_of(shadows: ShadowsDep, station_id: str, session_id: str) -> archives.Archive:
    try:
        with shadows.view(station_id) as db:
            return archives.archive(shadows.hub, db, station_id, session_id)
    except NotFound:
        raise NotFoundPage("没有这场培训") from None
    except FoldError as exc:
        raise NotFoundPage(exc.message(), 409) from None


@router.get("/dashboard/stations/{station_id}/training/{session_id}")
def archive_page(request: Request, station_id: str, session_id: str, who: PageReader, shadows: ShadowsDep
                 ) -> HTMLResponse:
    st = station_row(shadows.hub, station_id)
    a = _archive_of(shadows, station_id, session_id)
    s = a.session
    rows, css = [], []
    for item in a.items:
        files = []
        for digest in item.files:
            name = escape(a.names.get(digest, digest[:8]))
            if digest in item.on_hub:
                href = f"/dashboard/evidence/{quote(station_id)}/{digest}"
                files.append(f'<a href="{escape(href)}" target="_blank">{name}</a>')
            else:
                files.append(f'<span class="amber">{name}（还没传到县里）</span>')
        state = '<span class="ok">有</span>' if item.complete else (
            '<span class="amber">未传到县</span>' if item.files else '<span class="warn">缺</span>')
        rows.append([escape(item.label + (f"：{item.lecturer}" if item.lecturer else "")), state,
                     "<br>".join(files) or '<span class="muted">—</span>'])
        css.append("" if item.complete else "red")
    verdict = ('<p class="ok" style="font-size:1.3em"><b>档案齐全</b></p>' if a.complete else
               f'<div class="alert"><b>档案不全，不予补贴：</b>{escape("、".join(a.gaps))}</div>')
    lecturers = "、".join(f"{lec.name}（{lec.credentials}）" if lec.credentials else lec.name for lec in s.lecturers)
    auditor = getattr(request.state, "staff_role", roles.ADMIN) in (roles.AUDITOR, roles.ADMIN)
    base = f"/dashboard/stations/{quote(station_id)}/training/{quote(session_id)}"
    links = (f'<p><a href="{base}/archive.zip">下载本场档案（PDF + 全部文件，zip）</a>'
             + (f'　<a href="{base}/phones">学员电话（回访抽查，查看会记录）</a>' if auditor else "")
             + f'　<a href="/dashboard/stations/{quote(station_id)}/training">返回本站培训</a></p>')
    body = (f"<h1>{escape(st.name)} · 培训档案：{escape(s.title)}</h1>"
            f'<p class="muted">{escape(show(s.starts_at))} – {escape(show(s.ends_at)[-5:])}，{escape(s.place or "—")}；'
            f'培训机构 {escape(s.trainer_org or "—")}；讲师 {escape(lecturers or "—")}；签到 {s.signed_in} 人次；'
            f'{escape(translate("training", training.STATUSES.get(s.status, s.status), ZH))}</p>'
            f"{verdict}{links}<h2>档案清单（按县里的规定）</h2>"
            + table(["档案项目", "状态", "文件"], rows, raw=True, row_classes=css))
    return page(f"培训档案 {s.title}", body, who)


@router.get("/dashboard/stations/{station_id}/training/{session_id}/archive.zip")
def archive_download(station_id: str, session_id: str, who: PageReader, shadows: ShadowsDep) -> Response:
    st = station_row(shadows.hub, station_id)
    try:
        name, data = archives.archive_zip(shadows, station_id, st.name, session_id)
    except NotFound:
        raise NotFoundPage("没有这场培训") from None
    except FoldError as exc:
        raise NotFoundPage(exc.message(), 409) from None
    return Response(data, media_type="application/zip", headers={
        "content-disposition": f"attachment; filename=\"archive-{session_id[:8]}.zip\"; filename*=UTF-8''{quote(name)}"})


@router.get("/dashboard/stations/{station_id}/training/{session_id}/phones")
def trainee_phones(station_id: str, session_id: str, who: PageAuditor, shadows: ShadowsDep) -> HTMLResponse:
    st = station_row(shadows.hub, station_id)
    try:
        session, rows = archives.trainee_phones(shadows, station_id, st.name, session_id, who=who)
    except NotFound:
        raise NotFoundPage("没有这场培训") from None
    except FoldError as exc:
        raise NotFoundPage(exc.message(), 409) from None
    body = (f"<h1>{escape(st.name)} · {escape(session.title)} · 学员电话</h1>"
            '<p class="note">仅供评估回访抽查使用。本次查看已记入审计日志（谁、何时、哪一场）。</p>'
            + table(["序号", "姓名", "村", "电话"], [[str(r.no), r.name, r.village, r.phone] for r in rows], (0,)))
    return page("学员电话", body, who)


@router.get("/dashboard/training/county")
def county_progress(request: Request, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    year = year_param(request, hub)
    p = county_training.progress(shadows, year)
    target = p.target
    rows = []
    for m in p.months:
        share = min(100, round(100 * m.cumulative / target)) if target else 0
        rows.append([m.month, str(m.stations), str(m.centre), str(m.stations + m.centre), str(m.cumulative),
                     f'<div class="bar" title="{share}%"><i style="width:{share}%"></i></div>', str(m.poverty),
                     str(m.businesses), str(m.jobs)])
    sessions = [[s.day, s.title, s.place, s.organiser, translate("training", training.CATEGORIES.get(s.category, ""), ZH),
                 str(s.person_times), str(s.poverty_person_times), s.recorded_by]
                for s in county_training.sessions_of(hub, year)]
    admin = getattr(request.state, "staff_role", roles.ADMIN) == roles.ADMIN
    options = "".join(f'<option value="{k}">{escape(translate("training", v, ZH))}</option>'
                      for k, v in training.CATEGORIES.items())
    form = (f'<form class="op" method="post" action="/dashboard/training/county" id="county-session">'
            f'{csrf_field(request)}<h3>记录县级培训中心的一场培训</h3>'
            f'<label>名称 <input name="title" required maxlength="60"></label>'
            f'<label>日期 <input type="date" name="day" required></label><label>地点 <input name="place"></label>'
            f'<label>承办单位 <input name="organiser"></label><label>对象 <select name="category">{options}</select></label>'
            f'<label>人次 <input type="number" name="person_times" min="1" max="5000" required></label>'
            f'<label>其中贫困户人次 <input type="number" name="poverty_person_times" min="0" value="0"></label>'
            f'<button type="submit">记录</button></form>') if admin else ""
    note = ""
    if p.left_out:
        note = '<div class="alert"><b>未计入：</b>' + "、".join(escape(x["name"]) for x in p.left_out) + "</div>"
    done_pct = round(100 * p.total / target, 1) if target else 0.0
    body = (f"<h1>全县培训进度 {year} 年</h1>{note}"
            f'<div class="cards"><div class="card"><span class="n">{p.total}</span><small>累计人次</small></div>'
            f'<div class="card"><span class="n">{target}</span><small>全县年度目标（人次）</small></div>'
            f'<div class="card"><span class="n">{done_pct}%</span><small>完成</small></div></div>'
            "<h2>按月</h2>"
            + table(["月份", "服务站人次", "县培训中心人次", "本月合计", "累计", "完成", "贫困户人次", "创业人数", "带动就业"],
                    rows, (1, 2, 3, 4, 6, 7, 8), raw=True)
            + "<h2>县级培训中心的培训</h2>"
            + table(["日期", "名称", "地点", "承办单位", "对象", "人次", "贫困户人次", "记录人"], sessions, (5, 6))
            + form + '<p><a href="/dashboard/training">各服务站培训进度</a></p>')
    return page("全县培训进度", body, who)


@router.post("/dashboard/training/county")
async def record_county_session(request: Request, who: PageAdmin, hub: HubDep) -> Response:
    form = await read_form(request)
    try:
        await run_in_threadpool(lambda: county_training.record_session(
            hub, title=form.get("title"), day=form.get("day"), place=form.get("place"),
            organiser=form.get("organiser"), category=form.get("category") or "farmer",
            person_times=form.get("person_times") or 0, poverty_person_times=form.get("poverty_person_times") or 0,
            who=who))
    except UserError as exc:
        return page("全县培训进度", f'<h1 class="warn">{escape(exc.message(ZH))}</h1>'
                                f'<p><a href="/dashboard/training/county">返回</a></p>', who, status=400)
    return RedirectResponse("/dashboard/training/county", status_code=303)
