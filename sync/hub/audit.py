"""The audit log: who changed what on the hub, when (a county operation, a setting, a login's
role, a month close). Read on /dashboard/audit and exported as xlsx or CSV.

A detail holds what a person needs to find the change again (a file's name and hash, a
setting's value, a station) and never a password, token or enrollment code: `record` drops
keys that could hold one.
"""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select

from station_app.core.events import canonical
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.db import reading, writing
from sync.hub.office_db import audit_log, ensure_office_tables, staff_roles
from sync.hub.store import Hub


def who() -> str:
    """The audit log's name for the person at the hub's console."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:?"


SECRET_KEYS = ("password", "token", "code", "secret", "nonce")
#: what each action is, as county staff read it (an action without a label shows its code)
ACTIONS = {
    "upload.previewed": QT_TRANSLATE_NOOP("dashboard", "File checked"),
    "upload.applied": QT_TRANSLATE_NOOP("dashboard", "File sent to the stations"),
    "notice.sent": QT_TRANSLATE_NOOP("dashboard", "Notice sent"),
    "service_categories.sent": QT_TRANSLATE_NOOP("dashboard", "Service ledger categories sent"),
    "county_setting.set": QT_TRANSLATE_NOOP("dashboard", "Target or county setting set"),
    "county_setting.pushed": QT_TRANSLATE_NOOP("dashboard", "County setting sent"),
    "hub_setting.changed": QT_TRANSLATE_NOOP("dashboard", "Hub setting changed"),
    "month.closed": QT_TRANSLATE_NOOP("dashboard", "Month closed"),
    "station.enroll_code": QT_TRANSLATE_NOOP("dashboard", "Enrollment code made"),
    "station.revoked": QT_TRANSLATE_NOOP("dashboard", "Station login revoked"),
    "flag.cleared": QT_TRANSLATE_NOOP("dashboard", "Warning settled by hand"),
    "staff.login_set": QT_TRANSLATE_NOOP("dashboard", "Staff login made or reset"),
    "staff.role_set": QT_TRANSLATE_NOOP("dashboard", "Staff role set"),
    "catalogue.imported": QT_TRANSLATE_NOOP("dashboard", "Catalogue imported"),
    "manifest.imported": QT_TRANSLATE_NOOP("dashboard", "Dispatch list imported"),
    "online_order.accepted": QT_TRANSLATE_NOOP("dashboard", "Online order accepted"),
    "online_order.cancelled": QT_TRANSLATE_NOOP("dashboard", "Online order cancelled"),
    "demo.started": QT_TRANSLATE_NOOP("dashboard", "Demo county made"),
}


def action_name(action: str) -> str:
    """An action as county staff read it."""
    return translate("dashboard", ACTIONS[action]) if action in ACTIONS else action


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    who: str
    role: str
    action: str
    target: str
    detail: dict[str, Any]


def _clean(detail: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in detail.items() if not any(s in k.lower() for s in SECRET_KEYS)}


def record_in(conn: Connection, now: str, who: str, action: str, target: str, detail: dict[str, Any] | None = None
              ) -> None:
    """One entry, inside the write transaction that makes the change (both or neither)."""
    role = conn.execute(select(staff_roles.c.role).where(staff_roles.c.name == who)).scalar()
    conn.execute(insert(audit_log).values(at=now, who=who[:80], role=str(role or ("cli" if who.startswith("cli:") else
                                                                                  "admin")),
                                          action=action[:60], target=target[:500],
                                          detail=canonical(_clean(detail or {}))))


def record(hub: Hub, who: str, action: str, target: str, detail: dict[str, Any] | None = None) -> None:
    """One entry in a transaction of its own."""
    ensure_office_tables(hub.engine)
    with writing(hub.engine) as conn:
        record_in(conn, hub.now(), who, action, target, detail)


def entries(hub: Hub, *, limit: int = 500, offset: int = 0) -> tuple[list[AuditEntry], int]:
    """The newest entries first (a page of `limit`), and how many there are in all."""
    ensure_office_tables(hub.engine)
    with reading(hub.engine) as conn:
        total = int(conn.execute(select(func.count()).select_from(audit_log)).scalar_one())
        rows = conn.execute(select(audit_log).order_by(audit_log.c.id.desc()).limit(limit).offset(offset)).all()
    return [AuditEntry(r.id, r.at, r.who, r.role, r.action, r.target, json.loads(r.detail)) for r in rows], total
