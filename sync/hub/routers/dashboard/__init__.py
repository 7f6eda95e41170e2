"""The county dashboard (Chinese web pages under /dashboard, for a laptop or a phone), one module
per group of pages: `login`, the month's figures and the records behind them (`monthly`), every
station's health and the daily digest (`stations`), what to chase today (`follow_up`),
`training`, the `subsidy` claim, the files (`exports`), county operations (`operations`:
uploads, notices, targets, settings), the month close (`closing`), the `audit` log and the
courier's USB-stick `bundles`. Every
page but the login form wants a county staff login with a role that may see it
(`sync.hub.auth.require_role`); the HTML pieces they share are `sync.hub.pages`.
"""

from fastapi import APIRouter

from sync.hub.routers.dashboard import (
    archives,
    audit,
    bundles,
    claims,
    closing,
    exports,
    follow_up,
    gateways,
    indicators,
    login,
    monthly,
    operations,
    services,
    stations,
    subsidy,
    training,
)

router = APIRouter()
for group in (login, monthly, stations, follow_up, training, subsidy, exports, operations, closing, audit, bundles,
              services, claims, archives, indicators, gateways):
    router.include_router(group.router)
