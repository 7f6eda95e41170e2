"""Who is asking: the one place the hub's routers learn it, as FastAPI dependencies.

- A station: `Authorization: Bearer <token>` (`sync.hub.credentials` keeps only its hash).
  `PathStation` checks the token against the `{station_id}` of the path (401 wrong or revoked,
  403 another station's); `TokenStation` answers the station the token names.
- County staff over HTTP: Basic with UTF-8 names and passwords (`CountyStaff`, 401 otherwise),
  so staff can log in as 县运营中心.
- County staff in the dashboard: the session cookie set by the login form, or Basic
  (`DashboardUser`: a person without either is sent to the login form). Sessions are kept on
  the hub (`sync.hub.sessions`): logout ends one, setting the password again ends them all.
  `StaffOrSession` takes either and refuses with a 401 answer instead of the login form
  (evidence files, which are opened from the dashboard).
- Every password check goes through `sync.hub.lockout` first (429 while a name or address
  must wait). Basic is for machine clients (`sync.hub.middleware`: no cookie, no forms, no
  other sites); the dashboard's forms carry the session's CSRF token (`csrf_field`).
"""

# no `from __future__ import annotations`: FastAPI reads the dependencies' annotations

import base64
from collections.abc import Awaitable, Callable
from html import escape
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Header, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from starlette.concurrency import run_in_threadpool

from station_app.i18n import translate
from sync import protocol as p
from sync.hub import lockout, roles, sessions
from sync.hub.dependencies import HubDep
from sync.hub.pages import NotFoundPage
from sync.hub.store import Hub, HubError

COOKIE, SESSION_SECONDS = sessions.COOKIE, sessions.SESSION_SECONDS


class Utf8Basic(HTTPBasic):
    """HTTP Basic with UTF-8 names and passwords (RFC 7617), so staff can log in as 县运营中心."""

    async def __call__(self, request: Request) -> HTTPBasicCredentials | None:  # type: ignore[override]
        scheme, _, param = (request.headers.get("Authorization") or "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            name, sep, password = base64.b64decode(param, validate=True).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return None
        return HTTPBasicCredentials(username=name, password=password) if sep else None


basic = Utf8Basic(realm="county hub", auto_error=False)
BasicCredentials = Annotated[HTTPBasicCredentials | None, Depends(basic)]


def staff_refused() -> HubError:
    return HubError(401, "admin", "county staff name and password required")


# -- stations -------------------------------------------------------------------------------------


def _bearer(authorization: str | None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HubError(401, p.BAD_TOKEN, "a station token is required")
    return token.strip()


bearer_token = _bearer  # the token itself, for a route that keeps something with it (bundle keys)


async def path_station(station_id: str, hub: HubDep, authorization: Annotated[str | None, Header()] = None) -> str:
    """The `{station_id}` of the path, once the token is shown to be that station's."""
    await run_in_threadpool(hub.authenticate, _bearer(authorization), station_id)
    return station_id


async def token_station(hub: HubDep, authorization: Annotated[str | None, Header()] = None) -> str:
    """The station the token names."""
    return await run_in_threadpool(hub.station_of, _bearer(authorization))


# -- county staff ---------------------------------------------------------------------------------


def address_of(request: Request | None) -> str:
    """The asking client's address (the real one behind a trusted proxy: `sync.hub.middleware`)."""
    return request.client.host if request is not None and request.client else ""


def check_password(hub: Hub, name: str, password: str, address: str) -> bool:
    """Is this staff member's password right? Raises 429 (HubError) while the name or the
    address must wait after wrong passwords (`sync.hub.lockout`): no scrypt is spent then."""
    right, wait = lockout.check(hub, name, password, address)
    if not right and wait:
        raise HubError(429, "locked", f"too many wrong passwords: try again in {wait} s", retry_after=wait)
    return right


async def county_staff(hub: HubDep, credentials: BasicCredentials, request: Request) -> str:
    """The staff member's name, when the Basic name and password are right."""
    if credentials is None or not await run_in_threadpool(check_password, hub, credentials.username,
                                                          credentials.password, address_of(request)):
        raise staff_refused()
    return credentials.username


def session_user(hub: Hub, value: str | None) -> str | None:
    """The staff member of a live session cookie, or None (missing, ended, expired, forged,
    password set again)."""
    return sessions.user(hub, value)


def _staff_name(hub: Hub, request: Request, credentials: HTTPBasicCredentials | None) -> str | None:
    """The staff member the session cookie names, else the one whose Basic password is right."""
    name = session_user(hub, request.cookies.get(COOKIE))
    if name is None and credentials is not None and check_password(hub, credentials.username, credentials.password,
                                                                   address_of(request)):
        name = credentials.username
    return name


def csrf_token(request: Request) -> str:
    """The CSRF token of the asking session ("" without one): forms that POST carry it."""
    value = request.cookies.get(COOKIE)
    return sessions.csrf_token(request.app.state.hub, value) if value else ""


def csrf_field(request: Request) -> str:
    """The hidden form field with the session's CSRF token (HTML), for every POST form."""
    return f'<input type="hidden" name="csrf" value="{escape(csrf_token(request))}">'


def staff_or_session(request: Request, hub: HubDep, credentials: BasicCredentials) -> str:
    """The staff member (session or Basic); a 401 answer for anyone else."""
    name = _staff_name(hub, request, credentials)
    if name is None:
        raise staff_refused()
    return name


class LoginNeeded(Exception):
    """The page needs a county staff login; the answer is the login form."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def dashboard_user(request: Request, hub: HubDep, credentials: BasicCredentials) -> str:
    """The staff member (session or Basic); anyone else is sent to the login form, and back here after."""
    name = _staff_name(hub, request, credentials)
    if name is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginNeeded(path)
    return name


async def login_needed(_request: Request, exc: Exception) -> Response:
    """The answer to `LoginNeeded`: the login form, which comes back to the page asked for."""
    assert isinstance(exc, LoginNeeded)
    return RedirectResponse(f"/dashboard/login?{urlencode({'next': exc.path})}", status_code=303)


PathStation = Annotated[str, Depends(path_station)]
TokenStation = Annotated[str, Depends(token_station)]
CountyStaff = Annotated[str, Depends(county_staff)]
StaffOrSession = Annotated[str, Depends(staff_or_session)]
DashboardUser = Annotated[str, Depends(dashboard_user)]


# -- roles (county admin / viewer / auditor: `sync.hub.roles`) -------------------------------------

ADMIN, VIEWER, AUDITOR = roles.ADMIN, roles.VIEWER, roles.AUDITOR


def require_role(*allowed: str, page: bool = False) -> Callable[..., Awaitable[str]]:
    """A dependency: the staff member asking, when their role is one of `allowed`.

    `page` (the dashboard): the session cookie or Basic; nobody -> the login form, another
    role -> a 403 page. Otherwise (JSON endpoints for machine clients): Basic only; nobody ->
    401, another role -> 403, as the hub's JSON refusal."""

    async def staff_with_role(request: Request, hub: HubDep, credentials: BasicCredentials) -> str:
        if page:
            name = await run_in_threadpool(_staff_name, hub, request, credentials)
            if name is None:
                raise LoginNeeded(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        else:
            name = await county_staff(hub, credentials, request)
        role = await run_in_threadpool(roles.role_of, hub, name)
        if role not in allowed:
            wanted = "、".join(roles.role_name(r) for r in allowed)
            if page:
                raise NotFoundPage(translate("dashboard", "Your login ({role}) may not do this: it needs {wanted}.")
                                   .format(role=roles.role_name(role), wanted=wanted), 403)
            raise HubError(403, "forbidden", f"the login {name!r} ({role}) may not do this: it needs "
                           f"{' or '.join(allowed)}")
        request.state.staff_role = role
        return name

    return staff_with_role


#: the dashboard's readers (every role), its auditors, and whoever may change the hub
PageReader = Annotated[str, Depends(require_role(ADMIN, VIEWER, AUDITOR, page=True))]
PageAuditor = Annotated[str, Depends(require_role(ADMIN, AUDITOR, page=True))]
PageAdmin = Annotated[str, Depends(require_role(ADMIN, page=True))]
ApiReader = Annotated[str, Depends(require_role(ADMIN, VIEWER, AUDITOR))]
ApiAdmin = Annotated[str, Depends(require_role(ADMIN))]
