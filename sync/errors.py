"""Why a sync did not finish, in words a person can act on.

`LinkDown` (no answer, 5xx, a login web page instead of the hub, a timeout) fixes itself:
sync retries with backoff, forever in the background. `Refused` (a revoked token, a fork,
an old program) will not: it is shown loudly with what to do, and nothing is overwritten.
"""

from __future__ import annotations

from typing import Any

from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP


class SyncError(UserError):
    """A sync cycle stopped; `code` names the reason for logs and the --json output."""

    code = "sync_error"
    refused = False

    def __init__(self, source: str, /, *, code: str | None = None, **params: Any) -> None:
        super().__init__(source, **params)
        if code:
            self.code = code


class LinkDown(SyncError):
    """The hub could not be reached or did not answer properly; retrying will help."""

    code = "link_down"


class LinkTimeout(LinkDown):
    """No answer in time (the batch was perhaps too big for the link)."""

    code = "timeout"


class Refused(SyncError):
    """The hub refused, or the station must not go on; a person has to act."""

    code = "refused"
    refused = True


class SyncBusy(SyncError):
    """Another sync of this station file is running."""

    code = "busy"


class Stopped(SyncError):
    """The program is closing; the cycle stopped between two safe points."""

    code = "stopped"


def no_answer(detail: str) -> LinkDown:
    return LinkDown(QT_TRANSLATE_NOOP("errors", "No answer from the county hub ({detail}). Sync will try again by itself."),
                    detail=detail)


def timed_out() -> LinkTimeout:
    return LinkTimeout(QT_TRANSLATE_NOOP("errors", "The county hub did not answer in time. Sync will try again by itself."))


def not_the_hub(status: int) -> LinkDown:
    return LinkDown(QT_TRANSLATE_NOOP(
        "errors", "The network answered with something that is not the county hub (HTTP {status}, perhaps a Wi-Fi "
                  "login page). Log in to the network if asked; sync will try again by itself."),
        code="not_the_hub", status=status)


def hub_trouble(status: int) -> LinkDown:
    return LinkDown(QT_TRANSLATE_NOOP("errors", "The county hub has a problem (HTTP {status}). Sync will try again by itself."),
                    code="hub_error", status=status)


REFUSALS = {
    "bad_token": QT_TRANSLATE_NOOP(
        "errors", "The county hub no longer accepts this station's key (revoked or wrong). Ask the county office for a "
                  "new enrollment code and enroll again. Nothing on this PC was lost."),
    "wrong_station": QT_TRANSLATE_NOOP(
        "errors", "This station's key belongs to another station. Ask the county office for a new enrollment code and "
                  "enroll again. Nothing on this PC was lost."),
    "fork": QT_TRANSLATE_NOOP(
        "errors", "The county hub holds different records under the same numbers (record {seq}): this station file may "
                  "be a copy or an old backup. Nothing was sent or overwritten. Call the county office before going on."),
    "broken_chain": QT_TRANSLATE_NOOP(
        "errors", "This station's records are damaged near record {seq} (they do not match their checksums). Nothing "
                  "was sent. Run 'check' and call the county office."),
    "upgrade": QT_TRANSLATE_NOOP(
        "errors", "The county hub needs a newer version of this program. Please install the update; nothing was lost."),
    "malformed": QT_TRANSLATE_NOOP(
        "errors", "The county hub could not read what this station sent ({detail}). Please install the update or call "
                  "the county office."),
    "too_large": QT_TRANSLATE_NOOP("errors", "Record {seq} is too large for the county hub to accept. Call the county office."),
    "bad_code": QT_TRANSLATE_NOOP(
        "errors", "The enrollment code is wrong, expired or already used. Ask the county office for a new one."),
    "not_enrolled": QT_TRANSLATE_NOOP(
        "errors", "This station is not enrolled with a county hub yet. Enroll it with the code from the county office."),
    "plain_http": QT_TRANSLATE_NOOP(
        "errors", "The hub address must start with https:// (plain http is only allowed to this PC itself)."),
    "hub_data": QT_TRANSLATE_NOOP(
        "errors", "The county sent data this version of the program cannot use ({kind}). Please install the update."),
    "hub_mismatch": QT_TRANSLATE_NOOP(
        "errors", "County record {number} differs from the one this station already holds: was it enrolled with "
                  "another county hub? Nothing was changed. Call the county office."),
    "not_empty": QT_TRANSLATE_NOOP(
        "errors", "This station file already has records: a station can only be restored from the hub into a new, "
                  "empty file."),
}


def refused(code: str, **params: Any) -> Refused:
    defaults = {"detail": code, "seq": "?", "kind": "?"}
    return Refused(REFUSALS.get(code, REFUSALS["malformed"]), code=code, **{**defaults, **params})


def busy() -> SyncBusy:
    return SyncBusy(QT_TRANSLATE_NOOP("errors", "Another sync of this station is already running."))


def stopped() -> Stopped:
    return Stopped(QT_TRANSLATE_NOOP("errors", "Sync stopped because the program is closing."))
