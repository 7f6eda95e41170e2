"""The station's side of the audit evidence (issue 21): destination codes decide in-county, the
e-waybill photo is kept with the parcel (and not left behind when the parcel is refused), the
caps cut the amounts in order, the archive's documents, and the county's villages and register
rebuilt from their events like every table."""

from datetime import timedelta

import pytest
from PIL import Image

from station_app.clock import SHANGHAI
from station_app.core import evidence_files, outbound, register, replay, subsidy, training, villages
from station_app.core.simulate import county_sends
from station_app.core.training import documents
from station_app.db import open_station
from station_app.errors import Conflict, ValidationError

COUNTY = "360735"


def jpeg(folder, name, colour=(200, 0, 0)):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.jpg"
    Image.new("RGB", (32, 24), colour).save(path, "JPEG")
    return path


def send(db, who, ewaybill, **kw):
    values = {"sender_name": "赖春生", "sender_phone": "13970001234", "recipient_name": "陈明",
              "recipient_phone": "13900001111", "recipient_address": "深圳", "contents": "脐橙", "weight_g": 2000,
              "carrier": "ZTO", "farm_produce": True, "farm_category": "fruit", **kw}
    return outbound.take_outbound_parcel(db, who, ewaybill=ewaybill, **values).parcel


def test_division_codes_as_the_counter_may_type_them(db):
    county_sends(db, [("county.setting_changed", "subsidy.county_code", {"value": COUNTY})])
    assert villages.check_division_code(db, " 440000 ") == "440000"
    assert villages.check_division_code(db, "440300") == "440300"
    assert villages.check_division_code(db, COUNTY) == COUNTY
    for bad in ("44000", "990000", "abcdef", ""):
        with pytest.raises(ValidationError):
            villages.check_division_code(db, bad)
    with pytest.raises(ValidationError):  # its own province as a province cannot tell in from out
        villages.check_division_code(db, "360000")
    assert villages.inside_county(db, COUNTY) is True and villages.inside_county(db, "440300") is False
    assert villages.inside_county(db, None) is None
    assert villages.division_name(db, COUNTY) == "本县" and villages.division_name(db, "440000") == "广东省"


def test_the_code_decides_in_county_and_a_refused_parcel_leaves_no_photo_behind(db, operator, tmp_path):
    county_sends(db, [("county.setting_changed", "subsidy.county_code", {"value": COUNTY})])
    inside = send(db, operator, "73500000000001", destination_code=COUNTY, out_of_county=True,
                  ewaybill_photo=jpeg(tmp_path, "a"))
    assert inside.out_of_county is False and inside.destination_code == COUNTY
    [kept] = outbound.ewaybill_photos(db, inside.id)
    assert evidence_files.path_of(db, kept.file).read_bytes() == (tmp_path / "a.jpg").read_bytes()
    folder = evidence_files.path_of(db, "evidence/outbound")
    before = sorted(p.name for p in folder.rglob("*") if p.is_file())
    with pytest.raises(Conflict):  # the same e-waybill again: refused, and its photo copy is removed
        send(db, operator, "73500000000001", destination_code="440000", ewaybill_photo=jpeg(tmp_path, "b", (0, 9, 0)))
    assert sorted(p.name for p in folder.rglob("*") if p.is_file()) == before
    not_a_photo = tmp_path / "note.jpg"
    not_a_photo.write_bytes(b"hello")
    with pytest.raises(ValidationError):
        send(db, operator, "73500000000002", destination_code="440000", ewaybill_photo=not_a_photo)
    with pytest.raises(ValidationError):
        send(db, operator, "73500000000003", destination_code="440000", goods_value_fen=-1)
    with pytest.raises(ValidationError):
        send(db, operator, "73500000000004", sender_org_code="12345", sender_org_name="合作社")


def test_caps_cut_in_order_and_a_row_that_does_not_count_takes_nothing():
    rows = [("coop", True), ("coop", True), ("coop", False), ("coop", True), ("coop", True), ("ann", True)]
    got = subsidy.apply_caps(rows, rate=50, entity_cap=120, county_cap=None)
    assert [(c.fen, c.cut) for c in got] == [(50, ""), (50, ""), (0, ""), (20, subsidy.ENTITY_CAP),
                                             (0, subsidy.ENTITY_CAP), (50, "")]
    county = subsidy.apply_caps(rows, rate=50, entity_cap=1000, county_cap=130, county_used=20)
    assert [c.fen for c in county] == [50, 50, 0, 10, 0, 0] and county[3].cut == subsidy.COUNTY_CAP


def test_archive_documents_refusals(db, manager, tmp_path):
    begins = db.clock.now().astimezone(SHANGHAI) - timedelta(hours=1)
    s = training.create_session(db, manager, title="电商入门", category="farmer", starts_at=begins,
                                ends_at=begins + timedelta(hours=2), capacity=10, trainer_org="县中心",
                                lecturers=[("李老师", "")], syllabus="开网店", place="服务站")
    picture = jpeg(tmp_path, "x")
    with pytest.raises(ValidationError):
        documents.add_document(db, manager, s.id, kind="no_such_kind", source=picture)
    with pytest.raises(ValidationError):  # a lecturer the session does not have
        documents.add_document(db, manager, s.id, kind="lecturer_credentials", source=picture, lecturer="王老师")
    documents.add_document(db, manager, s.id, kind="plan", source=picture)
    with pytest.raises(Conflict):
        documents.add_document(db, manager, s.id, kind="plan", source=picture)
    plan = next(i for i in training.checklist(db, s.id) if i.kind == "plan")
    assert plan.present and len(plan.files) == 1


def test_villages_register_and_documents_rebuild_from_their_events(db, manager, tmp_path):
    county_sends(db, [
        ("county.villages", "villages", {"villages": [
            {"code": "360735100201", "name": "幸福村", "township": "琴江镇", "poor": True},
            {"code": "360735100202", "name": "青山村", "township": "琴江镇", "poor": False}], "own": ["360735100201"]}),
        ("county.register_household", "H001", {"household_no": "H001", "village_code": "360735100201",
                                               "village": "幸福村", "status": "lifted", "model": True,
                                               "members": [{"id_hash": "ab" * 32, "id_masked": "3607**********0012",
                                                            "name_masked": "刘**"}]}),
        ("county.register_household", "H002", {"household_no": "H002", "village_code": "360735100201",
                                               "village": "幸福村", "status": "poor", "members": []}),
        ("county.register_household", "H002", {"removed": True}),
    ])
    assert [v.name for v in villages.own_villages(db)] == ["幸福村"]
    assert villages.county_code(db) == COUNTY  # from the villages' codes when the county set none
    assert villages.find_village(db, "琴江镇青山村").code == "360735100202"
    assert [(h.household_no, h.status, h.model, h.members) for h in register.households(db)] == [
        ("H001", register.LIFTED, True, 1)]
    begins = db.clock.now().astimezone(SHANGHAI) - timedelta(hours=1)
    s = training.create_session(db, manager, title="电商入门", category="farmer", starts_at=begins,
                                ends_at=begins + timedelta(hours=2), capacity=10, trainer_org="县中心",
                                lecturers=[], syllabus="开网店", place="服务站")
    documents.add_document(db, manager, s.id, kind="agreement", source=jpeg(tmp_path, "协议"))
    rebuilt = open_station(tmp_path / "rebuilt.sqlite")
    replay.rebuild(db, rebuilt)
    assert replay.table_differences(db, rebuilt) == []
    rebuilt.close()
