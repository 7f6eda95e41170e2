"""The training page: plan sessions, start and end them, sign trainees in (scanner, phone,
on-the-spot registration), surveys, follow-ups, photos and the roster files — by keyboard."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from station_app.clock import SHANGHAI, local, parse_iso, show
from station_app.core import people, rosters, training
from station_app.core.changes import Changes
from station_app.i18n import translate
from station_app.receipts.training import sign_in_card
from station_app.ui.context import StationContext
from station_app.ui.pages.base import Page
from station_app.ui.scanning import PERSON_CARD, PHONE
from station_app.ui.signin_mode import SignInWindow, make_entry
from station_app.ui.training_archive import ArchiveDialog
from station_app.ui.widgets import (
    ElidedLabel,
    Notice,
    ReadOnlyTable,
    done_with,
    heading,
    save_cancel_row,
)


def category_name(code: str) -> str:
    return translate("training", training.CATEGORIES.get(code, code))


def _lecturer_lines(text: str) -> list[tuple[str, str]]:
    """One lecturer a line: "name: credentials" (any of ：:，, separates)."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for sep in ("：", ":", "，", ","):
            if sep in line:
                name, cred = line.split(sep, 1)
                break
        else:
            name, cred = line, ""
        out.append((name.strip(), cred.strip()))
    return out


ACTIONS_A_ROW = 4


def _fit_columns(table: ReadOnlyTable, stretch: int) -> None:
    """Columns as wide as their contents; column `stretch` takes the rest."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


class SessionDialog(QDialog):
    """Plan a session, or correct one. Stays open with the reason when refused."""

    def __init__(self, ctx: StationContext, session: training.Session | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.saved: training.Session | None = None
        self.setWindowTitle(self.tr("Edit the session") if session else self.tr("New training session"))
        self.title_edit = QLineEdit(session.title if session else "")
        self.category = QComboBox()
        for code, label in training.CATEGORIES.items():
            self.category.addItem(translate("training", label), code)
        self.category.setCurrentIndex(self.category.findData(session.category if session else "farmer"))
        self.starts = QDateTimeEdit()
        self.starts.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.starts.setCalendarPopup(True)
        begin = local(parse_iso(session.starts_at)) if session else \
            (local(ctx.db.clock.now()) + timedelta(days=1)).replace(hour=14, minute=0)
        self.starts.setDateTime(QDateTime(QDate(begin.year, begin.month, begin.day), QTime(begin.hour, begin.minute)))
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.5, 12)
        self.hours.setSingleStep(0.5)
        self.hours.setValue((parse_iso(session.ends_at) - parse_iso(session.starts_at)).total_seconds() / 3600
                            if session else 3)
        self.place = QLineEdit(session.place if session else "")
        self.capacity = QSpinBox()
        self.capacity.setRange(1, training.MAX_CAPACITY)
        self.capacity.setValue(session.capacity if session else 50)
        self.trainer_org = QLineEdit(session.trainer_org if session else "")
        self.licence = QLineEdit(session.trainer_licence if session else "")
        self.lecturers = QPlainTextEdit("\n".join(f"{lec.name}：{lec.credentials}" for lec in session.lecturers)
                                        if session else "")
        self.lecturers.setPlaceholderText(self.tr("One a line: name: credentials"))
        self.syllabus = QPlainTextEdit(session.syllabus if session else "")
        for box in (self.lecturers, self.syllabus):
            box.setTabChangesFocus(True)
            box.setFixedHeight(70)
        form = QFormLayout()
        form.addRow(self.tr("Session title"), self.title_edit)
        form.addRow(self.tr("Trainees"), self.category)
        form.addRow(self.tr("Starts"), self.starts)
        form.addRow(self.tr("Hours"), self.hours)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Capacity"), self.capacity)
        form.addRow(self.tr("Trainer organisation"), self.trainer_org)
        form.addRow(self.tr("Trainer licence"), self.licence)
        form.addRow(self.tr("Lecturers"), self.lecturers)
        form.addRow(self.tr("Syllabus"), self.syllabus)
        self.notice = Notice()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addLayout(save_cancel_row(self, self.tr("Save (Enter)"), self.save))
        self.title_edit.setFocus()

    def values(self) -> dict[str, Any]:
        begin = cast(datetime, self.starts.dateTime().toPython()).replace(tzinfo=SHANGHAI)
        return {
            "title": self.title_edit.text(), "category": self.category.currentData(), "starts_at": begin,
            "ends_at": begin + timedelta(hours=self.hours.value()), "capacity": self.capacity.value(),
            "place": self.place.text(), "trainer_org": self.trainer_org.text(), "trainer_licence": self.licence.text(),
            "lecturers": _lecturer_lines(self.lecturers.toPlainText()), "syllabus": self.syllabus.toPlainText(),
            "materials": self.session.materials if self.session else "",
        }

    def save(self) -> None:
        if self.session:
            result = self.ctx.act(training.update_session, self.session.id, notice=self.notice, **self.values())
        else:
            result = self.ctx.act(training.create_session, notice=self.notice, **self.values())
        if result is not None:
            self.saved = result
            self.accept()


class NewTraineeDialog(QDialog):
    """Register someone who is not in the registry yet, and sign them in."""

    def __init__(self, ctx: StationContext, session: training.Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.saved: training.SignIn | None = None
        self.setWindowTitle(self.tr("Register and sign in"))
        self.name = QLineEdit()
        self.phone = make_entry(QLineEdit())
        self.phone.setPlaceholderText(self.tr("11-digit mobile number"))
        self.village = QComboBox()
        self.village.setEditable(True)
        self.village.addItems([r["village"] for r in ctx.db.rows(
            "SELECT DISTINCT village FROM people WHERE village != '' ORDER BY village")])
        self.sex = QComboBox()
        self.sex.addItem(self.tr("(not given)"), None)
        for code, label in people.SEXES.items():
            self.sex.addItem(translate("people", label), code)
        self.id_number = make_entry(QLineEdit())
        self.id_number.setPlaceholderText(self.tr("18 characters (optional)"))
        self.poverty = QCheckBox(translate("categories", people.CATEGORIES[people.POVERTY]))
        self.category = QComboBox()
        self.category.addItem(self.tr("(as the session)"), None)
        for code, label in training.CATEGORIES.items():
            self.category.addItem(translate("training", label), code)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Village"), self.village)
        form.addRow(self.tr("Sex"), self.sex)
        form.addRow(self.tr("ID number"), self.id_number)
        form.addRow("", self.poverty)
        form.addRow(self.tr("Trainee category"), self.category)
        self.notice = Notice()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addLayout(save_cancel_row(self, self.tr("Register and sign in (Enter)"), self.save))
        self.name.setFocus()

    def save(self) -> None:
        result = self.ctx.act(
            training.register_and_sign_in, self.session.id, notice=self.notice, name=self.name.text(),
            phone=self.phone.text(), village=self.village.currentText(), sex=self.sex.currentData(),
            id_number=self.id_number.text(), categories=[people.POVERTY] if self.poverty.isChecked() else [],
            category=self.category.currentData())
        if result is not None:
            self.saved = result
            self.accept()


class SurveyDialog(QDialog):
    """A trainee's satisfaction answers, 1 (poor) to 5 (very good)."""

    def __init__(self, ctx: StationContext, session_id: str, attendee: training.Attendee,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id = session_id
        self.attendee = attendee
        self.setWindowTitle(self.tr("Satisfaction: {name}").format(name=attendee.name))
        self.overall = self._score(attendee.overall or 5)
        self.answers = {key: self._score(5) for key in training.QUESTIONS}
        self.comment = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Overall (1-5)"), self.overall)
        for key, label in training.QUESTIONS.items():
            form.addRow(translate("training", label), self.answers[key])
        form.addRow(self.tr("Comment"), self.comment)
        self.notice = Notice()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("1 very poor · 2 poor · 3 fair · 4 good · 5 very good")))
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addLayout(save_cancel_row(self, self.tr("Save (Enter)"), self.save))
        self.overall.setFocus()
        self.overall.selectAll()

    @staticmethod
    def _score(value: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(1, 5)
        box.setValue(value)
        return box

    def save(self) -> None:
        result = self.ctx.act(training.record_survey, self.session_id, self.attendee.person_id, notice=self.notice,
                              overall=self.overall.value(), answers={k: b.value() for k, b in self.answers.items()},
                              comment=self.comment.text())
        if result is not None:
            self.accept()


class FollowupDialog(QDialog):
    """What became of a trainee: opened a shop, employed, nothing yet."""

    def __init__(self, ctx: StationContext, session_id: str, attendee: training.Attendee,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id = session_id
        self.attendee = attendee
        self.setWindowTitle(self.tr("Follow-up: {name}").format(name=attendee.name))
        self.outcome = QComboBox()
        for code, label in training.OUTCOMES.items():
            self.outcome.addItem(translate("training", label), code)
        today = local(ctx.db.clock.now()).date()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.note = QLineEdit()
        self.jobs = QSpinBox()  # the jobs a business or shop created (the county's follow-up figure)
        self.jobs.setRange(0, 10_000)
        earlier = QLabel("\n".join(f"{f.on_day} {translate('training', training.OUTCOMES[f.outcome])} {f.note}"
                                   for f in training.followups(ctx.db, attendee.person_id)))
        form = QFormLayout()
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.tr("Jobs created"), self.jobs)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Earlier"), earlier)
        self.notice = Notice()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addLayout(save_cancel_row(self, self.tr("Save (Enter)"), self.save))
        self.outcome.setFocus()

    def save(self) -> None:
        result = self.ctx.act(training.record_followup, notice=self.notice, person_id=self.attendee.person_id,
                              session_id=self.session_id, outcome=self.outcome.currentData(),
                              on_day=self.day.date().toPython(), note=self.note.text(),
                              jobs_created=self.jobs.value())
        if result is not None:
            self.accept()


class TrainingPage(Page):
    """Sessions on the left; the chosen session's archive, sign-in field and roster on the right.

    `scan_router` (optional, a ui.scanning.ScanRouter): scans on this page sign in to the
    chosen session, and the full-screen sign-in window registers with it too.
    """

    watches = Changes.TRAINING | Changes.PEOPLE | Changes.SETTINGS

    def __init__(self, ctx: StationContext, parent: QWidget | None = None, *, scan_router: Any = None) -> None:
        super().__init__(ctx, parent)
        self.scan_router = scan_router
        self.signin_window: SignInWindow | None = None
        self.year = ElidedLabel()
        # titles are never cut ("短…"): the title column takes the room and wraps
        self.sessions = ReadOnlyTable([self.tr("Starts"), self.tr("Session title"), self.tr("State")])
        self.sessions.setWordWrap(True)
        self.sessions.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.sessions.itemSelectionChanged.connect(self.show_session)
        self.detail = heading("")
        self.detail.setWordWrap(True)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.gaps = QLabel()
        self.gaps.setObjectName("warning")
        self.gaps.setWordWrap(True)
        self.entry = make_entry(QLineEdit())
        self.entry.setPlaceholderText(self.tr("Scan the training card or type the phone number, then Enter"))
        self.entry.returnPressed.connect(self.sign_in_entry)
        self.attendees = ReadOnlyTable([self.tr("No."), self.tr("Name"), self.tr("Phone"), self.tr("Village"),
                                        self.tr("Category"), self.tr("Sign-in time"), self.tr("Sign-out time"),
                                        self.tr("Satisfaction")])
        self.attendees.doubleClicked.connect(self.survey)
        self.notice = Notice()
        if scan_router is not None:
            scan_router.set_handler(self, self.handle_scan)
        _fit_columns(self.sessions, stretch=1)
        _fit_columns(self.attendees, stretch=1)

        actions = [
            (self.tr("New session (Ctrl+N)"), "Ctrl+N", self.new_session),
            (self.tr("Start sign-in (Ctrl+B)"), "Ctrl+B", self.start_session),
            (self.tr("Sign-in screen (Ctrl+M)"), "Ctrl+M", self.open_signin_mode),
            (self.tr("Register and sign in (Ctrl+R)"), "Ctrl+R", self.register_trainee),
            (self.tr("Survey (Ctrl+U)"), "Ctrl+U", self.survey),
            (self.tr("Sign out (Ctrl+O)"), "Ctrl+O", self.sign_out),
        ]
        ending = (self.tr("End the session (Ctrl+Shift+B)"), "Ctrl+Shift+B", self.end_session)
        # used now and then: behind one button, so the roster keeps its room on a small screen
        more = [
            (self.tr("Edit (Ctrl+E)"), "Ctrl+E", self.edit_session),
            (self.tr("Follow-up (Ctrl+F)"), "Ctrl+F", self.followup),
            (self.tr("Take back a sign-in"), None, self.cancel_sign_in),
            (self.tr("Add photo (Ctrl+P)"), "Ctrl+P", self.add_photo),
            (self.tr("Archive documents (Ctrl+G)"), "Ctrl+G", self.open_archive),
            (self.tr("Roster PDF + Excel (Ctrl+S)"), "Ctrl+S", self.export_roster),
            (self.tr("Print training card"), None, self.print_card),
        ]
        grid = QGridLayout()  # a few a row: the page fits a 1024×768 screen
        for i, (label, key, slot) in enumerate(actions):
            button = QPushButton(label)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            grid.addWidget(button, i // ACTIONS_A_ROW, i % ACTIONS_A_ROW)
            if key:
                QShortcut(QKeySequence(key), self, slot)
        self.more = QPushButton(self.tr("More (Alt+M)"))
        self.more.setAutoDefault(False)
        menu = QMenu(self.more)
        for label, shortcut, slot in more:
            menu.addAction(label, slot)
            if shortcut:
                QShortcut(QKeySequence(shortcut), self, slot)
        self.more.setMenu(menu)
        QShortcut(QKeySequence("Alt+M"), self, self.more.showMenu)
        grid.addWidget(self.more, 1, 2)
        end = QPushButton(ending[0])
        end.setAutoDefault(False)
        end.clicked.connect(ending[2])
        QShortcut(QKeySequence(ending[1]), self, ending[2])
        grid.addWidget(end, 1, 3)

        right = QWidget()
        side = QVBoxLayout(right)
        side.addWidget(self.detail)
        side.addWidget(self.info)
        side.addWidget(self.gaps)
        side.addWidget(self.entry)
        side.addWidget(self.attendees, 1)
        split = QSplitter()
        split.addWidget(self.sessions)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([400, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(self.year)
        layout.addWidget(split, 1)
        layout.addLayout(grid)
        layout.addWidget(self.notice)

    #: a training card or a phone number signs in to the chosen session
    scan_kinds = frozenset({PERSON_CARD, PHONE})

    def title(self) -> str:
        return self.tr("Training")

    def heightForWidth(self, width: int) -> int:
        # the frame's scroll area asks this for the height the page needs: the layout would
        # answer with the height its tables and wrapped labels would like, and the page would
        # scroll on a 768-pixel screen it fits; it needs its minimum
        return self.minimumSizeHint().height()

    def handle_scan(self, code: str) -> bool:
        self.take_scan(code)
        return True  # taken: a refusal is said on the page

    def focus_first(self) -> None:
        self.entry.setFocus()

    # -- drawing -------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        keep = self.sessions.current_key()
        found = training.list_sessions(db)
        self.sessions.fill([[show(s.starts_at)[5:], s.title, f"{translate('training', training.STATUSES[s.status])}\n"
                             f"{s.signed_in}/{s.capacity}"] for s in found], keys=[s.id for s in found])
        self.sessions.resizeRowsToContents()
        if keep:
            self.select_session(keep)
        year = training.year_figures(db, local(db.clock.now()).year)
        pct = year.satisfaction_pct
        self.year.setText(self.tr("This year: {sessions} sessions, {times} person-times of {target} · "
                                  "satisfaction {pct} (target {goal}%)").format(
            sessions=year.sessions, times=year.person_times, target=year.person_times_target,
            pct="—" if pct is None else f"{pct:.1f}%", goal=year.satisfaction_target_pct))
        self.show_session()

    def select_session(self, session_id: str) -> None:
        for row in range(self.sessions.rowCount()):
            item = self.sessions.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == session_id:
                self.sessions.selectRow(row)
                return

    def current(self) -> training.Session | None:
        key = self.sessions.current_key()
        return training.get_session(self.ctx.db, key) if key else None

    def show_session(self) -> None:
        session = self.current()
        if session is None:
            self.detail.setText(self.tr("No training session yet: Ctrl+N plans one"))
            for label in (self.info, self.gaps):
                label.setText("")
            self.attendees.fill([])
            return
        db = self.ctx.db
        lecturers = "、".join(f"{lec.name}（{lec.credentials}）" if lec.credentials else lec.name
                             for lec in session.lecturers)
        self.detail.setText(f"{session.title}（{category_name(session.category)}）")
        self.info.setText(self.tr("{state} · {starts} to {ends} · {place} · {trainer} · lecturers: {lecturers} · "
                                  "{photos} photos{county}").format(
            state=translate("training", training.STATUSES[session.status]), starts=show(session.starts_at),
            ends=show(session.ends_at)[-5:], place=session.place or "—", trainer=session.trainer_org or "—",
            lecturers=lecturers or "—", photos=len(training.photos(db, session.id)),
            county=self.tr(" · on the county schedule") if session.from_county else ""))
        gaps = training.archive_gaps(db, session.id)
        self.gaps.setText(self.tr("Archive still lacks: {items}").format(
            items="、".join(translate("training", g) for g in gaps)) if gaps else self.tr("Archive complete"))
        rows = training.attendees(db, session.id)
        self.attendees.fill([[str(a.no), a.name, a.phone_masked, a.village, category_name(a.category),
                              show(a.signed_in_at)[-5:], show(a.signed_out_at)[-5:] if a.signed_out_at else "",
                              str(a.overall or "")] for a in rows], keys=[a.person_id for a in rows])

    # -- actions -------------------------------------------------------------------------

    def _session_or_say(self) -> training.Session | None:
        session = self.current()
        if session is None:
            self.notice.error(self.tr("Pick a session first"))
        return session

    def _attendee_or_say(self) -> training.Attendee | None:
        session = self._session_or_say()
        if session is None:
            return None
        key = self.attendees.current_key()
        found = next((a for a in training.attendees(self.ctx.db, session.id) if a.person_id == key), None)
        if found is None:
            self.notice.error(self.tr("Pick a trainee in the list first"))
        return found

    def new_session(self) -> None:
        dialog = SessionDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved:
            self.refresh()
            self.select_session(dialog.saved.id)
            self.notice.ok(self.tr("Session \"{title}\" planned").format(title=dialog.saved.title))
        self.focus_first()

    def edit_session(self) -> None:
        session = self._session_or_say()
        if session is not None:
            dialog = SessionDialog(self.ctx, session, self)
            if dialog.exec():
                self.notice.ok(self.tr("Session saved"))
            self.focus_first()

    def start_session(self) -> None:
        session = self._session_or_say()
        if session and self.ctx.act(training.start_session, session.id, notice=self.notice):
            self.notice.ok(self.tr("Sign-in is open: scan cards or type phone numbers"))
            self.focus_first()

    def end_session(self) -> None:
        session = self._session_or_say()
        if session and self.ctx.act(training.end_session, session.id, notice=self.notice):
            self.notice.ok(self.tr("The session has ended with {count} signed in").format(count=session.signed_in))

    def sign_in_entry(self) -> None:
        code = self.entry.text()
        self.entry.clear()
        if code.strip():
            self.take_scan(code)

    def take_scan(self, code: str) -> training.SignIn | None:
        """A card scanned (or phone typed) on this page signs in to the chosen session."""
        session = self._session_or_say()
        if session is None:
            return None
        done = self.ctx.act(training.sign_in_by_code, session.id, code, notice=self.notice)
        if done:
            self.notice.ok(self.tr("{name} signed in (no. {count})").format(name=done.name, count=done.count))
        return done

    def open_signin_mode(self) -> None:
        session = self._session_or_say()
        if session is None:
            return
        if session.status != training.RUNNING:
            self.notice.error(self.tr("Start the session first (Ctrl+B)"))
            return
        self.signin_window = SignInWindow(self.ctx, session.id, router=self.scan_router)
        self.signin_window.showFullScreen()

    def register_trainee(self) -> None:
        session = self._session_or_say()
        if session is None:
            return
        dialog = NewTraineeDialog(self.ctx, session, self)
        if dialog.exec() and dialog.saved:
            self.notice.ok(self.tr("{name} signed in (no. {count})").format(name=dialog.saved.name,
                                                                           count=dialog.saved.count))
        self.focus_first()

    def survey(self) -> None:
        attendee = self._attendee_or_say()
        if attendee:
            SurveyDialog(self.ctx, self.sessions.current_key() or "", attendee, self).exec()
            self.attendees.setFocus()

    def followup(self) -> None:
        attendee = self._attendee_or_say()
        if attendee:
            FollowupDialog(self.ctx, self.sessions.current_key() or "", attendee, self).exec()
            self.attendees.setFocus()

    def sign_out(self) -> None:
        attendee = self._attendee_or_say()
        if attendee and self.ctx.act(training.sign_out, self.sessions.current_key(), attendee.person_id,
                                     notice=self.notice):
            self.notice.ok(self.tr("{name} signed out").format(name=attendee.name))

    def cancel_sign_in(self) -> None:
        attendee = self._attendee_or_say()
        if attendee is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Take back a sign-in"),
                                          self.tr("Why is the sign-in of {name} taken back?").format(name=attendee.name))
        if ok and self.ctx.act(training.cancel_sign_in, self.sessions.current_key(), attendee.person_id,
                               reason=reason, notice=self.notice) is not None:
            self.notice.ok(self.tr("The sign-in of {name} was taken back").format(name=attendee.name))

    def add_photo(self) -> None:
        session = self._session_or_say()
        if session is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Photo of the session"), "",
                                              self.tr("Photos (*.jpg *.jpeg *.png *.bmp *.webp)"))
        if not path:
            return
        if self.ctx.act(training.add_photo, session.id, source=path, notice=self.notice) is not None:
            self.notice.ok(self.tr("Photo added to the session's archive"))

    def open_archive(self) -> None:
        """The session's archive checklist: each required document's file added by keyboard."""
        session = self._session_or_say()
        if session is None:
            return
        dialog = ArchiveDialog(self.ctx, session.id, self)
        dialog.exec()
        done_with(dialog)
        self.show_session()

    def export_roster(self) -> None:
        if self._session_or_say() is not None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Save the roster in"))
            if folder:
                self.write_roster(folder)

    def write_roster(self, folder: str | Path) -> list[Path]:
        """Write the chosen session's roster PDF and xlsx into `folder`; the files written."""
        session = self._session_or_say()
        if session is None:
            return []
        day = show(session.starts_at)[:10]
        stem = "".join(ch for ch in f"{translate('roster', 'Roster')}_{day}_{session.title}" if ch not in '\\/:*?"<>|')
        try:
            files = [rosters.write_roster_pdf(self.ctx.db, session.id, Path(folder) / f"{stem}.pdf"),
                     rosters.write_roster_xlsx(self.ctx.db, session.id, Path(folder) / f"{stem}.xlsx")]
        except OSError as exc:
            self.notice.error(self.tr("The roster could not be saved: {reason}").format(reason=exc.strerror or str(exc)))
            return []
        self.notice.ok(self.tr("Roster saved: {files}").format(files=", ".join(str(f) for f in files)))
        return files

    def print_card(self) -> None:
        """The chosen trainee's sign-in card (name, village, QR VS1:P:<id>) on the receipt printer."""
        attendee = self._attendee_or_say()
        if attendee is None:
            return
        card = training.training_card(self.ctx.db, attendee.person_id, self.sessions.current_key())
        self.notice.ok(self.ctx.print(sign_in_card(card)))
