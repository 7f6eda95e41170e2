"""The printer's words for people, and who translates them.

printer is a library: it knows no station and no language. Its messages (printer errors,
the reprint line) are English source strings marked with `QT_TRANSLATE_NOOP(context, text)`,
so `pyside6-lupdate` (which finds the marker by its name) collects them into the program's
catalogue; the program that prints passes a `Translate` to turn them into its language.
"""

from __future__ import annotations

from collections.abc import Callable

#: (context, English source) -> the text in the reader's language
Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark a string for translation where it is defined; the caller translates it where it is shown."""
    return text


def untranslated(context: str, text: str) -> str:
    """The English source as it is (the default where no one translates)."""
    return text
