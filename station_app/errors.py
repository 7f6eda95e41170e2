"""Errors a person can act on.

A `UserError` means the input was refused and nothing was changed. Its text is an
English source string marked for the translation catalogue; `str(err)` gives it in the
station language (Simplified Chinese by default).
"""

from __future__ import annotations

from typing import Any

from station_app.i18n import translate


class UserError(Exception):
    """Bad input or an action that is not allowed now; the database is untouched."""

    def __init__(self, source: str, /, **params: Any) -> None:
        self.text = source
        self.params = params
        super().__init__(source)

    def message(self, lang: str | None = None) -> str:
        template = translate("errors", self.text, lang)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.text.format(**self.params)

    def __str__(self) -> str:
        return self.message()


class ValidationError(UserError):
    """A value that breaks a rule (format, range, check digit)."""


class NotFound(UserError):
    """The thing asked for does not exist here."""


class Conflict(UserError):
    """The action clashes with what is already recorded (a duplicate, a wrong state)."""


class PermissionDenied(UserError):
    """The acting operator may not do this."""


class WrongPin(UserError):
    """A login failed; `remaining` attempts are left before lock-out."""

    def __init__(self, source: str, /, *, remaining: int, **params: Any) -> None:
        super().__init__(source, remaining=remaining, **params)
        self.remaining = remaining


class LockedOut(UserError):
    """An operator is locked out after repeated failures."""


class StorageError(UserError):
    """The station file cannot be used as it is (damaged, too new, disk full)."""


class DamagedStation(StorageError):
    """The file fails its checks; it is never repaired silently. Restore from a backup."""


class NewerVersion(StorageError):
    """The file was written by a newer version of the program."""


class DiskFull(StorageError):
    """The disk is full; the last action was not saved."""
