"""The county dashboard (Chinese web pages under /dashboard, for a laptop or a phone), one module
per group of pages: `login`, the month's figures and the records behind them (`monthly`), what
to chase today (`follow_up`), `training`, the `subsidy` claim, and the xlsx `exports`. Every
page but the login form wants a county staff login (`sync.hub.auth.DashboardUser`); the HTML
pieces they share are `sync.hub.pages`.
"""

from fastapi import APIRouter

from sync.hub.routers.dashboard import exports, follow_up, login, monthly, subsidy, training

router = APIRouter()
for group in (login, monthly, follow_up, training, subsidy, exports):
    router.include_router(group.router)
