"""The county's review of the quarter's farm-produce subsidy claim (`sync.hub.claims`): per sending
entity, every row with its e-waybill photo, accepted or rejected (with why) by a county admin; the
approved claim as xlsx and as a zip with every e-waybill image."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from html import escape
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from station_app.core import outbound, villages
from station_app.core.money import format_fen
from station_app.errors import UserError
from station_app.i18n import translate
from sync.hub import claims, roles
from sync.hub.auth import PageAdmin, PageReader, csrf_field
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.forms import read_form
from sync.hub.pages import ZH, NotFoundPage, page, table
from sync.hub.routers.dashboard.scope import quarter_param

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
STATUS = {claims.ACCEPTED: ('<span class="ok">已通过</span>'), claims.REJECTED: '<span class="warn">已驳回</span>',
          claims.PENDING: '<span class="amber">待审核</span>', claims.REFUSED: '<span class="warn">不予补贴</span>'}


def _review_form(request: Request, quarter: str, r: claims.ClaimRow) -> str:
    if r.status == claims.REFUSED:
        return ""
    target = (f'<input type="hidden" name="quarter" value="{escape(quarter)}">'
              f'<input type="hidden" name="station" value="{escape(r.station_id)}">'
              f'<input type="hidden" name="row" value="{escape(r.row.outbound_id)}">{csrf_field(request)}')
    accept = "" if r.status == claims.ACCEPTED else (
        f'<form method="post" action="/dashboard/claims/review" style="display:inline">{target}'
        f'<input type="hidden" name="decision" value="accepted"><button>通过</button></form>')
    reject = "" if r.status == claims.REJECTED else (
        f'<form method="post" action="/dashboard/claims/review" style="white-space:nowrap">{target}'
        f'<input type="hidden" name="decision" value="rejected"><input name="reason" placeholder="驳回原因" '
        f'required size="7"><button>驳回</button></form>')
    return accept + reject


def _photos(r: claims.ClaimRow) -> str:
    out = []
    for digest in r.row.photos:
        href = f"/dashboard/evidence/{quote(r.station_id)}/{digest}"
        out.append(f'<a href="{escape(href)}" target="_blank"><img class="thumb" loading="lazy" src="{escape(href)}" '
                   f'alt="电子面单照片"></a>')
    return "".join(out) or '<span class="warn">无</span>'


@router.get("/dashboard/claims")
def claims_page(request: Request, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    quarter, first, last = quarter_param(request, hub)
    claim = claims.build(shadows, quarter)
    admin = getattr(request.state, "staff_role", roles.ADMIN) == roles.ADMIN
    wanted = request.query_params.get("entity") or ""
    entities = claim.entities()
    summary = [[f'<a href="?quarter={quarter}&entity={quote(e["entity"])}">{escape(e["name"])}</a>',
                escape("、".join(e["stations"])), str(e["rows"]), str(e["accepted"]), format_fen(e["accepted_fen"]),
                str(e["pending"]), format_fen(e["pending_fen"]), str(e["rejected"]), str(e["refused"])]
               for e in entities]
    approved = claim.approved()
    totals = (f'<div class="cards"><div class="card"><span class="n">{len(claim.rows)}</span><small>本季度农产品寄件</small>'
              f'</div><div class="card"><span class="n">{len(approved)}</span><small>已通过</small></div>'
              f'<div class="card"><span class="n">{format_fen(sum(r.fen for r in approved))}</span><small>通过金额</small>'
              f'</div><div class="card"><span class="n">{format_fen(claim.rate)}</span><small>每单补贴</small></div>'
              f'<div class="card"><span class="n">{format_fen(claim.entity_cap)}</span><small>每个主体每年上限</small></div>'
              f'<div class="card"><span class="n">{format_fen(claim.county_cap)}</span><small>全县每年上限（本季度前已用 '
              f'{format_fen(claim.county_used_before)}）</small></div></div>')
    rows, css = [], []
    for r in claim.rows:
        if wanted and r.entity != wanted:
            continue
        c = r.row
        why = escape(r.why) + (f'<br><small class="amber">{escape(r.cut)}</small>' if r.cut else "")
        category = translate("outbound", outbound.FARM_CATEGORIES.get(c.category, c.category), ZH)
        rows.append([f"{escape(c.entity_name)}<br><small>{escape(r.station)}</small>",
                     f"{escape(c.ewaybill)}<br><small>{escape(c.receipt_no)} · {escape(c.day)}</small>",
                     f"{escape(c.product)}<br><small>{escape(category)}</small>",
                     escape(f"{c.destination_code} {villages.PROVINCES.get(c.destination_code[:2] + '0000', '')}"),
                     _photos(r), STATUS[r.status], why, format_fen(r.fen),
                     _review_form(request, quarter, r) if admin else escape(r.reviewed_by)])
        css.append("red" if r.status in (claims.REFUSED, claims.REJECTED) else "")
    note = ""
    if claim.left_out:
        items = "".join(f"<li><b>{escape(x['name'])}</b>：{escape(x['why'])}</li>" for x in claim.left_out)
        note = f'<div class="alert"><b>未计入：</b><ul>{items}</ul></div>'
    pick = (f'<form class="pick" method="get" action="/dashboard/claims"><label>季度 <input name="quarter" '
            f'value="{quarter}" size="7"></label><button>查看</button>'
            f'<a href="/dashboard/export/claims-{quarter}.xlsx">导出已通过清单（xlsx）</a>'
            f'<a href="/dashboard/export/claims-{quarter}.zip">导出申报包（xlsx + 电子面单图片 zip）</a></form>')
    body = (f"<h1>农产品出县快递补贴审核 {quarter}（{first.isoformat()} – {last.isoformat()}）</h1>{pick}{note}{totals}"
            '<p class="muted">目的地在本县内、没有目的地代码、品类不在补贴范围、没有电子面单照片的，不予补贴；'
            '每个申报主体（合作社按统一社会信用代码，个人按登记）每年有上限，全县也有上限，按寄件先后计算；驳回的不占额度。</p>'
            "<h2>按申报主体</h2>"
            + table(["申报主体", "服务站", "单数", "已通过", "通过金额", "待审核", "待审金额", "已驳回", "不予补贴"], summary,
                    (2, 3, 4, 5, 6, 7, 8), raw=True)
            + ("<h2>明细</h2>" if not wanted else
               f'<h2>明细：{escape(next((e["name"] for e in entities if e["entity"] == wanted), ""))}　'
               f'<a href="?quarter={quarter}">全部</a></h2>')
            + table(["申报主体 / 服务站", "电子面单号 / 回执 · 日期", "产品 / 品类", "目的地", "面单照片", "状态",
                     "原因", "补贴", "审核"], rows, (7,), raw=True, row_classes=css))
    return page(f"补贴审核 {quarter}", body, who)


@router.post("/dashboard/claims/review")
async def review_row(request: Request, who: PageAdmin, shadows: ShadowsDep) -> Response:
    form = await read_form(request)
    quarter = form.get("quarter")
    try:
        await run_in_threadpool(lambda: claims.review(shadows, quarter, form.get("station"), form.get("row"),
                                                      decision=form.get("decision"), reason=form.get("reason"),
                                                      who=who))
    except UserError as exc:
        return page("补贴审核", f'<h1 class="warn">{escape(exc.message(ZH))}</h1><p><a href="/dashboard/claims?'
                              f'quarter={quote(quarter)}">返回</a></p>', who, status=400)
    return RedirectResponse(f"/dashboard/claims?quarter={quote(quarter)}", status_code=303)


@router.get("/dashboard/export/claims-{quarter}.{ext}")
def export_claim(quarter: str, ext: str, who: PageReader, shadows: ShadowsDep) -> Response:
    if ext not in ("xlsx", "zip"):
        raise NotFoundPage("没有这种文件")
    try:
        claim = claims.build(shadows, quarter)
    except UserError as exc:
        raise NotFoundPage(exc.message(ZH), 400) from None
    if ext == "xlsx":
        data, kind = claims.claim_xlsx(claim, {}), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        data, kind = claims.claim_zip(shadows, claim), "application/zip"
    name = quote(f"补贴申报-{claim.quarter}.{ext}")
    return Response(data, media_type=kind, headers={
        "content-disposition": f"attachment; filename=\"claims-{claim.quarter}.{ext}\"; filename*=UTF-8''{name}"})
