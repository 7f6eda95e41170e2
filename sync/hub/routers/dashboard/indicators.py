"""The national indicators by month with the county's mapping to the national system's field names
(`sync.hub.indicators`; xlsx and CSV), and the poverty register and village coverage as the hub
holds them (`sync.hub.register`, `sync.hub.villages`)."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from station_app.clock import local_day
from station_app.core import register as station_register
from station_app.errors import UserError
from station_app.i18n import translate
from sync.hub import indicators, register, roles, villages
from sync.hub.auth import PageAdmin, PageReader, csrf_field
from sync.hub.dependencies import HubDep, ShadowsDep
from sync.hub.forms import read_form
from sync.hub.pages import ZH, NotFoundPage, page, table
from sync.hub.routers.dashboard.scope import year_param

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _shown(key: str, value: object) -> str:
    if value is None:
        return "—"
    unit = indicators.BY_KEY[key].unit
    if unit == "元":
        return f"{int(value) / 100:,.2f}"  # type: ignore[call-overload]
    return f"{value}%" if unit == "%" else str(value)


@router.get("/dashboard/indicators")
def indicators_page(request: Request, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    year = year_param(request, hub)
    result = indicators.compute(shadows, year)
    fields = indicators.mapping(hub)
    newest = result.months[::-1]  # this month first: it is what the county files now
    # months before the county's first station have nothing to file (the export keeps them all)
    newest = [m for m in newest if result.values[m]["stations"]] or newest[:1]
    rows = [[f"{fields[i.key][1]}（{i.unit}）", fields[i.key][0], *(_shown(i.key, result.values[m][i.key])
                                                                   for m in newest)]
            for i in indicators.INDICATORS]
    admin = getattr(request.state, "staff_role", roles.ADMIN) == roles.ADMIN
    options = "".join(f'<option value="{i.key}">{escape(i.name)}</option>' for i in indicators.INDICATORS)
    form = (f'<form class="op" method="post" action="/dashboard/indicators/map" id="indicator-map">{csrf_field(request)}'
            f'<h3>对应到国家系统的字段</h3><label>指标 <select name="key">{options}</select></label>'
            f'<label>国家系统字段名 <input name="field" required maxlength="60"></label>'
            f'<label>显示名称 <input name="name" maxlength="60"></label><button type="submit">保存</button>'
            f'<small>默认字段名就是指标的中文名；请按国家“农村电子商务和社区商业信息系统”的填报字段改成对应的名称。</small>'
            f'</form>') if admin else ""
    note = ""
    if result.left_out:
        note = '<div class="alert"><b>未计入：</b>' + "、".join(escape(x["name"]) for x in result.left_out) + "</div>"
    pick = (f'<form class="pick" method="get" action="/dashboard/indicators"><label>年份 <input name="year" '
            f'value="{year}" size="5"></label><button>查看</button>'
            f'<a href="/dashboard/export/indicators-{year}.xlsx">导出 xlsx</a>'
            f'<a href="/dashboard/export/indicators-{year}.csv">导出 CSV</a></form>')
    body = (f"<h1>国家指标 {year} 年（按月）</h1>{pick}{note}"
            '<p class="muted">农村网络零售额：服务站寄出包裹的货值，加上县网店代销的销售额（扣除退货）；农产品网络零售额：其中的农产品。'
            '贫困户：县里导入的建档立卡名单中，本月有成员在服务站办过事的户数。最近的月份在最左边。</p>'
            + table(["指标（单位）", "国家系统字段", *newest], rows, tuple(range(2, 2 + len(newest))))
            + form)
    return page(f"国家指标 {year}", body, who)


@router.post("/dashboard/indicators/map")
async def map_indicator(request: Request, who: PageAdmin, hub: HubDep) -> Response:
    form = await read_form(request)
    try:
        await run_in_threadpool(lambda: indicators.set_mapping(hub, form.get("key"), form.get("field"),
                                                               name=form.get("name"), who=who))
    except UserError as exc:
        return page("国家指标", f'<h1 class="warn">{escape(exc.message(ZH))}</h1>'
                            f'<p><a href="/dashboard/indicators">返回</a></p>', who, status=400)
    return RedirectResponse("/dashboard/indicators", status_code=303)


@router.get("/dashboard/export/indicators-{year}.{ext}")
def export_indicators(year: str, ext: str, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> Response:
    if ext not in ("xlsx", "csv") or not year.isdigit() or not 2000 <= int(year) <= 2100:
        raise NotFoundPage("没有这种文件")
    result = indicators.compute(shadows, int(year))
    if ext == "csv":
        return Response(indicators.to_csv(hub, result), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="indicators-{year}.csv"'})
    return Response(indicators.to_xlsx(hub, result),
                    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"content-disposition": f'attachment; filename="indicators-{year}.xlsx"'})


@router.get("/dashboard/register")
def register_page(request: Request, who: PageReader, hub: HubDep, shadows: ShadowsDep) -> HTMLResponse:
    totals = register.totals(hub)
    today = local_day(hub.clock.now())
    month = register.reached(shadows, today.replace(day=1), today)
    cover = villages.coverage(hub)
    status = "、".join(f"{translate('register', station_register.STATUSES[k], ZH)} {n} 户"
                      for k, n in sorted(totals.by_status.items()))
    missing = ""
    if totals.stations_without_key:
        missing = ('<div class="note">这些服务站还没有把身份证号密钥交给县里（同步一次即可），暂时收不到贫困户名单：'
                   + "、".join(escape(n) for n in totals.stations_without_key) + "</div>")

    def pct(v: float | None) -> str:
        return "—" if v is None else f"{v}%"

    body = ("<h1>建档立卡贫困户与行政村覆盖</h1>"
            f'<div class="cards"><div class="card"><span class="n">{totals.households}</span><small>贫困户（户）</small></div>'
            f'<div class="card"><span class="n">{totals.members}</span><small>成员（人）</small></div>'
            f'<div class="card"><span class="n">{totals.model}</span><small>示范户</small></div>'
            f'<div class="card"><span class="n">{month.reached}/{month.households}</span><small>本月服务到的贫困户'
            f'（示范户 {month.model_reached}/{month.model}）</small></div>'
            f'<div class="card"><span class="n">{pct(cover.pct)}</span><small>行政村覆盖 {cover.covered}/{cover.villages}'
            f'</small></div><div class="card"><span class="n">{pct(cover.poor_pct)}</span><small>贫困村覆盖 '
            f'{cover.poor_covered}/{cover.poor_villages}</small></div></div>'
            f'<p>{escape(status) or "还没有导入贫困户名单"}</p>{missing}'
            '<p class="muted">身份证号只在县里导入时核对，之后只保存后四位和加密的号码；各服务站只收到用本站密钥算出的身份证号摘要、'
            '后四位和隐去的姓名，用来认出来办事的贫困户成员。名单和行政村在<a href="/dashboard/county">县级业务</a>里上传。</p>'
            '<p><a href="/dashboard/indicators">国家指标</a></p>')
    return page("贫困户与覆盖", body, who)
