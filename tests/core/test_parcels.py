"""Parcels in: check-in, pickup codes, shelves, hand-over, consent, overdue, returns, problems,
county manifest and requests, stock-take, daily figures."""

import contextlib
from datetime import date, timedelta

import pytest

from station_app import i18n
from station_app.core import events, parcels, people, replay, settings, shelves
from station_app.core.shelves import Layer
from station_app.core.simulate import county_sends
from station_app.db import open_station
from station_app.errors import Conflict, NotFound, PermissionDenied, ValidationError

PHONE = "13812345678"


@contextlib.contextmanager
def refused(kind, text=""):
    """The action is refused with `kind`, and its English message says `text`."""
    with pytest.raises(kind) as err:
        yield err
    assert text in err.value.message("en"), err.value.message("en")


def check_in(db, who, waybill, **kw):
    kw.setdefault("phone", PHONE)
    return parcels.check_in_parcel(db, who, waybill=waybill, **kw)


def event_kinds(db):
    return [r["kind"] for r in db.rows("SELECT kind FROM events ORDER BY seq")]


def expect(db, waybill, **payload):
    county_sends(db, [("county.parcel_expected", f"m-{waybill}", {"waybill": waybill, **payload})])


# -- check-in --------------------------------------------------------------------------------


def test_check_in_puts_the_parcel_on_a_shelf_with_a_code_and_queues_the_sms(db, operator):
    person = people.add_person(db, operator, name="张桂英", phone=PHONE, village="幸福村")
    res = check_in(db, operator, "YT7512345676075")
    p = res.parcel
    assert p.pickup_code == "1-1-6075" and p.slot == "1-1"  # serial = waybill tail
    assert shelves.PICKUP_CODE.match(p.pickup_code)
    assert p.carrier == "YTO" and p.status == parcels.NOTIFIED and p.on_shelf
    assert p.person_id == person.id and p.recipient_name == "张桂英"  # linked through the phone
    assert p.phone_masked == "138****5678"
    assert res.notice is not None and res.notice.status == "queued" and res.notice.phone == PHONE
    for part in ("幸福村电商服务站", "1-1-6075", "08:00-20:00"):
        assert part in res.notice.text
    assert p.arrived_at == p.notified_at
    assert event_kinds(db)[-1] == "parcel.checked_in"
    assert not res.expected_match and res.consent is None


def test_the_sms_is_in_chinese_whatever_the_screen_language(db, manager):
    settings.set_value(db, manager, "station.phone", "0797-1234567")
    i18n.set_language("en")
    res = check_in(db, manager, "YT7512345676075")
    assert res.notice.text == "【幸福村电商服务站】您的圆通速递包裹已到站，取件码1-1-6075，营业时间08:00-20:00，电话0797-1234567"
    parcels.send_reminders(db, manager, parcel_ids=[res.parcel_id])
    assert parcels.notices_for(db, res.parcel_id)[-1].text.startswith("【幸福村电商服务站】您的包裹已到站0天，请凭取件码1-1-6075")


def test_no_sms_when_the_station_turns_notices_off(db, manager):
    settings.set_value(db, manager, "parcels.sms_notice", 0)
    res = check_in(db, manager, "YT7512345676075")
    assert res.notice is None and res.parcel.status == parcels.ARRIVED


def test_same_waybill_twice_is_a_conflict_and_changes_nothing(db, operator):
    check_in(db, operator, "YT7512345676075")
    n = events.last_seq(db)
    with refused(Conflict, "1-1-6075"):
        check_in(db, operator, " yt7512345676075 ")
    assert events.last_seq(db) == n
    assert db.value("SELECT count(*) FROM parcels") == 1


def test_a_returned_parcel_may_come_back_and_be_checked_in_again(db, operator):
    first = check_in(db, operator, "YT7512345676075")
    parcels.return_parcel(db, operator, parcel_id=first.parcel_id, reason="wrong_address")
    again = check_in(db, operator, "YT7512345676075")
    assert again.parcel_id != first.parcel_id and again.pickup_code == "1-1-6075"


def test_a_waybill_in_the_phone_field_is_called_out(db, operator):
    with pytest.raises(ValidationError) as err:
        check_in(db, operator, "YT7512345676075", phone="YT7512345676076")
    assert "waybill" in err.value.message("en")
    with refused(ValidationError, "waybill"):
        check_in(db, operator, "YT7512345676075", phone="73123456789000")


@pytest.mark.parametrize("bad", ["13812345678", "3-5-6075", "12ab", "", "YT75123456760!5"])
def test_bad_waybills_are_refused(db, operator, bad):
    with pytest.raises(ValidationError):
        check_in(db, operator, bad)


def test_recipient_rules(db, operator):
    with refused(ValidationError, "4"):
        check_in(db, operator, "YT7512345676075", phone=None, phone_tail="56")
    with pytest.raises(ValidationError):
        check_in(db, operator, "YT7512345676075", phone=None)  # nobody to give it to
    with pytest.raises(ValidationError):
        check_in(db, operator, "YT7512345676075", phone=PHONE, phone_tail="1111")
    with pytest.raises(ValidationError):
        check_in(db, operator, "YT7512345676075", size="huge")
    with pytest.raises(ValidationError):
        check_in(db, operator, "YT7512345676075", carrier="XYZ")
    with pytest.raises(NotFound):
        check_in(db, operator, "YT7512345676075", person_id="nobody")
    tail_only = check_in(db, operator, "YT7512345676075", phone=None, phone_tail="5678", name="李四")
    assert tail_only.parcel.phone is None and tail_only.parcel.phone_masked == "****5678"
    assert tail_only.notice is not None and tail_only.notice.phone_tail == "5678"
    by_name = check_in(db, operator, "YT7512345676076", phone=None, name="王五")
    assert by_name.notice is None and by_name.parcel.status == parcels.ARRIVED


def test_two_people_with_one_phone_are_not_guessed(db, operator):
    people.add_person(db, operator, name="张三", phone=PHONE)
    people.add_person(db, operator, name="张三妻", phone=PHONE)
    res = check_in(db, operator, "YT7512345676075", name="张三")
    assert res.parcel.person_id is None and res.parcel.recipient_name == "张三"
    chosen = people.search_people(db, "张三妻")[0]
    res2 = check_in(db, operator, "YT7512345676076", phone=None, person_id=chosen.id)
    assert res2.parcel.person_id == chosen.id and res2.parcel.phone == PHONE


# -- shelves, slots and serials ------------------------------------------------------------------


def test_serial_from_the_waybill_tail_and_the_next_free_one_on_collision(db, manager):
    shelves.configure_shelves(db, manager, layers=[Layer("1", 1, "small", 10), Layer("2", 1, "small", 10)])
    a = check_in(db, manager, "YT1111111116075", shelf="1")
    b = check_in(db, manager, "YT2222222226075", shelf="1")
    c = check_in(db, manager, "YT3333333336075", shelf="2")
    assert (a.pickup_code, b.pickup_code, c.pickup_code) == ("1-1-6075", "1-1-6076", "2-1-6075")
    d = check_in(db, manager, "YT4444444449999", shelf="1")
    e = check_in(db, manager, "YT5555555559999", shelf="1")
    assert (d.pickup_code, e.pickup_code) == ("1-1-9999", "1-1-0000")  # wraps round
    parcels.hand_over(db, manager, parcel_ids=[a.parcel_id])
    f = check_in(db, manager, "YT6666666666075", shelf="1")
    assert f.pickup_code == "1-1-6075"  # freed when the first left the shelf


def test_least_full_layer_of_the_size_class_and_a_larger_class_when_full(db, manager):
    shelves.configure_shelves(db, manager, layers=[
        Layer("1", 1, "small", 2), Layer("1", 2, "small", 2), Layer("2", 1, "medium", 1), Layer("3", 1, "large", 1)])
    slots = [check_in(db, manager, f"YT100000000000{i}").slot for i in range(4)]
    assert sorted(slots) == ["1-1", "1-1", "1-2", "1-2"] and slots[:2] == ["1-1", "1-2"]
    assert check_in(db, manager, "YT2000000000001", size="medium").slot == "2-1"
    assert check_in(db, manager, "YT2000000000002", size="medium").slot == "3-1"  # medium full: large takes it
    with refused(Conflict, "full"):
        check_in(db, manager, "YT2000000000003", size="medium")
    with refused(Conflict, "full"):
        check_in(db, manager, "YT2000000000004")  # small: every small and larger layer is full


def test_a_full_shelf_given_by_the_operator_is_a_clear_conflict(db, manager):
    shelves.configure_shelves(db, manager, layers=[Layer("1", 1, "small", 1), Layer("2", 1, "small", 5)])
    assert check_in(db, manager, "YT1000000000001", shelf="1").slot == "1-1"
    n = events.last_seq(db)
    with pytest.raises(Conflict) as err:
        check_in(db, manager, "YT1000000000002", shelf="1")
    assert "1" in err.value.message("en") and "full" in err.value.message("en")
    assert events.last_seq(db) == n
    assert check_in(db, manager, "YT1000000000003", shelf="2-1").slot == "2-1"
    with pytest.raises(NotFound):
        check_in(db, manager, "YT1000000000004", shelf="9")
    with pytest.raises(ValidationError):
        check_in(db, manager, "YT1000000000005", shelf="shelf nine")


def test_default_layout_until_a_manager_configures_the_shelves(db, manager, operator):
    assert shelves.layout(db) == list(shelves.DEFAULT_LAYOUT)
    assert {lay.size for lay in shelves.layout(db)} == set(shelves.SIZES)
    with pytest.raises(PermissionDenied):
        shelves.configure_shelves(db, operator, layers=[Layer("1", 1)])
    with pytest.raises(ValidationError):
        shelves.configure_shelves(db, manager, layers=[Layer("1", 1), Layer("1", 1)])
    with pytest.raises(ValidationError):
        shelves.configure_shelves(db, manager, layers=[Layer("100", 1)])
    with pytest.raises(ValidationError):
        shelves.configure_shelves(db, manager, layers=[])
    check_in(db, manager, "YT1000000000001", shelf="4")
    with refused(Conflict, "4-"):
        shelves.configure_shelves(db, manager, layers=shelves.uniform_layout(3, 4, 30))
    new = shelves.configure_shelves(db, manager, layers=[*shelves.uniform_layout(4, 4, 30), Layer("A1", 1, "bulky", 5)])
    assert len(new) == 17 and new[-1].slot == "A1-1"
    assert check_in(db, manager, "YT1000000000002", size="bulky").pickup_code == "A1-1-0002"


def test_pickup_codes_are_read_the_way_people_type_them():
    assert shelves.parse_pickup_code("3-5-6075") == "3-5-6075"
    assert shelves.parse_pickup_code(" 3 5 6075 ") == "3-5-6075"
    assert shelves.parse_pickup_code("3－5－6075") == "3-5-6075"
    assert shelves.parse_pickup_code("a1-2-0001") == "A1-2-0001"
    assert shelves.parse_pickup_code("YT7512345676075") is None
    assert shelves.parse_pickup_code("3-56075") is None


# -- the county manifest and county requests --------------------------------------------------------


def test_check_in_matches_the_county_manifest(db, operator):
    expect(db, "YT7512345676075", carrier="YTO", recipient_name="赵六", phone="13900001111",
           dispatched_at="2026-10-31T02:00:00.000Z")
    assert [e.waybill for e in parcels.expected_parcels(db)] == ["YT7512345676075"]
    res = parcels.check_in_parcel(db, operator, waybill="YT7512345676075")
    assert res.expected_match and res.parcel.recipient_name == "赵六" and res.parcel.phone == "13900001111"
    assert res.parcel.dispatched_at == "2026-10-31T02:00:00.000Z"
    assert parcels.expected_parcels(db) == []
    times = parcels.delivery_times(db, date(2026, 11, 2), date(2026, 11, 2))
    assert times.with_dispatch_time == 1 and times.within_48h == 1 and times.median_hours == 47.5


def test_a_privacy_waybill_in_the_manifest_carries_only_the_phone_tail(db, operator):
    expect(db, "JT5000000001234", carrier="JT", recipient_name="钱七", phone_tail="4321", dispatched_at=None)
    assert parcels.expected_parcels(db)[0].phone_masked == "****4321"
    res = parcels.check_in_parcel(db, operator, waybill="JT5000000001234")
    assert res.parcel.phone is None and res.parcel.phone_tail == "4321"
    assert parcels.find_by_phone_tail(db, "4321")[0].id == res.parcel_id


def test_a_manifest_that_comes_after_the_parcel_still_gives_its_dispatch_time(db, operator):
    res = check_in(db, operator, "YT7512345676075")
    expect(db, "YT7512345676075", carrier="YTO", recipient_name="赵六", dispatched_at="2026-10-30T00:00:00.000Z")
    p = parcels.get_parcel(db, res.parcel_id)
    assert p.dispatched_at == "2026-10-30T00:00:00.000Z" and p.expected
    assert parcels.expected_parcels(db) == []


def test_county_return_requests_merge_through_the_ranked_states(db, operator):
    on_shelf = check_in(db, operator, "YT1000000000001")
    gone = check_in(db, operator, "YT1000000000002")
    parcels.hand_over(db, operator, parcel_ids=[gone.parcel_id])
    expect(db, "YT1000000000003", carrier="YTO", recipient_name="孙八", phone="13900002222")
    county_sends(db, [("county.parcel_return_requested", f"r-{w}", {"waybill": w, "reason": "寄件人取消"})
                      for w in ("YT1000000000001", "YT1000000000002", "YT1000000000003")])
    assert parcels.get_parcel(db, on_shelf.parcel_id).status == parcels.RETURN_REQUESTED
    late = parcels.get_parcel(db, gone.parcel_id)
    assert late.status == parcels.PICKED_UP and late.warning == "late_return_request"  # never lowered, shown
    assert "寄件人取消" in late.warning_text
    with refused(Conflict, "return"):
        parcels.hand_over(db, operator, parcel_ids=[on_shelf.parcel_id])
    arriving = parcels.check_in_parcel(db, operator, waybill="YT1000000000003")
    assert arriving.parcel.status == parcels.RETURN_REQUESTED and arriving.notice is None and arriving.warnings
    to_return = {p.id for p in parcels.parcels_to_return(db)}
    assert to_return == {on_shelf.parcel_id, arriving.parcel_id}
    back = parcels.return_parcel(db, operator, parcel_id=on_shelf.parcel_id, reason="county_requested")
    assert back.status == parcels.RETURNED and not back.on_shelf


def test_the_state_table_only_lets_the_county_raise_a_rank():
    assert parcels.county_may("county_return", parcels.NOTIFIED)
    assert not parcels.county_may("county_return", parcels.PICKED_UP)
    assert not parcels.county_may("county_return", parcels.RETURN_REQUESTED)
    for action, (starts, target) in parcels.MOVES.items():
        assert target in parcels.STATUSES and starts <= set(parcels.STATUSES) | {""}, action


def test_county_flags_and_sms_results_show_on_the_parcel(db, operator):
    res = check_in(db, operator, "YT7512345676075")
    county_sends(db, [("county.parcel_flagged", "f-1", {"waybill": "YT7512345676075", "code": "other_station", "reason": "东山村站"}),
                      ("county.notice_status", "n-1", {"notice_id": res.notice.id, "status": "sent", "at": "2026-11-02T02:00:00.000Z"})])
    p = parcels.get_parcel(db, res.parcel_id)
    assert p.warning == "other_station" and "东山村站" in p.warning_text
    assert parcels.notices_for(db, p.id)[0].status == "sent" and parcels.queued_notices(db) == []
    county_sends(db, [("county.parcel_flagged", "f-2", {"waybill": "YT7512345676075", "cleared": True})])
    assert parcels.get_parcel(db, res.parcel_id).warning is None


# -- finding and handing over ---------------------------------------------------------------------


def test_find_parcels_by_every_way_a_villager_asks(db, operator):
    person = people.add_person(db, operator, name="张桂英", phone=PHONE)
    a = check_in(db, operator, "YT7512345676075")
    b = check_in(db, operator, "73123456789000", carrier="ZTO", phone="13900001111", name="李明")
    assert parcels.find_by_code(db, "1 1 6075").id == a.parcel_id
    with pytest.raises(NotFound):
        parcels.find_by_code(db, "9-9-9999")
    with pytest.raises(ValidationError):
        parcels.find_by_code(db, "hello")
    assert [p.id for p in parcels.find_by_phone_tail(db, "5678")] == [a.parcel_id]
    assert [p.id for p in parcels.find_by_phone(db, "138 1234 5678")] == [a.parcel_id]
    assert [p.id for p in parcels.find_by_waybill(db, "73123456789000")] == [b.parcel_id]
    assert [p.id for p in parcels.find_by_name(db, "李")] == [b.parcel_id]
    assert [p.id for p in parcels.find_for_person(db, person.id)] == [a.parcel_id]
    assert parcels.find_parcels(db, a.pickup_code)[0] == "code"
    assert parcels.find_parcels(db, "9-9-9999") == ("code", [])
    assert parcels.find_parcels(db, "5678")[0] == "phone_tail"
    assert parcels.find_parcels(db, PHONE)[0] == "phone"
    assert parcels.find_parcels(db, person.id) == ("person", [parcels.get_parcel(db, a.parcel_id)])
    assert parcels.find_parcels(db, "73123456789000")[0] == "waybill"
    assert [p.id for p in parcels.find_parcels(db, "李明")[1]] == [b.parcel_id]


@pytest.mark.parametrize(("waybill", "carrier"), [
    ("SF1234567890123", "SF"), ("SF123456789012", "SF"), ("sf 1234 5678 9012", "SF"), ("SF0123456789012345", "SF"),
    ("JDVA12345678901", "JD"), ("JD0012345678901", "JD"), ("JDX123456789012", "JD"),
    ("YT2345678901234", "YTO"), ("JT0006968326954", "JT"), ("DPK364112047425", "DEPPON"),
    ("78636098066239", "ZTO"), ("773165231258960", "STO"), ("462345678901234", "YUNDA"),
    ("9889510569807", "POST"), ("EA123456785CN", "POST"),
])
def test_every_common_carrier_is_guessed_first_from_its_number(db, operator, waybill, carrier):
    assert parcels.guess_carriers(waybill)[0] == carrier
    assert check_in(db, operator, waybill).parcel.carrier == carrier  # no carrier given: the guess is taken


def test_a_code_typed_without_dashes_is_found(db, operator):
    a = check_in(db, operator, "YT7512345670570", shelf="5-4")
    assert a.pickup_code == "5-4-0570"
    assert parcels.find_parcels(db, "540570") == ("code", [parcels.get_parcel(db, a.parcel_id)])
    assert parcels.find_parcels(db, "54 0570")[1][0].id == a.parcel_id
    assert parcels.find_parcels(db, "5678")[0] == "phone_tail"  # four digits stay a phone tail
    assert parcels.find_parcels(db, "999999")[1] == []


def test_the_same_villagers_other_parcels_come_with_one_code(db, operator, clock):
    her = people.add_person(db, operator, name="张桂英", phone=PHONE)
    oldest = check_in(db, operator, "YT7500000000001", phone=None, person_id=her.id)
    clock.advance(days=1)
    by_phone = check_in(db, operator, "YT7500000000002")  # her phone: linked to her
    clock.advance(days=1)
    tail_only = check_in(db, operator, "YT7500000000003", phone=None, phone_tail="5678", name="张桂英")
    other_with_tail = check_in(db, operator, "YT7500000000004", phone=None, phone_tail="5678", name="王五")
    neighbour = check_in(db, operator, "YT7500000000005", phone="13900001111")
    clock.advance(days=1)
    newest = check_in(db, operator, "YT7500000000006")
    for start in (newest, oldest, tail_only):
        found = [p.id for p in parcels.same_villager(db, start.parcel)]
        assert found == [oldest.parcel_id, by_phone.parcel_id, tail_only.parcel_id, newest.parcel_id], start.pickup_code
    assert other_with_tail.parcel_id not in found and neighbour.parcel_id not in found
    assert [p.id for p in parcels.same_villager(db, neighbour.parcel)] == [neighbour.parcel_id]


def test_a_code_no_longer_on_the_shelf_says_when_and_to_whom(db, operator, clock):
    res = check_in(db, operator, "YT7512345676075", name="张桂英")
    assert parcels.last_holder_of_code(db, res.pickup_code) is None  # still on the shelf
    clock.advance(hours=2)
    parcels.hand_over(db, operator, parcel_ids=[res.parcel_id], collector="proxy", proxy_name="李大妈")
    gone = parcels.last_holder_of_code(db, "1 1 6075")
    assert gone is not None and gone.id == res.parcel_id and gone.picked_up_at
    assert gone.collected_by_masked == "李*妈"
    assert parcels.mask_name("张三") == "张*" and parcels.mask_name("欧阳娜娜") == "欧**娜"


def test_hand_over_several_parcels_for_one_person_in_one_action(db, operator, clock):
    ids = [check_in(db, operator, f"YT751234567{i:04d}").parcel_id for i in range(3)]
    clock.advance(hours=5)
    done = parcels.hand_over(db, operator, parcel_ids=ids, collector="proxy", proxy_name="张桂英的儿子", verified_by="phone_tail")
    assert [p.status for p in done.parcels] == [parcels.PICKED_UP] * 3
    assert all(not p.on_shelf and p.collector == "proxy" and p.proxy_name == "张桂英的儿子" for p in done.parcels)
    assert event_kinds(db)[-3:] == ["parcel.picked_up"] * 3
    assert parcels.find_by_phone_tail(db, "5678") == []
    assert parcels.delivery_times(db, date(2026, 11, 2), date(2026, 11, 2)).median_wait_hours == 5.0


def test_handed_over_twice_is_a_conflict(db, operator):
    res = check_in(db, operator, "YT7512345676075")
    parcels.hand_over(db, operator, parcel_ids=[res.parcel_id])
    with refused(Conflict, "1-1-6075"):
        parcels.hand_over(db, operator, parcel_ids=[res.parcel_id])
    with pytest.raises(NotFound):
        parcels.find_by_code(db, "1-1-6075")  # an unknown (no longer on the shelf) code


def test_hand_over_refuses_bad_input_and_stays_whole(db, operator):
    a = check_in(db, operator, "YT7512345676075")
    for kw in ({"parcel_ids": []}, {"parcel_ids": [a.parcel_id], "collector": "proxy"},
               {"parcel_ids": [a.parcel_id], "collector": "robot"}, {"parcel_ids": [a.parcel_id], "verified_by": "smell"}):
        with pytest.raises(ValidationError):
            parcels.hand_over(db, operator, **kw)
    with pytest.raises(NotFound):
        parcels.hand_over(db, operator, parcel_ids=[a.parcel_id, "no-such-parcel"])
    assert parcels.get_parcel(db, a.parcel_id).status == parcels.NOTIFIED  # the good one was not half-done


def test_consent_to_station_delivery_is_recorded_once_and_shown(db, operator):
    person = people.add_person(db, operator, name="张桂英", phone=PHONE)
    a = check_in(db, operator, "YT7512345676075")
    assert a.consent is None
    done = parcels.hand_over(db, operator, parcel_ids=[a.parcel_id], consent=True, consent_note="口头同意")
    assert len(done.consents) == 1 and done.consents[0].person_id == person.id
    b = check_in(db, operator, "YT7512345676076")
    assert b.consent == done.consents[0]
    parcels.hand_over(db, operator, parcel_ids=[b.parcel_id], consent=True)
    assert db.value("SELECT count(*) FROM delivery_consents") == 1
    again = parcels.record_consent(db, operator, person_id=person.id)
    assert again == done.consents[0]
    other = parcels.record_consent(db, operator, phone="13900001111", name="李四")
    assert other.phone == "13900001111" and parcels.consent_for(db, phone="13900001111") == other
    with pytest.raises(ValidationError):
        parcels.record_consent(db, operator)


# -- overdue, reminders, returns, problem parcels -------------------------------------------------------


def test_overdue_list_reminders_and_returns_follow_the_settings(db, operator, clock):
    old = check_in(db, operator, "YT7512345676075")
    clock.advance(days=2)
    new = check_in(db, operator, "YT7512345676076")
    clock.advance(days=1, hours=1)  # old: 3 days on the shelf (overdue_days = 3)
    assert [(o.parcel.id, o.days, o.return_due) for o in parcels.overdue_parcels(db)] == [(old.parcel_id, 3, False)]
    notices = parcels.send_reminders(db, operator, parcel_ids=[old.parcel_id])
    assert len(notices) == 1 and notices[0].kind == "reminder" and "3" in notices[0].text and "1-1-6075" in notices[0].text
    assert parcels.get_parcel(db, old.parcel_id).reminders == 1
    clock.advance(days=4)  # 7 days: return due (return_days = 7)
    due = parcels.overdue_parcels(db)
    assert [(o.parcel.id, o.return_due) for o in due] == [(old.parcel_id, True), (new.parcel_id, False)]
    assert [p.id for p in parcels.parcels_to_return(db)] == [old.parcel_id]
    with pytest.raises(ValidationError):
        parcels.return_parcel(db, operator, parcel_id=old.parcel_id, reason="bored")
    back = parcels.return_parcel(db, operator, parcel_id=old.parcel_id, reason="overdue", note="超期7天")
    assert back.status == parcels.RETURNED and back.return_reason == "overdue" and back.returned_at
    with pytest.raises(Conflict):
        parcels.return_parcel(db, operator, parcel_id=old.parcel_id, reason="overdue")
    with pytest.raises(Conflict):
        parcels.send_reminders(db, operator, parcel_ids=[old.parcel_id])
    with pytest.raises(NotFound):
        parcels.send_reminders(db, operator, parcel_ids=["nope"])


def test_problem_parcels(db, operator, tmp_path):
    damaged = check_in(db, operator, "YT1000000000001")
    lost = check_in(db, operator, "YT1000000000002")
    turned_down = check_in(db, operator, "YT1000000000003")
    photo = str(tmp_path / "damaged.jpg")
    p = parcels.record_exception(db, operator, parcel_id=damaged.parcel_id, kind="damaged", note="外箱破损", photo_path=photo)
    assert p.status == parcels.EXCEPTION and p.photo_path == photo and p.on_shelf
    assert parcels.hand_over(db, operator, parcel_ids=[damaged.parcel_id]).parcels[0].status == parcels.PICKED_UP
    p = parcels.record_exception(db, operator, parcel_id=lost.parcel_id, kind="lost")
    assert not p.on_shelf
    with refused(Conflict, "problem"):
        parcels.hand_over(db, operator, parcel_ids=[lost.parcel_id])
    parcels.record_exception(db, operator, parcel_id=turned_down.parcel_id, kind="refused")
    with pytest.raises(Conflict):
        parcels.hand_over(db, operator, parcel_ids=[turned_down.parcel_id])
    assert [x.id for x in parcels.parcels_to_return(db)] == [turned_down.parcel_id]
    assert parcels.return_parcel(db, operator, parcel_id=turned_down.parcel_id, reason="refused").status == parcels.RETURNED
    with pytest.raises(ValidationError):
        parcels.record_exception(db, operator, parcel_id=turned_down.parcel_id, kind="sad")
    with pytest.raises(NotFound):
        parcels.record_exception(db, operator, parcel_id="nope", kind="lost")


# -- stock-take --------------------------------------------------------------------------------------------


def test_stock_take_finds_one_missing_and_one_unexpected_parcel(db, manager, clock):
    shelves.configure_shelves(db, manager, layers=shelves.uniform_layout(2, 2, 20))
    here = [check_in(db, manager, f"YT100000000000{i}", shelf="1") for i in range(3)]
    gone = check_in(db, manager, "YT2000000000009", shelf="1")
    parcels.hand_over(db, manager, parcel_ids=[gone.parcel_id])
    clock.advance(minutes=5)
    count = parcels.start_stocktake(db, manager)
    with pytest.raises(Conflict):
        parcels.start_stocktake(db, manager)
    s1 = parcels.scan_for_stocktake(db, manager, stocktake_id=count.id, code=here[0].pickup_code)
    s2 = parcels.scan_for_stocktake(db, manager, stocktake_id=count.id, code=here[1].parcel.waybill)
    again = parcels.scan_for_stocktake(db, manager, stocktake_id=count.id, code=here[1].pickup_code)
    odd = parcels.scan_for_stocktake(db, manager, stocktake_id=count.id, code=gone.parcel.waybill)  # "picked up" yet here
    stranger = parcels.scan_for_stocktake(db, manager, stocktake_id=count.id, code="SF1234567890123")
    assert (s1.result, s2.result, again.duplicate, odd.result, stranger.result) == ("ok", "ok", True, "not_on_shelf", "unknown")
    clock.advance(minutes=1)
    late = check_in(db, manager, "YT3000000000001", shelf="1")  # arrived during the count: not missing
    result = parcels.finish_stocktake(db, manager, stocktake_id=count.id)
    assert [m.parcel_id for m in result.missing] == [here[2].parcel_id]
    assert {(u.code, u.result) for u in result.unexpected} == {(gone.parcel.waybill, "not_on_shelf"), ("SF1234567890123", "unknown")}
    with pytest.raises(Conflict):
        parcels.scan_for_stocktake(db, manager, stocktake_id=count.id, code=late.pickup_code)
    with pytest.raises(Conflict):
        parcels.finish_stocktake(db, manager, stocktake_id=count.id)

    parcels.resolve_stocktake_item(db, manager, stocktake_id=count.id, code=here[2].parcel.waybill, resolution="lost")
    assert parcels.get_parcel(db, here[2].parcel_id).exception_kind == "lost"
    back = parcels.resolve_stocktake_item(db, manager, stocktake_id=count.id, code=gone.parcel.waybill, resolution="reshelve")
    assert back.resolution == "reshelve"
    found = parcels.get_parcel(db, gone.parcel_id)
    assert found.on_shelf and found.status == parcels.NOTIFIED and found.picked_up_at is None
    assert found.pickup_code == gone.pickup_code  # its old code was still free
    with refused(Conflict, "check it in"):
        parcels.resolve_stocktake_item(db, manager, stocktake_id=count.id, code="SF1234567890123", resolution="reshelve")
    with pytest.raises(ValidationError):
        parcels.resolve_stocktake_item(db, manager, stocktake_id=count.id, code="SF1234567890123", resolution="lost")
    parcels.resolve_stocktake_item(db, manager, stocktake_id=count.id, code="SF1234567890123", resolution="set_aside")
    with pytest.raises(Conflict):
        parcels.resolve_stocktake_item(db, manager, stocktake_id=count.id, code="SF1234567890123", resolution="set_aside")
    with pytest.raises(NotFound):
        parcels.resolve_stocktake_item(db, manager, stocktake_id=count.id, code="YT0", resolution="found")
    assert all(i.resolution for i in [*parcels.stocktake_result(db, count.id).missing, *parcels.stocktake_result(db, count.id).unexpected])
    kinds = event_kinds(db)
    assert kinds.count("parcel.stocktake_scanned") == 4 and kinds.count("parcel.stocktake_resolved") == 3
    assert {"parcel.stocktake_started", "parcel.stocktake_finished"} <= set(kinds)


def test_a_reshelved_parcel_whose_code_was_taken_gets_a_new_code_and_sms(db, manager):
    shelves.configure_shelves(db, manager, layers=[Layer("1", 1, "small", 10)])
    a = check_in(db, manager, "YT1000000006075")
    parcels.hand_over(db, manager, parcel_ids=[a.parcel_id])
    b = check_in(db, manager, "YT2000000006075")
    assert b.pickup_code == a.pickup_code
    count = parcels.start_stocktake(db, manager, shelf="1")
    parcels.scan_for_stocktake(db, manager, stocktake_id=count.id, code=b.pickup_code)
    parcels.scan_for_stocktake(db, manager, stocktake_id=count.id, code=a.parcel.waybill)
    parcels.finish_stocktake(db, manager, stocktake_id=count.id)
    parcels.resolve_stocktake_item(db, manager, stocktake_id=count.id, code=a.parcel.waybill, resolution="reshelve")
    p = parcels.get_parcel(db, a.parcel_id)
    assert p.pickup_code == "1-1-6076"
    assert parcels.notices_for(db, p.id)[-1].kind == "new_code" and "1-1-6076" in parcels.notices_for(db, p.id)[-1].text
    with pytest.raises(NotFound):
        parcels.start_stocktake(db, manager, shelf="7")


# -- figures and rebuild ------------------------------------------------------------------------------------


def test_daily_figures(db, operator, clock):
    day = date(2026, 11, 2)
    ids = [check_in(db, operator, f"YT100000000000{i}").parcel_id for i in range(4)]
    parcels.hand_over(db, operator, parcel_ids=ids[:1])
    parcels.record_exception(db, operator, parcel_id=ids[1], kind="damaged")
    parcels.return_parcel(db, operator, parcel_id=ids[1], reason="damaged")
    f = parcels.daily_figures(db, day)
    assert (f.checked_in, f.picked_up, f.returned, f.exceptions, f.on_shelf_now) == (4, 1, 1, 1, 2)
    clock.advance(days=3, hours=1)
    parcels.hand_over(db, operator, parcel_ids=ids[2:3])  # after the overdue line: still counted overdue
    f3 = parcels.daily_figures(db, day + timedelta(days=3))
    assert f3.became_overdue == 2 and f3.overdue_now == 1 and f3.checked_in == 0


def test_a_parcel_station_rebuilds_from_its_events(db, manager, tmp_path):
    expect(db, "YT1000000000001", carrier="YTO", recipient_name="赵六", phone="13900001111", dispatched_at="2026-10-31T02:00:00.000Z")
    a = parcels.check_in_parcel(db, manager, waybill="YT1000000000001")
    b = check_in(db, manager, "YT1000000000002")
    parcels.hand_over(db, manager, parcel_ids=[a.parcel_id], consent=True)
    count = parcels.start_stocktake(db, manager)
    parcels.scan_for_stocktake(db, manager, stocktake_id=count.id, code="SF1234567890123")
    parcels.finish_stocktake(db, manager, stocktake_id=count.id)
    parcels.resolve_stocktake_item(db, manager, stocktake_id=count.id, code=b.parcel.waybill, resolution="lost")
    rebuilt = open_station(tmp_path / "rebuilt.sqlite")
    replay.rebuild(db, rebuilt)
    assert replay.table_differences(db, rebuilt) == []
