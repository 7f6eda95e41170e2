"""Training: a session with 40 sign-ins by card and phone, surveys, the roster as PDF and xlsx
read back, every refused input, the county schedule, photos, follow-ups, figures, rebuild."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pypdf
import pytest
from openpyxl import load_workbook
from PIL import Image

from station_app.clock import SHANGHAI
from station_app.core import events, people, replay, rosters, training
from station_app.core.identity import id_check_digit
from station_app.db import open_station
from station_app.errors import Conflict, NotFound, PermissionDenied, ValidationError
from station_app.i18n import translate
from station_app.ids import new_id

LECTURERS = [("赵老师", "电子商务师（高级）"), {"name": "钱老师", "credentials": "县电商中心讲师"}]


def id_number(i: int) -> str:
    first17 = f"3607301985{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i % 1000:03d}"
    return first17 + id_check_digit(first17)


def phone(i: int) -> str:
    return f"139{i:08d}"


def make_people(db, actor, n: int, start: int = 0) -> list[people.Person]:
    out = []
    for i in range(start, start + n):
        out.append(people.add_person(
            db, actor, name=f"学员{i:03d}", phone=phone(i), village=["幸福村", "东山村"][i % 2],
            id_number=id_number(i) if i % 3 else None, categories=["poverty"] if i % 5 == 0 else []))
    return out


def new_session(db, actor, clock, *, capacity: int = 50, start: bool = True, title: str = "农村电商直播带货实操培训"):
    begins = clock.now().astimezone(SHANGHAI) + timedelta(minutes=30)
    session = training.create_session(
        db, actor, title=title, category="farmer", starts_at=begins, ends_at=begins + timedelta(hours=3),
        capacity=capacity, trainer_org="示范县电子商务公共服务中心", trainer_licence="赣培字2020-118",
        lecturers=LECTURERS, syllabus="1. 开网店\n2. 直播带货\n3. 农产品上行", place="幸福村电商服务站二楼")
    return training.start_session(db, actor, session.id) if start else session


def event_count(db) -> int:
    return events.last_seq(db)


def test_forty_sign_ins_by_card_and_phone_surveys_and_roster_files(db, operator, clock, tmp_path):
    trainees = make_people(db, operator, 40)
    session = new_session(db, operator, clock)
    assert session.status == training.RUNNING
    for i, person in enumerate(trainees):
        clock.advance(seconds=20)
        if i % 3 == 2:  # about a third forgot the card and give their phone number
            result = training.sign_in_by_code(db, operator, session.id, person.phone)
            assert result.method == "phone"
        else:
            payload = training.card_payload(person.id)
            assert payload == f"VS1:P:{person.id}"
            result = training.sign_in_by_code(db, operator, session.id, payload.upper() if i == 0 else payload)
            assert result.method == "card"
        assert result.person_id == person.id and result.count == i + 1
    # surveys: 38 answered, 36 of them satisfied (4 or 5)
    scores = [5, 4, 5, 5, 4] * 7 + [5, 3, 2]
    for person, score in zip(trainees, scores, strict=False):
        training.record_survey(db, operator, session.id, person.id, overall=score,
                               answers={"content": score, "lecturer": 5}, comment="很实用")
    training.end_session(db, operator, session.id)

    roster = training.attendees(db, session.id)
    assert [a.name for a in roster] == [p.name for p in trainees]
    assert [a.no for a in roster] == list(range(1, 41))
    assert roster[0].category == people.POVERTY and roster[1].category == "farmer"
    rows = rosters.roster_rows(db, session.id)
    assert rows[1].phone == trainees[1].phone, "the county's copy keeps the whole phone for the audit calls"
    assert rows[1].id_masked == "*" * 14 + id_number(1)[-4:]
    assert rosters.roster_rows(db, session.id, masked=True)[1].phone == "139****0001"
    assert rows[0].satisfaction == "5" and rows[39].satisfaction == "" and rows[0].signature == ""

    xlsx = rosters.write_roster_xlsx(db, session.id, tmp_path / "roster.xlsx")
    sheet = load_workbook(xlsx).worksheets[0]
    values = list(sheet.iter_rows(min_row=rosters.XLSX_HEADER_ROW, values_only=True))
    assert list(values[0]) == [translate("roster", c) for c in rosters.COLUMNS] + [translate("roster", rosters.SIGNED_OUT)]
    read_back = [["" if v is None else str(v) for v in row[:len(rosters.COLUMNS)]] for row in values[1:]]
    assert read_back == [r.cells() for r in rows]

    pdf = rosters.write_roster_pdf(db, session.id, tmp_path / "roster.pdf")
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert session.title in text and "示范县电子商务公共服务中心" in text and "赵老师" in text
    for row in rows:
        assert row.name in text and row.phone in text and row.id_masked in text, row

    figures = training.figures(db, date(2026, 11, 1), date(2026, 11, 30))
    assert (figures.sessions, figures.person_times, figures.distinct_people) == (1, 40, 40)
    assert figures.by_category == {"farmer": 32, "poverty": 8}
    assert (figures.poverty_people, figures.poverty_households) == (8, 8)
    assert (figures.surveys, figures.satisfied) == (38, 36)
    assert round(figures.satisfaction_pct or 0, 1) == 94.7 and figures.satisfaction_met
    assert figures.person_times_target == 300 and figures.satisfaction_target_pct == 90
    assert training.figures(db, date(2026, 12, 1), date(2026, 12, 31)).person_times == 0
    assert training.year_figures(db, 2026).person_times == 40


def refused(db, error, action, *args, **kwargs):
    """The action raises `error` and leaves the station file as it was."""
    before = event_count(db)
    with pytest.raises(error) as info:
        action(*args, **kwargs)
    assert event_count(db) == before
    assert str(info.value)  # a message a person can read
    return info.value


def test_bad_sign_ins_are_refused_and_change_nothing(db, operator, clock):
    alice, bob, carol = make_people(db, operator, 3)
    planned = new_session(db, operator, clock, capacity=2, start=False)
    refused(db, Conflict, training.sign_in_by_card, db, operator, planned.id, training.card_payload(alice.id))
    session = training.start_session(db, operator, planned.id)
    refused(db, Conflict, training.start_session, db, operator, session.id)

    # a card from another station: a well-formed card of nobody registered here
    refused(db, NotFound, training.sign_in_by_card, db, operator, session.id, training.card_payload(new_id()))
    refused(db, ValidationError, training.sign_in_by_code, db, operator, session.id, "VS1:P:not-a-uuid")
    refused(db, ValidationError, training.sign_in_by_code, db, operator, session.id, "VS1:T:ABC123456")
    refused(db, ValidationError, training.sign_in_by_code, db, operator, session.id, "VS9:P:" + alice.id)
    refused(db, ValidationError, training.sign_in_by_code, db, operator, session.id, "张三")
    refused(db, ValidationError, training.sign_in_by_code, db, operator, session.id, "12345")
    refused(db, NotFound, training.sign_in_by_code, db, operator, session.id, "13700000000")
    refused(db, NotFound, training.sign_in, db, operator, "no-such-session", person_id=alice.id)

    training.sign_in_by_card(db, operator, session.id, training.card_payload(alice.id))
    # the same trainee twice, by card and by phone
    err = refused(db, Conflict, training.sign_in_by_card, db, operator, session.id, training.card_payload(alice.id))
    assert alice.name in str(err)
    refused(db, Conflict, training.sign_in_by_phone, db, operator, session.id, alice.phone)
    training.sign_in_by_phone(db, operator, session.id, bob.phone)
    # full
    err = refused(db, Conflict, training.sign_in_by_phone, db, operator, session.id, carol.phone)
    assert "2" in str(err)
    err = refused(db, Conflict, training.sign_in_by_phone, db, operator, session.id, alice.phone)
    assert alice.name in str(err), "someone already in is told so, not that the session is full"
    refused(db, Conflict, training.register_and_sign_in, db, operator, session.id, name="新来的", phone="13600000001")
    assert not people.find_by_phone(db, "13600000001"), "a refused sign-in leaves no half registration"
    refused(db, Conflict, training.update_session, db, operator, session.id, title="x", category="farmer",
            starts_at=clock.now(), ends_at=clock.now() + timedelta(hours=1), capacity=1)

    training.end_session(db, operator, session.id)
    # ended: sign-in is closed for good
    err = refused(db, Conflict, training.sign_in_by_phone, db, operator, session.id, carol.phone)
    assert session.title in str(err)
    refused(db, Conflict, training.end_session, db, operator, session.id)
    refused(db, Conflict, training.start_session, db, operator, session.id)
    refused(db, Conflict, training.sign_out, db, operator, session.id, alice.id)
    assert [a.name for a in training.attendees(db, session.id)] == [alice.name, bob.name]


def test_shared_family_phone_asks_for_the_person(db, operator, clock):
    dad = people.add_person(db, operator, name="孙大伯", phone="13811112222")
    mum = people.add_person(db, operator, name="孙大妈", phone="13811112222")
    session = new_session(db, operator, clock)
    err = refused(db, Conflict, training.sign_in_by_phone, db, operator, session.id, "138 1111 2222")
    assert dad.name in str(err) and mum.name in str(err)
    assert training.sign_in_by_phone(db, operator, session.id, "13811112222", person_id=mum.id).name == mum.name


def test_survey_scores_out_of_range_are_refused(db, operator, clock):
    (alice, bob) = make_people(db, operator, 2)
    session = new_session(db, operator, clock)
    training.sign_in(db, operator, session.id, person_id=alice.id)
    for bad in (0, 6, -1, 3.5, "5", True, None):
        refused(db, ValidationError, training.record_survey, db, operator, session.id, alice.id, overall=bad)
    refused(db, ValidationError, training.record_survey, db, operator, session.id, alice.id, overall=5,
            answers={"content": 9})
    refused(db, ValidationError, training.record_survey, db, operator, session.id, alice.id, overall=5,
            answers={"weather": 5})
    refused(db, NotFound, training.record_survey, db, operator, session.id, bob.id, overall=5)
    training.record_survey(db, operator, session.id, alice.id, overall=2)
    training.record_survey(db, operator, session.id, alice.id, overall=4)  # corrected: the later answer counts
    assert training.attendees(db, session.id)[0].overall == 4
    assert db.value("SELECT count(*) FROM training_surveys") == 1


def test_roster_of_220_people_is_paged_with_headings_on_every_page(db, operator, clock, tmp_path):
    trainees = make_people(db, operator, 220)
    session = new_session(db, operator, clock, capacity=300)
    for person in trainees:
        training.sign_in(db, operator, session.id, person_id=person.id, method="card")
    pdf = rosters.write_roster_pdf(db, session.id, tmp_path / "big.pdf")
    pages = pypdf.PdfReader(pdf).pages
    assert len(pages) >= 5
    name_heading = translate("roster", "Name")
    texts = [page.extract_text() for page in pages]
    for number, text in enumerate(texts, 1):
        assert name_heading in text, f"page {number} lacks the column headings"
        assert translate("roster", "Page {page} of {pages}").format(page=number, pages=len(pages)) in text
    everything = "\n".join(texts)
    assert all(p.name in everything for p in trainees)
    assert "220" in texts[-1]  # the last row's number
    sheet = load_workbook(rosters.write_roster_xlsx(db, session.id, tmp_path / "big.xlsx")).worksheets[0]
    assert sheet.max_row == rosters.XLSX_HEADER_ROW + 220


def test_register_on_the_spot_sign_out_and_take_back(db, operator, clock):
    session = new_session(db, operator, clock)
    newcomer = training.register_and_sign_in(db, operator, session.id, name="周小燕", phone="15900001111",
                                             village="河湾村", sex="F", categories=["woman"], category="entrepreneur")
    assert newcomer.method == "new" and newcomer.category == "entrepreneur"
    assert people.find_by_phone(db, "15900001111")[0].name == "周小燕"
    clock.advance(hours=2)
    out = training.sign_out(db, operator, session.id, newcomer.person_id)
    assert out.signed_out_at and out.signed_out_at > out.signed_in_at
    refused(db, Conflict, training.sign_out, db, operator, session.id, newcomer.person_id)
    training.record_survey(db, operator, session.id, newcomer.person_id, overall=5)
    refused(db, ValidationError, training.cancel_sign_in, db, operator, session.id, newcomer.person_id, reason=" ")
    training.cancel_sign_in(db, operator, session.id, newcomer.person_id, reason="选错了人")
    assert training.attendees(db, session.id) == []
    assert db.value("SELECT count(*) FROM training_surveys") == 0
    training.sign_in(db, operator, session.id, person_id=newcomer.person_id)  # may sign in again afterwards


def test_session_input_is_checked(db, operator, clock):
    now = clock.now()
    good = {"title": "电商培训", "category": "cadre", "starts_at": now, "ends_at": now + timedelta(hours=2), "capacity": 30}
    for change in ({"title": "  "}, {"category": "tourist"}, {"ends_at": now}, {"capacity": 0}, {"capacity": 5000},
                   {"starts_at": datetime(2026, 11, 2, 9)}, {"lecturers": [("", "讲师")]}):
        refused(db, ValidationError, training.create_session, db, operator, **{**good, **change})
    session = training.create_session(db, operator, **good)
    assert set(training.archive_gaps(db, session.id)) >= {"Commissioning agreement or task document", "Syllabus", "sign-ins", "On-site photos"}
    fixed = training.update_session(db, operator, session.id, **{**good, "capacity": 40, "trainer_org": "县电商中心",
                                                                "lecturers": LECTURERS, "syllabus": "开网店",
                                                                "place": "村委会"})
    assert fixed.capacity == 40 and fixed.lecturers[0] == training.Lecturer("赵老师", "电子商务师（高级）")
    assert training.list_sessions(db)[0].id == session.id


def test_county_scheduled_session_arrives_from_the_hub_and_is_the_countys(db, operator, clock):
    sid = new_id()
    payload = {"title": "县级电商人才培训班（第三期）", "category": "entrepreneur", "trainer_org": "示范县商务局",
               "trainer_licence": "", "lecturers": [{"name": "孙教授", "credentials": "省电商协会专家"}],
               "syllabus": "跨境电商入门", "materials": "", "place": "县电商产业园", "starts_at": "2026-11-10T01:00:00.000Z",
               "ends_at": "2026-11-10T08:00:00.000Z", "capacity": 120}
    row = {"hub_seq": 7, "kind": "county.training_scheduled", "entity_id": sid, "payload": json.dumps(payload),
           "hub_time": "2026-11-02T02:00:00.000Z", "after_seq": events.last_seq(db)}
    with db.transaction():
        replay.apply(db, replay.hub_event(row))
        db.insert("hub_events", row)
    session = training.get_session(db, sid)
    assert session.from_county and session.capacity == 120 and session.status == training.PLANNED
    refused(db, PermissionDenied, training.update_session, db, operator, sid, title="改", category="farmer",
            starts_at=clock.now(), ends_at=clock.now() + timedelta(hours=1), capacity=10)
    # the county re-sends its entry with a new place: the details follow
    row2 = {**row, "hub_seq": 8, "payload": json.dumps({**payload, "place": "县职教中心"})}
    with db.transaction():
        replay.apply(db, replay.hub_event(row2))
        db.insert("hub_events", row2)
    assert training.get_session(db, sid).place == "县职教中心"
    training.start_session(db, operator, sid)
    person = make_people(db, operator, 1)[0]
    assert training.sign_in_by_card(db, operator, sid, training.card_payload(person.id)).category == "poverty"


def test_photos_are_copied_into_the_data_folder(db, operator, clock, tmp_path):
    session = new_session(db, operator, clock)
    picture = tmp_path / "现场.jpg"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(picture, "JPEG")
    photo = training.add_photo(db, operator, session.id, source=picture, caption="授课现场")
    stored = training.photo_path(db, photo)
    assert stored.is_file() and stored.read_bytes() == picture.read_bytes()
    assert stored.is_relative_to(training.evidence_dir(db))
    refused(db, Conflict, training.add_photo, db, operator, session.id, source=picture)
    not_image = tmp_path / "notes.jpg"
    not_image.write_text("不是照片")
    refused(db, ValidationError, training.add_photo, db, operator, session.id, source=not_image)
    refused(db, NotFound, training.add_photo, db, operator, session.id, source=tmp_path / "missing.png")
    assert [p.caption for p in training.photos(db, session.id)] == ["授课现场"]
    assert "On-site photos" not in training.archive_gaps(db, session.id)


def test_follow_ups_and_training_card(db, operator, clock):
    alice, bob = make_people(db, operator, 2)
    session = new_session(db, operator, clock)
    training.sign_in(db, operator, session.id, person_id=alice.id)
    training.record_followup(db, operator, person_id=alice.id, session_id=session.id, outcome="shop",
                             on_day=date(2026, 11, 20), note="开了拼多多店卖脐橙")
    training.record_followup(db, operator, person_id=bob.id, outcome="employed", on_day=date(2026, 11, 21))
    refused(db, ValidationError, training.record_followup, db, operator, person_id=alice.id, outcome="rich",
            on_day=date(2026, 11, 20))
    refused(db, NotFound, training.record_followup, db, operator, person_id=bob.id, session_id=session.id,
            outcome="none", on_day=date(2026, 11, 20))
    refused(db, NotFound, training.record_followup, db, operator, person_id=new_id(), outcome="none",
            on_day=date(2026, 11, 20))
    assert [f.outcome for f in training.followups(db, alice.id)] == ["shop"]
    figures = training.figures(db, date(2026, 11, 1), date(2026, 11, 30))
    assert (figures.shops_opened, figures.employed) == (1, 1)
    card = training.training_card(db, alice.id)
    assert (card.name, card.village, card.payload) == (alice.name, alice.village, f"VS1:P:{alice.id}")
    assert training.parse_card(card.payload) == alice.id


def test_a_training_station_rebuilds_from_its_events(db, operator, clock, tmp_path):
    trainees = make_people(db, operator, 6)
    session = new_session(db, operator, clock)
    for person in trainees[:4]:
        training.sign_in_by_card(db, operator, session.id, training.card_payload(person.id))
        training.record_survey(db, operator, session.id, person.id, overall=5, answers={"practical": 4})
    training.register_and_sign_in(db, operator, session.id, name="吴新", phone="18800001111")
    training.sign_out(db, operator, session.id, trainees[0].id)
    training.cancel_sign_in(db, operator, session.id, trainees[1].id, reason="重复")
    picture = tmp_path / "p.png"
    Image.new("RGB", (8, 8)).save(picture)
    training.add_photo(db, operator, session.id, source=picture)
    training.end_session(db, operator, session.id)
    training.record_followup(db, operator, person_id=trainees[2].id, outcome="none", on_day=date(2026, 12, 1))
    rebuilt = open_station(tmp_path / "rebuilt" / "station.sqlite")
    replay.rebuild(db, rebuilt)
    assert replay.table_differences(db, rebuilt) == []
    assert rebuilt.value("SELECT count(*) FROM training_signins") == 4
