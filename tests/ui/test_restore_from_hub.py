"""First run on a new PC: the wizard brings the station back from the county hub."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from station_app.core import events, operators, people
from station_app.core.station import create_station
from station_app.db import open_station
from station_app.errors import WrongPin
from station_app.ui.hub_restore import NewPinsDialog, RestoreFromHubDialog
from station_app.ui.wizard import FirstRunWizard
from sync import client
from sync.link import Retry
from sync.testing.live_hub import LiveHub
from tests.ui.conftest import type_text

NAME = "幸福村电商服务站"


def quick() -> Retry:
    return Retry(attempts=3, base=0.01, cap=0.05)


def station_on_the_hub(live, folder):
    """A station that works with the hub: a few records, all synced."""
    folder.mkdir()
    db = open_station(folder / "station.sqlite")
    _, manager = create_station(db, name=NAME, village="幸福村", manager_name="王建国", manager_pin="1234")
    people.add_person(db, manager, name="张小明", phone="13812345678", village="幸福村")
    _, code = live.hub.enroll_code(NAME, "幸福村")
    client.enroll(db, live.url, code, retry=quick())
    client.sync_once(db, retry=quick(), timeout=(3.0, 5.0))
    return db


def test_the_wizard_restores_a_station_from_the_hub(app, qtbot, tmp_path):
    with LiveHub(f"sqlite:///{tmp_path / 'hub.sqlite'}") as live:
        old = station_on_the_hub(live, tmp_path / "old")
        (tmp_path / "new").mkdir()
        new = open_station(tmp_path / "new" / "station.sqlite")
        _, code = live.hub.enroll_code(NAME)  # the county re-enrolls the existing station
        wizard = FirstRunWizard(new)
        qtbot.addWidget(wizard)
        wizard.show()
        seen = {}

        def answer():
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, RestoreFromHubDialog):
                QTimer.singleShot(20, answer)
                return
            type_text(qtbot, dialog.hub_url, live.url)
            type_text(qtbot, dialog.code, "WRON-GCOD-E123")
            qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: dialog.start.isEnabled(), timeout=20_000)
            seen["refusal"] = dialog.notice.text()
            dialog.code.clear()
            type_text(qtbot, dialog.code, code)
            qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
            QTimer.singleShot(20, new_pins)

        def new_pins():
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, NewPinsDialog):
                QTimer.singleShot(20, new_pins)
                return
            seen["asked"] = [op.name for op in dialog.operators]
            pin, again = dialog.pins[0]
            type_text(qtbot, pin, "2468")
            type_text(qtbot, again, "2486")  # a slip: said, nothing kept
            qtbot.keyClick(again, Qt.Key.Key_Return)
            seen["mismatch"] = dialog.notice.text()
            type_text(qtbot, again, "2468")
            qtbot.keyClick(again, Qt.Key.Key_Return)

        QTimer.singleShot(0, answer)
        qtbot.mouseClick(wizard.from_hub, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.result() == QDialog.DialogCode.Accepted, timeout=20_000)

        assert "注册码" in seen["refusal"]  # wrong code: said plainly, nothing restored
        assert wizard.restored_from_hub
        # the PIN never came back from the hub: the wizard asked for a new one
        assert seen["asked"] == ["王建国"] and "王建国" in seen["mismatch"]
        manager = operators.list_operators(new)[0]
        assert operators.without_pin(new) == []
        with pytest.raises(WrongPin):
            operators.login(new, manager.id, "1234")
        assert operators.login(new, manager.id, "2468") == manager
        assert new.value("SELECT name FROM station") == NAME
        assert people.count_people(new) == 1
        mine = [(e.seq, e.hash) for e in events.events_after(old, 0)]
        back = events.events_after(new, 0)
        assert [(e.seq, e.hash) for e in back[:len(mine)]] == mine  # the chain came back whole, then:
        assert [e.kind for e in back[len(mine):]] == ["operator.pin_changed", "operator.login_failed",
                                                      "operator.logged_in"]
        assert all("pin" not in key for e in back for key in e.payload)  # no PIN material in any event
        old.close()
        new.close()
