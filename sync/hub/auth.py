"""Who is asking: the one place the hub's routers learn it, as FastAPI dependencies.

- A station: `Authorization: Bearer <token>` (`sync.hub.credentials` keeps only its hash).
  `PathStation` checks the token against the `{station_id}` of the path (401 wrong or revoked,
  403 another station's); `TokenStation` answers the station the token names.
- County staff over HTTP: Basic with UTF-8 names and passwords (`CountyStaff`, 401 otherwise),
  so staff can log in as 县运营中心.
- County staff in the dashboard: a signed session cookie set by the login form, or Basic
  (`DashboardUser`: a person without either is sent to the login form). The cookie is an
  HMAC keyed by the staff member's password hash: nothing is stored on the hub, and changing
  the password ends every session. `StaffOrSession` takes either and refuses with a 401
  answer instead of the login form (evidence files, which are opened from the dashboard).
"""

# no `from __future__ import annotations`: FastAPI reads the dependencies' annotations

import base64
import hashlib
import hmac
import time
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Depends, Header, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from sync import protocol as p
from sync.hub.db import admins, reading
from sync.hub.dependencies import HubDep
from sync.hub.store import Hub, HubError

COOKIE = "vs_county"
SESSION_SECONDS = 12 * 3600


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


async def path_station(station_id: str, hub: HubDep, authorization: Annotated[str | None, Header()] = None) -> str:
    """The `{station_id}` of the path, once the token is shown to be that station's."""
    await run_in_threadpool(hub.authenticate, _bearer(authorization), station_id)
    return station_id


async def token_station(hub: HubDep, authorization: Annotated[str | None, Header()] = None) -> str:
    """The station the token names."""
    return await run_in_threadpool(hub.station_of, _bearer(authorization))


# -- county staff ---------------------------------------------------------------------------------


async def county_staff(hub: HubDep, credentials: BasicCredentials) -> str:
    """The staff member's name, when the Basic name and password are right."""
    if credentials is None or not await run_in_threadpool(hub.check_admin, credentials.username,
                                                          credentials.password):
        raise staff_refused()
    return credentials.username


def _password_key(hub: Hub, name: str) -> str | None:
    with reading(hub.engine) as conn:
        row = conn.execute(select(admins.c.password_hash).where(admins.c.name == name)).first()
    return row.password_hash if row else None


def _sign(key_hex: str, name: str, expires: int) -> str:
    return hmac.new(bytes.fromhex(key_hex), f"{name}|{expires}".encode(), hashlib.sha256).hexdigest()


def session_cookie(hub: Hub, name: str, now: float | None = None) -> str:
    """The signed session value for a staff member who just logged in."""
    key = _password_key(hub, name)
    if key is None:
        raise ValueError(f"no county staff login {name!r}")
    expires = int(now if now is not None else time.time()) + SESSION_SECONDS
    encoded = base64.urlsafe_b64encode(name.encode()).decode().rstrip("=")
    return f"{encoded}.{expires}.{_sign(key, name, expires)}"


def session_user(hub: Hub, value: str | None, now: float | None = None) -> str | None:
    """The staff member a session cookie names, or None (missing, expired, forged, password changed)."""
    try:
        encoded, expires_text, sig = (value or "").split(".")
        name = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
        expires = int(expires_text)
    except (ValueError, UnicodeDecodeError):
        return None
    if expires < (now if now is not None else time.time()):
        return None
    key = _password_key(hub, name)
    return name if key and hmac.compare_digest(_sign(key, name, expires), sig) else None


def _staff_name(hub: Hub, request: Request, credentials: HTTPBasicCredentials | None) -> str | None:
    """The staff member the session cookie names, else the one whose Basic password is right."""
    name = session_user(hub, request.cookies.get(COOKIE))
    if name is None and credentials is not None and hub.check_admin(credentials.username, credentials.password):
        name = credentials.username
    return name


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
