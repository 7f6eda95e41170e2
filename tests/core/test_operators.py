import pytest

from station_app.core import operators
from station_app.errors import Conflict, LockedOut, PermissionDenied, ValidationError, WrongPin


def test_login_with_the_right_pin(db, manager):
    assert operators.login(db, manager.id, "1234") == manager
    row = db.row("SELECT pin_hash, pin_salt, must_change FROM operator_pins WHERE operator_id = ?", (manager.id,))
    assert "1234" not in row["pin_hash"] and len(row["pin_salt"]) == 32 and row["must_change"] == 0
    assert "pin_hash" not in {c["name"] for c in db.rows("PRAGMA table_info(operators)")}


def test_wrong_pin_counts_down_then_locks_then_unlocks(db, manager, clock):
    for remaining in (4, 3, 2, 1):
        with pytest.raises(WrongPin) as err:
            operators.login(db, manager.id, "0000")
        assert err.value.remaining == remaining
        assert str(remaining) in str(err.value)
    with pytest.raises(LockedOut):
        operators.login(db, manager.id, "0000")
    with pytest.raises(LockedOut):  # even the right PIN while locked
        operators.login(db, manager.id, "1234")
    clock.advance(minutes=operators.LOCK_MINUTES + 1)
    assert operators.login(db, manager.id, "1234") == manager


def test_lock_out_survives_reopening_the_file(db, manager, tmp_path, clock):
    from station_app.db import open_station

    for _ in range(operators.MAX_FAILURES - 1):
        with pytest.raises(WrongPin):
            operators.login(db, manager.id, "9999")
    with pytest.raises(LockedOut):
        operators.login(db, manager.id, "9999")
    again = open_station(db.path, clock=clock)
    with pytest.raises(LockedOut):
        operators.login(again, manager.id, "1234")
    again.close()


def test_only_managers_add_operators_and_pins_are_checked(db, manager, operator):
    with pytest.raises(PermissionDenied):
        operators.add_operator(db, operator, name="赵六", role="operator", pin="2468")
    for pin in ("12", "abcd", "1111", "123456789"):
        with pytest.raises(ValidationError):
            operators.add_operator(db, manager, name="赵六", role="operator", pin=pin)
    with pytest.raises(Conflict):
        operators.add_operator(db, manager, name="李秀英", role="operator", pin="2468")


def test_pin_change_and_last_manager(db, manager, operator, clock):
    operators.change_pin(db, operator, operator.id, "8642")
    assert operators.login(db, operator.id, "8642") == operator
    with pytest.raises(PermissionDenied):
        operators.change_pin(db, operator, manager.id, "1357")
    with pytest.raises(Conflict):
        operators.deactivate_operator(db, manager, manager.id)
    operators.deactivate_operator(db, manager, operator.id)
    assert [o.id for o in operators.list_operators(db)] == [manager.id]
