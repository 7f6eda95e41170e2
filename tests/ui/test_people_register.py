"""The people page names the county's poverty-register household of each person it recognises
(by the keyed ID hash the county sent, never a whole ID number): household, 脱贫 status, model mark."""

from station_app.core import people, register
from station_app.core.simulate import county_sends
from station_app.i18n import translate
from station_app.ui.context import StationContext
from station_app.ui.pages.people import PeoplePage, PersonDialog
from tests.ui.conftest import show_active


def test_a_register_member_shows_their_household(app, qtbot, db, manager):
    liu = people.add_person(db, manager, name="刘秀兰", phone="13812345678", village="幸福村",
                            id_number="360735197001010027")
    other = people.add_person(db, manager, name="王五", phone="13800000000", village="幸福村")
    digest = db.value("SELECT id_hash FROM people WHERE id = ?", (liu.id,))
    county_sends(db, [("county.register_household", "H001", {
        "household_no": "H001", "village_code": "360735100201", "village": "幸福村", "status": "lifted", "model": True,
        "members": [{"id_hash": digest, "id_masked": liu.id_masked, "name_masked": "刘**"}]})])
    ctx = StationContext(db)
    ctx.set_operator(manager)
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    show_active(page)
    page.refresh()
    shown = {page.table.item(r, 0).text(): page.table.item(r, 5).text() for r in range(page.table.rowCount())}
    lifted = translate("register", register.STATUSES[register.LIFTED])
    assert shown[liu.name].startswith(f"H001 {lifted}") and shown[other.name] == ""


def test_the_person_dialog_offers_the_villages_the_station_serves_first(app, qtbot, db, manager):
    people.add_person(db, manager, name="王五", phone="13800000000", village="老街")
    county_sends(db, [("county.villages", "villages", {"villages": [
        {"code": "360735100201", "name": "幸福村", "township": "琴江镇", "poor": True},
        {"code": "360735100202", "name": "青山村", "township": "琴江镇", "poor": False}], "own": ["360735100202"]})])
    ctx = StationContext(db)
    ctx.set_operator(manager)
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    offered = [dialog.village.itemText(i) for i in range(dialog.village.count())]
    assert offered == ["青山村", "幸福村", "老街"] and dialog.village.currentText() == "青山村"
