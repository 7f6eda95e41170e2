"""County staff roles: a county admin changes things, a viewer reads the dashboard, an auditor
reads it and the audit log. A login without a role of its own is an admin (logins made before
roles existed keep what they could do).

`sync.hub.auth.require_role` is how routes ask for a role; the CLI sets one with
`station-hub add-admin NAME --role ...`.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select

from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.db import reading, writing
from sync.hub.office_db import ensure_office_tables, staff_roles
from sync.hub.store import Hub, HubError

ADMIN, VIEWER, AUDITOR = "admin", "viewer", "auditor"
ROLES = {
    ADMIN: QT_TRANSLATE_NOOP("dashboard", "County admin"),
    VIEWER: QT_TRANSLATE_NOOP("dashboard", "Viewer"),
    AUDITOR: QT_TRANSLATE_NOOP("dashboard", "Auditor"),
}


def role_name(role: str) -> str:
    """The role as county staff read it (Chinese)."""
    return translate("dashboard", ROLES.get(role, role))


def role_of(hub: Hub, name: str) -> str:
    """The role of staff login `name` (admin when none was set)."""
    ensure_office_tables(hub.engine)
    with reading(hub.engine) as conn:
        role = conn.execute(select(staff_roles.c.role).where(staff_roles.c.name == name)).scalar()
    return str(role) if role else ADMIN


def set_role(hub: Hub, name: str, role: str, by: str) -> None:
    """Give staff login `name` a role. Raises HubError 400 for an unknown role."""
    if role not in ROLES:
        raise HubError(400, "malformed", f"unknown role {role!r}: use {', '.join(ROLES)}")
    ensure_office_tables(hub.engine)
    with writing(hub.engine) as conn:
        conn.execute(delete(staff_roles).where(staff_roles.c.name == name))
        conn.execute(insert(staff_roles).values(name=name, role=role, set_at=hub.now(), set_by=by[:80]))
