"""The dashboard's login form and logout: the session cookie of `sync.hub.auth`, under /dashboard."""

# no `from __future__ import annotations`: FastAPI reads the endpoints' annotations

from html import escape
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from sync.hub.auth import COOKIE, SESSION_SECONDS, session_cookie
from sync.hub.dependencies import HubDep
from sync.hub.pages import page

router = APIRouter(include_in_schema=False)


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
    form = {k: v[0] for k, v in parse_qs((await request.body()).decode("utf-8", "replace")).items()}
    name, password = form.get("name", "").strip(), form.get("password", "")
    next_path = safe_next(form.get("next"))
    if not name or not await run_in_threadpool(hub.check_admin, name, password):
        return page("登录", login_form(next_path, "用户名或密码不对"), status=401)
    answer = RedirectResponse(next_path, status_code=303)
    answer.set_cookie(COOKIE, session_cookie(hub, name), max_age=SESSION_SECONDS, httponly=True, samesite="lax",
                      secure=request.url.scheme == "https", path="/dashboard")
    return answer


@router.get("/dashboard/logout")
def logout() -> Response:
    answer = RedirectResponse("/dashboard/login", status_code=303)
    answer.delete_cookie(COOKIE, path="/dashboard")
    return answer
