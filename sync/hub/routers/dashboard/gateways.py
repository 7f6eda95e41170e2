"""The county's gateways on the dashboard (issue 19): which SMS and biller gateways the hub runs
(real, or a demo), the SMS each station sent per month (the cost counter, in billed parts),
and the aggregator's daily statements with every order that differs from the hub's."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.auth import PageReader
from sync.hub.db import reading
from sync.hub.dependencies import HubDep
from sync.hub.gateway_db import biller_statements, ensure_gateway_tables, statement_differences
from sync.hub.pages import page, table
from sync.hub.sms_costs import monthly_costs

router = APIRouter(include_in_schema=False)

TITLE = QT_TRANSLATE_NOOP("dashboard", "SMS and biller gateways")
DEMO = QT_TRANSLATE_NOOP("dashboard", "DEMO: no SMS is really sent and no bill really paid (simulated)")
REAL = QT_TRANSLATE_NOOP("dashboard", "Real gateways: SMS {sms}, bills {biller}")
NOT_SERVING = QT_TRANSLATE_NOOP("dashboard", "The gateways are not known: this hub is not running `serve`")
COSTS = QT_TRANSLATE_NOOP("dashboard", "SMS sent per station and month")
STATION = QT_TRANSLATE_NOOP("dashboard", "Station")
MONTH = QT_TRANSLATE_NOOP("dashboard", "Month")
GATEWAY = QT_TRANSLATE_NOOP("dashboard", "Gateway")
MESSAGES = QT_TRANSLATE_NOOP("dashboard", "Messages")
PARTS = QT_TRANSLATE_NOOP("dashboard", "SMS billed")
STATEMENTS = QT_TRANSLATE_NOOP("dashboard", "The recharge platform's daily statements")
DAY = QT_TRANSLATE_NOOP("dashboard", "Day")
ORDERS = QT_TRANSLATE_NOOP("dashboard", "Orders")
DIFFER = QT_TRANSLATE_NOOP("dashboard", "Orders that differ")
ORDER = QT_TRANSLATE_NOOP("dashboard", "Order")
KIND = QT_TRANSLATE_NOOP("dashboard", "Difference")
THEIRS = QT_TRANSLATE_NOOP("dashboard", "Platform")
OURS = QT_TRANSLATE_NOOP("dashboard", "Hub")


def _t(text: str, **params: object) -> str:
    return translate("dashboard", text).format(**params) if params else translate("dashboard", text)


@router.get("/dashboard/gateways", response_class=HTMLResponse)
def gateways_page(request: Request, who: PageReader, hub: HubDep) -> HTMLResponse:
    gateways = getattr(request.app.state, "gateways", None)
    if gateways is None:
        mode = f"<p class=muted>{escape(_t(NOT_SERVING))}</p>"
    elif gateways.demo:
        mode = f"<p class=warn><b>{escape(_t(DEMO))}</b></p>"
    else:
        mode = f"<p class=ok>{escape(_t(REAL, sms=gateways.sms_name, biller=gateways.biller_name))}</p>"
    costs = [[c["name"], c["month"], c["gateway"], str(c["messages"]), str(c["parts"])] for c in monthly_costs(hub)]
    ensure_gateway_tables(hub.engine)
    with reading(hub.engine) as conn:
        days = conn.execute(select(biller_statements).order_by(biller_statements.c.day.desc()).limit(31)).all()
        differ = conn.execute(select(statement_differences).where(statement_differences.c.settled_at.is_(None))
                              .order_by(statement_differences.c.day.desc(), statement_differences.c.order_no)
                              .limit(500)).all()
    body = (f"<h1>{escape(_t(TITLE))}</h1>{mode}"
            f"<h2>{escape(_t(COSTS))}</h2>"
            + table([_t(STATION), _t(MONTH), _t(GATEWAY), _t(MESSAGES), _t(PARTS)], costs, numeric=(3, 4))
            + f"<h2>{escape(_t(STATEMENTS))}</h2>"
            + table([_t(DAY), _t(ORDERS), _t(DIFFER)], [[d.day, str(d.orders), str(d.differing)] for d in days],
                    numeric=(1, 2), row_classes=["red" if d.differing else "" for d in days])
            + table([_t(DAY), _t(ORDER), _t(KIND), _t(THEIRS), _t(OURS)],
                    [[d.day, d.order_no, d.kind, d.theirs or "-", d.ours or "-"] for d in differ],
                    row_classes=["red"] * len(differ)))
    return page(_t(TITLE), body, who)
