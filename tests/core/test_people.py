import pytest

from station_app import i18n
from station_app.core import identity, people
from station_app.core.identity import (
    check_id_number,
    clean_phone,
    id_check_digit,
    mask_id,
    mask_phone,
)
from station_app.errors import Conflict, ValidationError


def test_phone_is_cleaned_and_masked():
    assert clean_phone("+86 138-1234-5678") == "13812345678"
    assert mask_phone("13812345678") == "138****5678"
    for bad in ("1381234567", "23812345678", "138123456789", "abc"):
        with pytest.raises(ValidationError):
            clean_phone(bad)


def test_id_card_check_digit_gb11643():
    # the worked example of GB 11643-1999
    assert id_check_digit("11010519491231002") == "X"
    number, card = check_id_number("11010519491231002x")
    assert number == "11010519491231002X"
    assert card.sex == "F" and card.birth.year == 1949
    assert mask_id(number) == "**************002X"  # the last four: what the counter asks a villager for
    with pytest.raises(ValidationError):
        check_id_number("110105194912310021")  # wrong check digit
    with pytest.raises(ValidationError):
        check_id_number("11010519491331002X")  # month 13 (check digit would be recomputed, still refused)


def test_add_and_find_person(db, manager):
    p = people.add_person(db, manager, name="张小明", phone="13812345678", village="幸福村",
                          id_number="11010519491231002X", categories=["poverty"])
    assert p.phone_masked == "138****5678"
    assert p.id_masked == "**************002X" and p.birth_year is None and p.sex == "F"
    assert p.is_poverty_household
    row = db.row("SELECT * FROM people WHERE id = ?", (p.id,))
    assert row["id_hash"].startswith(identity.key_id(identity.id_key(db)) + ":")
    assert "11010519491231002X" not in tuple(str(v) for v in row)  # the number itself is never stored
    assert "11010519491231002X" not in db.value("SELECT group_concat(payload) FROM events")
    for q in ("张", "小明", "明", "5678", "1381", "138123"):
        assert [x.id for x in people.search_people(db, q)] == [p.id], q


def test_duplicate_person_is_refused_with_a_chinese_message(db, manager):
    people.add_person(db, manager, name="张三", phone="13812345678")
    with pytest.raises(Conflict) as err:
        people.add_person(db, manager, name="张三", phone="13812345678")
    assert "已登记" in str(err.value)
    i18n.set_language("en")
    assert "already registered" in str(err.value)


def test_same_id_number_twice_is_refused(db, manager):
    people.add_person(db, manager, name="张三", id_number="11010519491231002X")
    with pytest.raises(Conflict):
        people.add_person(db, manager, name="张叁", id_number="11010519491231002X")


def test_invalid_input_changes_nothing(db, manager):
    before = db.value("SELECT count(*) FROM events")
    for kwargs in ({"name": ""}, {"name": "甲", "phone": "12345"}, {"name": "甲", "id_number": "110105194912310021"},
                   {"name": "甲", "categories": ["nobody"]}):
        with pytest.raises(ValidationError) as err:
            people.add_person(db, manager, **kwargs)
        assert str(err.value) != err.value.text  # translated
    assert db.value("SELECT count(*) FROM events") == before
    assert people.count_people(db) == 0


def test_update_keeps_id_and_reindexes_name(db, manager):
    p = people.add_person(db, manager, name="张三", phone="13812345678", id_number="11010519491231002X")
    q = people.update_person(db, manager, p.id, name="张叁丰", phone="13812345678", village="东山村")
    assert q.id_masked == p.id_masked and q.village == "东山村"
    assert [x.id for x in people.search_people(db, "叁丰")] == [p.id]
    assert people.search_people(db, "张三") == []
