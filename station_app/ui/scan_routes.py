"""Where a scan goes (DESIGN §7, "scans go where the operator is"): what a scanned code may be
(scan kinds), the fields and pages that say which kinds they take, and the router that hands
each scan to the one that takes it — or says that nobody does, changing nothing.

    accept_scans(self.account, {BILL, PHONE, ID_CARD, UNKNOWN})   # a field fills itself
    class HandOverPage(Page): scan_kinds = frozenset({PICKUP, PHONE, PERSON_CARD})

`ui.scanning` re-exports all of this with the key filter that reads wedge scanners.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from station_app.core import labels
from station_app.devices import classify
from station_app.errors import UserError
from station_app.i18n import QT_TRANSLATE_NOOP


def make_scan_field(line_edit: QLineEdit) -> QLineEdit:
    """Make a field safe for scanned codes: no input method (an active Pinyin IME would take
    the scanner's letters into its composition), no predictive text. Returns the field."""
    line_edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    line_edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferLatin | Qt.InputMethodHint.ImhNoPredictiveText
                                  | Qt.InputMethodHint.ImhNoAutoUppercase)
    return line_edit


# -- what a scan is, and who says they take it ---------------------------------------------------

#: Scan kinds: the classifier's kinds, with the station's own labels told apart by what they carry.
WAYBILL, EAN13, EAN8, PICKUP = classify.WAYBILL, classify.EAN13, classify.EAN8, classify.PICKUP
PHONE, ID_CARD, BILL = classify.PHONE, classify.ID_CARD, classify.BILL
PERSON_CARD, TRACE_LABEL = f"label:{labels.PERSON}", f"label:{labels.TRACE}"
SESSION_LABEL, ORDER_LABEL = f"label:{labels.SESSION}", f"label:{labels.ORDER}"
#: a code the classifier does not know (another system's code, a bill account of unusual length)
UNKNOWN = "unknown"
PRODUCT = frozenset({EAN13, EAN8})
EVERY_CODE = frozenset({WAYBILL, EAN13, EAN8, PICKUP, PHONE, ID_CARD, BILL, PERSON_CARD, TRACE_LABEL,
                        SESSION_LABEL, ORDER_LABEL})
ANYTHING = EVERY_CODE | {UNKNOWN}

_LABEL_KIND_NAMES = {
    PERSON_CARD: QT_TRANSLATE_NOOP("scans", "Villager card"),
    TRACE_LABEL: QT_TRANSLATE_NOOP("scans", "Traceability label"),
    SESSION_LABEL: QT_TRANSLATE_NOOP("scans", "Training session code"),
    ORDER_LABEL: QT_TRANSLATE_NOOP("scans", "Order slip"),
    UNKNOWN: QT_TRANSLATE_NOOP("scans", "Unknown code"),
}


def kind_name(kind: str) -> str:
    """What a scan kind is called on screen (station language)."""
    if kind in classify.KIND_NAMES:
        return QCoreApplication.translate("codes", classify.KIND_NAMES[kind])
    return QCoreApplication.translate("scans", _LABEL_KIND_NAMES.get(kind, kind))


@dataclass(frozen=True)
class ScanRead:
    """A scanned code and what it may be, for deciding who takes it."""

    code: str  # as scanned (prefix, suffix and control characters already removed)
    kind: str  # the best reading (a scan kind above)
    kinds: frozenset[str]  # every reading it may have: `kind` and the classifier's other guesses
    value: str  # normalised for `kind` (a cleaned phone, an upper-case waybill, a label payload)
    problem: str = ""  # for UNKNOWN: why the classifier does not know it (station language)

    def fits(self, accepted: frozenset[str] | set[str] | None) -> bool:
        """Some reading of this code is among `accepted` (None: anything)."""
        return accepted is None or bool(self.kinds & set(accepted))


def read_scan(code: str) -> ScanRead:
    """Classify `code` into scan kinds (never raises: an unknown code is UNKNOWN, with why)."""
    text = code.strip()
    try:
        found = classify.classify(text)
    except UserError as exc:
        return ScanRead(text, UNKNOWN, frozenset({UNKNOWN}), text, str(exc))
    kind = f"label:{found.label.kind}" if found.kind == classify.LABEL and found.label else found.kind
    return ScanRead(text, kind, frozenset({kind, *found.also}), found.value)


#: what a field does with a scan it accepts: fill itself (None) or call back with the read
FieldHandler = Callable[[ScanRead], Any]
_FIELDS: weakref.WeakKeyDictionary[QWidget, tuple[frozenset[str], FieldHandler | None]] = weakref.WeakKeyDictionary()


def accept_scans(field: QWidget, kinds: frozenset[str] | set[str], on_scan: FieldHandler | None = None) -> QWidget:
    """Declare that `field` takes scans of `kinds` while it has the keyboard focus (a bill
    account, a phone, a person card, a product label, a trace code). Such a scan fills the
    field (its normalised value replaces the text) or, with `on_scan`, is handed to
    `on_scan(read)`. A scan of another kind goes to the page as usual. Returns the field."""
    if isinstance(field, QLineEdit):
        make_scan_field(field)
    _FIELDS[field] = (frozenset(kinds), on_scan)
    return field


def field_kinds(field: QWidget) -> frozenset[str] | None:
    """The kinds `field` declared with `accept_scans` (None when it declared none)."""
    entry = _FIELDS.get(field)
    return entry[0] if entry else None


def _fill(field: QWidget, read: ScanRead) -> None:
    edit: QWidget | None = field.lineEdit() if isinstance(field, QComboBox) and field.isEditable() else field
    text = read.code if read.kind == UNKNOWN else read.value
    if isinstance(edit, QLineEdit) and not edit.isReadOnly():
        edit.setText(text)
        edit.setCursorPosition(len(text))
    elif isinstance(edit, (QPlainTextEdit, QTextEdit)) and not edit.isReadOnly():
        edit.insertPlainText(text)


def _declared_field(focus: QWidget | None, within: QWidget | None) -> QWidget | None:
    """The focused widget, or the composite it belongs to (an editable combo), if declared."""
    widget = focus
    while widget is not None and shiboken6.isValid(widget):
        if widget in _FIELDS:
            return widget
        if widget is within or widget.isWindow():
            return None
        widget = widget.parentWidget()
    return None


class ScanRouter(QObject):
    """Where a scan goes (DESIGN §7, "scans go where the operator is"):

    1. a modal dialog: its focused field if that field accepts the code, else the dialog's
       own handler; nothing else while it is open;
    2. a separate window that registered (the full-screen sign-in): its handler;
    3. the focused field of the page on screen, if it accepts the code (`accept_scans`);
    4. the page on screen (`set_active`), if its kinds (`scan_kinds`) fit the code;
    5. without a page on screen (a page or tool used on its own): the first visible
       registered widget whose kinds fit, else the default handler.

    A code nobody takes changes nothing: `ignored` and `refused` say so (the main window
    shows the reason on the page). A handler may return False to refuse a code after all."""

    #: a scan that nobody took (the code)
    ignored = Signal(str)
    #: a scan that nobody took, as a ScanRead, for the page on screen to say so
    refused = Signal(object)
    #: a scan that was taken: (ScanRead, the widget that took it)
    taken = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: list[tuple[weakref.ref[QWidget], Callable[[str], Any], frozenset[str] | None]] = []
        self._active: weakref.ref[QWidget] | None = None
        self._default: Callable[[str], Any] | None = None

    def set_handler(self, target: QWidget, handler: Callable[[str], Any] | None,
                    kinds: frozenset[str] | set[str] | None = None) -> None:
        """`target` (a page, window or dialog) takes scans with `handler(code)`; None unregisters.
        `kinds`: what it takes; by default the target's own `scan_kinds` attribute, read at each
        scan (so a page may take other kinds on each tab), and anything when it has none."""
        self._handlers = [entry for entry in self._handlers if entry[0]() is not None and entry[0]() is not target]
        if handler is not None:
            self._handlers.append((weakref.ref(target), handler, frozenset(kinds) if kinds is not None else None))

    def set_active(self, page: QWidget | None) -> None:
        """The main window says which page is on screen."""
        self._active = weakref.ref(page) if page is not None else None

    def set_default(self, handler: Callable[[str], Any] | None) -> None:
        """Scans nobody wants when no page is on screen (a tool used on its own)."""
        self._default = handler

    def _entry(self, widget: QWidget | None) -> tuple[Callable[[str], Any], frozenset[str] | None] | None:
        if widget is None or not shiboken6.isValid(widget):
            return None
        for ref, handler, kinds in self._handlers:
            if ref() is widget:
                return handler, kinds if kinds is not None else getattr(widget, "scan_kinds", None)
        return None

    def handler_for(self, widget: QWidget | None) -> Callable[[str], Any] | None:
        entry = self._entry(widget)
        return entry[0] if entry else None

    def kinds_for(self, widget: QWidget | None) -> frozenset[str] | None:
        """What `widget` takes now (None: anything, or not registered)."""
        entry = self._entry(widget)
        return entry[1] if entry else None

    def active_page(self) -> QWidget | None:
        page = self._active() if self._active is not None else None
        return page if page is not None and shiboken6.isValid(page) else None

    def route(self, code: str) -> bool:
        """Hand `code` to its taker; False (with `ignored` and `refused`) when nobody takes it."""
        read = read_scan(code)
        modal = QApplication.activeModalWidget()
        if modal is not None:
            if self._to_field(modal, read) or self._to_target(modal, read):
                return True
            self.ignored.emit(code)  # the dialog says nothing: the operator is busy with it
            return False
        window = QApplication.activeWindow()
        if window is not None and self._entry(window) is not None:
            return self._to_target(window, read) or self._refuse(read)
        page = self.active_page()
        if page is not None:
            if page.isVisible() and (self._to_field(page, read) or self._to_target(page, read)):
                return True
            return self._refuse(read)
        for ref, _handler, _kinds in list(self._handlers):
            widget = ref()
            if (widget is not None and shiboken6.isValid(widget) and widget.isVisible()
                    and (self._to_field(widget, read) or self._to_target(widget, read))):
                return True
        if self._default is not None:
            self._default(code)
            return True
        return self._refuse(read)

    def _to_field(self, within: QWidget, read: ScanRead) -> bool:
        field = _declared_field(QApplication.focusWidget(), within)
        if field is None or not within.isAncestorOf(field):
            return False
        kinds, on_scan = _FIELDS[field]
        if not read.fits(kinds):
            return False
        if on_scan is None:
            _fill(field, read)
        elif on_scan(read) is False:
            return False
        self.taken.emit(read, field)
        return True

    def _to_target(self, target: QWidget, read: ScanRead) -> bool:
        entry = self._entry(target)
        if entry is None or not read.fits(entry[1]):
            return False
        if entry[0](read.code) is False:
            return False
        self.taken.emit(read, target)
        return True

    def _refuse(self, read: ScanRead) -> bool:
        self.ignored.emit(read.code)
        self.refused.emit(read)
        return False
