"""The 代发 form's evidence for the county's subsidy (issue 21), by keyboard: the destination picked
by typing a province's name (or 本县, which unticks "goes out of the county"), the goods' value,
a cooperative sender, and the e-waybill's photo from a file (Alt+O) kept with the parcel; a
parcel taken without one gets it afterwards with the form empty."""

# ruff: noqa: F811  (the page's fixtures come from test_parcels_page)

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from station_app.core import outbound
from station_app.core.simulate import county_sends
from tests.ui.conftest import type_text
from tests.ui.test_parcels_page import ALT, CTRL, her, out, page, scan  # noqa: F401

COOP = "93360735MA35ABCDE1"


def picture(tmp_path, name, colour):
    path = tmp_path / f"{name}.jpg"
    Image.new("RGB", (64, 48), colour).save(path, "JPEG")
    return path


def fill(qtbot, tab, contents):
    type_text(qtbot, tab.walk_in_name, "赖春生")
    qtbot.keyClicks(tab.walk_in_phone, "13970001234")
    type_text(qtbot, tab.name, "陈明")
    qtbot.keyClicks(tab.phone, "13900001111")
    type_text(qtbot, tab.address, "广东省深圳市南山区科技园1号")
    type_text(qtbot, tab.contents, contents)
    tab.farm.setFocus()
    qtbot.keyClick(tab.farm, Qt.Key.Key_Space)


def test_destination_value_cooperative_and_the_e_waybill_photo_go_with_the_parcel(page, qtbot, db, tmp_path,
                                                                                   monkeypatch):
    county_sends(db, [("county.setting_changed", "subsidy.county_code", {"value": "360735"})])
    qtbot.keyClick(page, Qt.Key.Key_5, CTRL)
    tab = page.outbound
    tab.refresh()
    fill(qtbot, tab, "脐橙")
    tab.org_code.setFocus()
    qtbot.keyClicks(tab.org_code, COOP)
    qtbot.keyClick(tab.org_code, Qt.Key.Key_Return)
    type_text(qtbot, tab.org_name, "翠微果蔬专业合作社")
    qtbot.keyClick(tab.org_name, Qt.Key.Key_Return)
    assert tab.destination.hasFocus()
    type_text(qtbot, tab.destination, "广东")
    assert tab.destination_code() == "440000" and tab.out_of_county.isChecked()
    qtbot.keyClick(tab.destination, Qt.Key.Key_Return)
    assert tab.goods_value.hasFocus()
    qtbot.keyClicks(tab.goods_value, "88.5")
    shot = picture(tmp_path, "面单", (200, 30, 30))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(shot), ""))
    qtbot.keyClick(tab.goods_value, Qt.Key.Key_O, ALT)
    assert tab.photo_seen.objectName() == "ok"
    tab.weight.setFocus()
    qtbot.keyClicks(tab.weight, "2.5")
    tab.ewaybill.setFocus()
    scan(qtbot, tab.ewaybill, "73123456789000")
    assert tab.notice.objectName() == "ok", tab.notice.text()
    sent = outbound.waiting_for_courier(db)[0]
    assert (sent.destination_code, sent.goods_value_fen, sent.out_of_county) == ("440000", 8850, True)
    row = db.row("SELECT sender_org_code, sender_org_name FROM outbound_parcels WHERE id = ?", (sent.id,))
    assert (row["sender_org_code"], row["sender_org_name"]) == (COOP, "翠微果蔬专业合作社")
    photos = outbound.ewaybill_photos(db, sent.id)
    assert len(photos) == 1
    assert tab.photo_seen.objectName() != "ok"  # the form is clear for the next parcel

    # in the county: 本县 unticks the box; no photo: the operator is told and adds it after
    fill(qtbot, tab, "白莲")
    tab.destination.setFocus()
    type_text(qtbot, tab.destination, "本县")
    assert tab.destination_code() == "360735" and not tab.out_of_county.isChecked()
    tab.weight.setFocus()
    qtbot.keyClicks(tab.weight, "1")
    tab.ewaybill.setFocus()
    scan(qtbot, tab.ewaybill, "73123456789001")
    assert "Alt+P" in tab.notice.text() or "Alt+O" in tab.notice.text()
    second = next(p for p in outbound.waiting_for_courier(db) if p.ewaybill == "73123456789001")
    assert second.out_of_county is False and second.destination_code == "360735"
    assert outbound.ewaybill_photos(db, second.id) == []
    later = picture(tmp_path, "面单2", (30, 200, 30))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(later), ""))
    qtbot.keyClick(tab.sender_search, Qt.Key.Key_O, ALT)
    assert len(outbound.ewaybill_photos(db, second.id)) == 1 and tab.notice.objectName() == "ok"
