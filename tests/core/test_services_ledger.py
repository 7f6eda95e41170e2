"""便民服务台账: one record per service with the county's categories, the person served, the fee
(drawer -> income:services), people served in the monthly report (便民服务人次), and voids."""

from __future__ import annotations

import json
from datetime import date

import pytest

from station_app.core import cash, events, people, replay, report_rows, reports, services_ledger
from station_app.core.replay import hub_event
from station_app.core.services_ledger import CATEGORIES_EVENT
from station_app.db import open_station
from station_app.errors import Conflict, NotFound, ValidationError


@pytest.fixture
def op(db, operator):
    cash.open_day(db, operator, counted=10_000)
    return operator


def county_list(db, items, seq=1):
    """The county's categories as a sync brings them (the same applier a pull runs)."""
    with db.transaction():
        replay.apply(db, hub_event({"hub_seq": seq, "kind": CATEGORIES_EVENT, "entity_id": "categories",
                                    "payload": json.dumps({"categories": items}),
                                    "hub_time": "2026-11-02T01:00:00.000Z"}))


def test_a_new_station_has_the_plans_categories(db, manager):
    codes = [c.code for c in services_ledger.categories(db)]
    assert codes[:6] == ["consult", "tickets", "hotel", "insurance", "medical_insurance", "jobs"]
    assert {c.name for c in services_ledger.categories(db)} >= {"信息咨询", "车票机票代购", "医保登记"}


def test_records_fees_and_the_ledger(db, op):
    poor = people.add_person(db, op, name="刘秀兰", phone="13900001234", village="幸福村", categories=[people.POVERTY])
    a = services_ledger.record_service(db, op, category="tickets", person_id=poor.id, fee=500, note="K123 哈尔滨")
    assert (a.number, a.name, a.poverty, a.category_name, a.fee) == ("FW00001", "刘秀兰", True, "车票机票代购", 500)
    services_ledger.record_service(db, op, category="consult", name="村民甲", people=3, note="医保政策")
    services_ledger.record_service(db, op, category="insurance", fee=300, payment="qr")
    assert cash.drawer_balance(db) == 10_500, "a QR fee never passes the drawer"
    assert int(db.value("SELECT sum(amount) FROM cash_entries WHERE account = 'income:services'")) == -800
    f = services_ledger.figures(db, "2026-11-01", "2026-11-30")
    assert (f.records, f.times, f.fees, f.poverty_times) == (3, 5, 800, 1)
    assert [(c.code, c.times) for c in f.by_category] == [("consult", 3), ("tickets", 1), ("insurance", 1)]
    r = reports.monthly_report(db, "2026-11")
    s = r["services"]
    assert (s["records"], s["times"], s["fees_fen"], s["poverty_times"]) == (3, 5, 800, 1)
    assert s["by_category"]["consult"] == {"records": 1, "times": 3, "fees_fen": 0}
    assert r["poverty"]["by_service"]["services"] == {"households": 1, "times": 1}
    sheet = report_rows.evidence(db, "2026-11", "services")
    assert (len(sheet.rows), sheet.total("People served"), sheet.total("Fee")) == (3, 5, 800)
    assert r["cash"]["by_service"]["services"]["income_fen"] == 800
    d = reports.daily_report(db, date(2026, 11, 2))
    assert d["services"] == {"records": 3, "times": 5, "fees_fen": 800}


def test_refusals_change_nothing(db, op):
    before = events.last_seq(db)
    with pytest.raises(ValidationError):
        services_ledger.record_service(db, op, category="lottery")
    with pytest.raises(ValidationError):
        services_ledger.record_service(db, op, category="consult", people=0)
    with pytest.raises(ValidationError):
        services_ledger.record_service(db, op, category="consult", fee=-1)
    with pytest.raises(NotFound):
        services_ledger.record_service(db, op, category="consult", person_id="nobody")
    assert events.last_seq(db) == before


def test_a_void_gives_the_fee_back_the_same_day(db, op):
    r = services_ledger.record_service(db, op, category="hotel", fee=1_000)
    assert cash.drawer_balance(db) == 11_000
    v = services_ledger.void_record(db, op, r.id, reason="客人取消")
    assert v.status == services_ledger.VOIDED and cash.drawer_balance(db) == 10_000
    assert services_ledger.figures(db, "2026-11-01", "2026-11-30").voided == 1
    with pytest.raises(Conflict):
        services_ledger.void_record(db, op, r.id, reason="again")
    later = services_ledger.record_service(db, op, category="consult")
    db.clock.advance(days=1)
    with pytest.raises(Conflict):
        services_ledger.void_record(db, op, later.id, reason="too late")


def test_the_county_sets_the_categories(db, op):
    services_ledger.record_service(db, op, category="hotel")
    county_list(db, [{"code": "consult", "name": "政策咨询"}, {"code": "jobs", "name": "劳务用工"},
                     {"code": "eldercare", "name": "养老服务"}])
    assert [(c.code, c.name) for c in services_ledger.categories(db)] == [
        ("consult", "政策咨询"), ("jobs", "劳务用工"), ("eldercare", "养老服务")]
    with pytest.raises(ValidationError):
        services_ledger.record_service(db, op, category="hotel")  # retired by the county
    services_ledger.record_service(db, op, category="eldercare")
    names = {c.code: c.name for c in services_ledger.figures(db, "2026-11-01", "2026-11-30").by_category}
    assert names == {"hotel": "酒店预订", "eldercare": "养老服务"}, "a retired category keeps its name"


def test_clean_categories():
    assert services_ledger.clean_categories([("Jobs", " 劳务 用工 ")]) == [{"code": "jobs", "name": "劳务 用工"}]
    for bad in ([], [("", "x")], [("a b", "x")], [("a", "")], [("a", "x"), ("a", "y")]):
        with pytest.raises(ValidationError):
            services_ledger.clean_categories(bad)


def test_a_rebuild_gives_the_same_tables(db, op, tmp_path):
    r = services_ledger.record_service(db, op, category="hotel", fee=1_000)
    services_ledger.void_record(db, op, r.id, reason="x")
    services_ledger.record_service(db, op, category="jobs", people=4)
    copy = open_station(tmp_path / "copy.sqlite", clock=db.clock)
    replay.rebuild(db, copy)
    assert replay.table_differences(db, copy) == []
    copy.close()
