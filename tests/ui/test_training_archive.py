"""The training archive checklist at the counter (issue 21), by keyboard: the page opens it with
Ctrl+G, each line's file is added with Enter (a scan or a PDF chosen), the lecturer's line names
the lecturer, and the archive reads 齐全 only once the last line has its file."""

from datetime import timedelta

from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from station_app.clock import SHANGHAI
from station_app.core import training
from station_app.core.training import documents
from station_app.ui.context import StationContext
from station_app.ui.pages.training import FollowupDialog, TrainingPage
from station_app.ui.training_archive import ArchiveDialog
from tests.ui.conftest import show_active


def ended_session(db, manager):
    begins = db.clock.now().astimezone(SHANGHAI) - timedelta(hours=3)
    s = training.create_session(db, manager, title="农产品网店运营培训", category="farmer", starts_at=begins,
                                ends_at=begins + timedelta(hours=2), capacity=30, trainer_org="县电商中心",
                                lecturers=[("李老师", "高级电子商务师")], syllabus="开网店", place="服务站")
    training.start_session(db, manager, s.id)
    who = training.register_and_sign_in(db, manager, s.id, name="刘秀兰", phone="13812345678", village="幸福村")
    training.record_survey(db, manager, s.id, who.person_id, overall=5)
    training.end_session(db, manager, s.id)
    return s


def test_each_document_added_by_enter_until_the_archive_is_complete(app, qtbot, db, manager, tmp_path, monkeypatch):
    session = ended_session(db, manager)
    ctx = StationContext(db)
    ctx.set_operator(manager)
    dialog = ArchiveDialog(ctx, session.id)
    qtbot.addWidget(dialog)
    show_active(dialog)
    kinds = [(i.kind, i.lecturer) for i in dialog.items]
    assert kinds == [(k, "李老师" if k == documents.LECTURER_CREDENTIALS else "") for k in documents.KINDS]
    assert dialog.verdict.objectName() == "warning"
    for row, (kind, _) in enumerate(kinds):
        path = tmp_path / f"{kind}.pdf"
        if row % 2:
            path.write_bytes(b"%PDF-1.4\n% " + kind.encode() + b"\n%%EOF\n")
        else:
            path = tmp_path / f"{kind}.jpg"
            Image.new("RGB", (40, 30), (row * 20, 10, 10)).save(path, "JPEG")
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, p=path, **k: (str(p), ""))
        dialog.table.selectRow(row)
        dialog.table.setFocus()
        assert dialog.verdict.objectName() == "warning"  # incomplete until the last one
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
        assert dialog.notice.objectName() == "ok", dialog.notice.text()
        assert dialog.items[row].present
    assert dialog.verdict.objectName() == "ok" and training.archive_gaps(db, session.id) == []
    lecturer = [d for d in documents.documents(db, session.id) if d.kind == documents.LECTURER_CREDENTIALS]
    assert [d.lecturer for d in lecturer] == ["李老师"]


def test_the_page_opens_the_checklist_with_ctrl_g(app, qtbot, db, manager):
    ended_session(db, manager)
    ctx = StationContext(db)
    ctx.set_operator(manager)
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    show_active(page)
    page.refresh()
    seen: list[str] = []

    def look():
        box = QApplication.activeModalWidget()
        if not isinstance(box, ArchiveDialog):
            QTimer.singleShot(10, look)
            return
        seen.append(box.verdict.text())
        box.reject()

    QTimer.singleShot(0, look)
    qtbot.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert seen and seen[0]


def test_a_follow_up_records_the_business_started_and_its_jobs(app, qtbot, db, manager):
    session = ended_session(db, manager)
    ctx = StationContext(db)
    ctx.set_operator(manager)
    trainee = training.attendees(db, session.id)[0]
    dialog = FollowupDialog(ctx, session.id, trainee)
    qtbot.addWidget(dialog)
    show_active(dialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("business"))
    dialog.jobs.setValue(3)
    dialog.save()
    [done] = training.followups(db, trainee.person_id)
    assert (done.outcome, done.jobs_created) == ("business", 3)
