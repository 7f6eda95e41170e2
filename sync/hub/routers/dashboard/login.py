"""The dashboard's login form and logout: the session cookie of `sync.hub.auth`, under /dashboard."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from html import escape
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub import lockout, sessions
from sync.hub.auth import COOKIE, SESSION_SECONDS, address_of, csrf_field
from sync.hub.dependencies import HubDep
from sync.hub.pages import ZH, page

router = APIRouter(include_in_schema=False)
TOO_MANY = QT_TRANSLATE_NOOP("dashboard", "Too many wrong passwords: try again in {minutes} minutes")


def safe_next(text: str | None) -> str:
    """Where to go after logging in: a dashboard page of this hub, never another site."""
    return text if text and text.startswith("/dashboard") and "//" not in text else "/dashboard"


def login_form(next_path: str, message: str = "") -> str:
    note = f'<p class="warn">{escape(message)}</p>' if message else ""
    return (f'<form class="login" method="post" action="/dashboard/login"><h1>县级中心登录</h1>{note}'
            f'<input type="hidden" name="next" value="{escape(next_path)}">'
            f'<label for="name">用户名</label><input id="name" name="name" autocomplete="username" autofocus>'
            f'<label for="password">密码</label><input id="password" name="password" type="password" '
            f'autocomplete="current-password"><button type="submit">登录</button></form>')


@router.get("/dashboard/login", response_class=HTMLResponse)
def login_page(next: str = "/dashboard") -> HTMLResponse:
    return page("登录", login_form(safe_next(next)))


@router.post("/dashboard/login")
async def login(request: Request, hub: HubDep) -> Response:
    """Log in: a new session on the hub, its cookie Secure under TLS (also behind a trusted TLS
    proxy). Wrong passwords count towards a wait (`sync.hub.lockout`), checked before the password."""
    form = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8", "replace"), max_num_fields=20).items()}
    name, password = form.get("name", "").strip()[:60], form.get("password", "")
    next_path = safe_next(form.get("next"))
    address = address_of(request)
    right, wait = (False, 0) if not name else await run_in_threadpool(lockout.check, hub, name, password, address)
    if wait and not right:
        minutes = max(1, (wait + 59) // 60)
        message = translate("dashboard", TOO_MANY, ZH).format(minutes=minutes)
        return page("登录", login_form(next_path, message), status=429)
    if not right:
        return page("登录", login_form(next_path, "用户名或密码不对"), status=401)
    value = await run_in_threadpool(sessions.start, hub, name, address)
    answer = RedirectResponse(next_path, status_code=303)
    answer.set_cookie(COOKIE, value, max_age=SESSION_SECONDS, httponly=True, samesite="lax",
                      secure=request.url.scheme == "https", path="/dashboard")
    return answer


@router.get("/dashboard/logout", response_class=HTMLResponse)
def logout_page(request: Request) -> HTMLResponse:
    """Logging out is a form (a link from another site cannot log anyone out)."""
    return page("退出登录", f'<form class="login" method="post" action="/dashboard/logout"><h1>退出登录？</h1>'
                        f'{csrf_field(request)}<button type="submit">退出</button></form>')


@router.post("/dashboard/logout")
def logout(request: Request, hub: HubDep) -> Response:
    """Log out: the session ends on the hub (the cookie is worth nothing from now on)."""
    sessions.end(hub, request.cookies.get(COOKIE))
    answer = RedirectResponse("/dashboard/login", status_code=303)
    answer.delete_cookie(COOKIE, path="/dashboard", secure=request.url.scheme == "https", httponly=True,
                         samesite="lax")
    return answer
