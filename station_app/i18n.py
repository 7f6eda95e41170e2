"""The station language, without Qt.

One catalogue serves everything: `assets/translations/station_zh_CN.ts` (Qt Linguist).
The Qt UI loads its compiled `.qm` through a QTranslator; code that must not import Qt
(core errors, receipts, reports, the command line) reads the same `.ts` here.
Source strings are English; Simplified Chinese is the default language.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET

from station_app.resources import asset

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_current = DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang


def language() -> str:
    return _current


@functools.cache
def catalogue(lang: str) -> dict[tuple[str, str], str]:
    """(context, source) -> translation, read from the language's .ts file."""
    path = asset("translations", f"station_{lang}.ts")
    if not path.exists():
        return {}
    table: dict[tuple[str, str], str] = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source")
            tr = msg.find("translation")
            if source is None or tr is None or not tr.text:
                continue
            if tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            table[(name, source)] = tr.text
    return table


def translate(context: str, text: str, lang: str | None = None) -> str:
    """The text in the station language (the English source when no translation exists).

    Named like Qt's so that `pyside6-lupdate` collects these calls into the .ts file.
    """
    lang = lang or _current
    if lang == "en":
        return text
    return catalogue(lang).get((context, text), text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark a string for translation where it is defined; translate it where it is shown."""
    return text
