"""A simulated month has every station service the county plans count, at a village station's
rates, each in the station's monthly report: the cash point (withdrawals within the rules, the
bank's settlements, a day that differs by 10 yuan flagged), the service ledger across the
categories (poverty-register people among those served), the county's notices posted, farm
inputs sold with producer and batch, farm-produce parcels with goods value, destination code
and e-waybill photo (cooperatives among the senders), trainees by group with follow-up
outcomes, and training archives some complete, some not."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from station_app.core import cashpoint, people, reports, simulate
from station_app.core.evidence_files import path_of
from station_app.core.simulate.county import DEMO_COUNTY_CODE
from station_app.core.training import documents
from station_app.db import open_station

END = datetime(2026, 4, 1, tzinfo=UTC)  # March 2026: a sowing month, all of it simulated
MONTH, DAYS, SEED = "2026-03", 31, 4


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    db = open_station(tmp_path_factory.mktemp("month") / "station.sqlite")
    summary = simulate.run(db, DAYS, seed=SEED, end=END)
    yield db, summary, reports.monthly_report(db, MONTH)
    db.close()


def test_the_cash_point_pays_within_the_rules_and_the_bank_settles_each_day(month):
    db, summary, report = month
    cp = report["cashpoint"]
    assert 2 * DAYS <= cp["withdrawals"] <= 10 * DAYS, cp  # a village station's few a day
    assert cp["amount_fen"] == db.value("SELECT sum(amount) FROM cash_withdrawals WHERE status = 'paid' "
                                        "AND day BETWEEN '2026-03-01' AND '2026-03-31'")
    for w in db.rows("SELECT amount, card_masked FROM cash_withdrawals"):
        assert w["amount"] >= cashpoint.MIN_FEN and w["amount"] % cashpoint.STEP_FEN == 0
        assert "*" in w["card_masked"]
    per_card_day = db.value("SELECT max(t) FROM (SELECT sum(amount) AS t FROM cash_withdrawals WHERE status = 'paid' "
                            "GROUP BY card_hash, day)")
    assert per_card_day <= cashpoint.DAY_LIMIT_FEN
    assert cp["poverty_withdrawals"] > 0 and cp["cards"] > 10
    # the bank settles every past day; most agree, a few differ by 10 yuan and stay flagged
    assert cp["settled_days"] >= cp["days"] - 1
    assert 1 <= cp["differing_days"] <= cp["settled_days"] // 4, cp
    flagged = [d for d in cashpoint.reconciliation(db, "2026-03-01", "2026-03-31") if d.flagged]
    assert flagged and {abs(d.difference) for d in flagged} == {1000}
    assert cp["difference_fen"] == sum(d.difference for d in flagged)
    assert summary["cashpoint_withdrawals"] >= cp["withdrawals"]


def test_the_service_ledger_has_every_category_and_poverty_register_people(month):
    db, _, report = month
    sv = report["services"]
    assert 3 * DAYS <= sv["records"] <= 10 * DAYS and sv["times"] > sv["records"]
    assert len(sv["by_category"]) >= 7, sorted(sv["by_category"])
    assert sv["poverty_times"] > 0 and sv["fees_fen"] > 0
    # villagers registering for insurance showed their ID card: the numbers are on record (keyed)
    assert db.value("SELECT count(*) FROM people WHERE id_hash IS NOT NULL") >= 10


def test_county_notices_arrive_and_are_posted_on_the_wall(month):
    _, _, report = month
    assert report["notices"]["received"] >= 2 and report["notices"]["posted"] >= 1, report["notices"]


def test_farm_inputs_are_sold_with_producer_and_batch(month):
    db, _, report = month
    po = report["proxy_orders"]
    assert po["farm_inputs"] >= 10 and po["farm_inputs_fen"] > 0, po
    sold = db.rows("SELECT producer, batch FROM proxy_orders WHERE status = 'closed' AND farm_kind != ''")
    assert sold and all(r["producer"] and r["batch"] for r in sold)


def test_farm_produce_parcels_carry_value_destination_photo_and_cooperatives(month):
    db, _, report = month
    assert report["farm_subsidy"]["parcels"] > 100
    farm = db.rows("SELECT * FROM outbound_parcels WHERE farm_produce = 1 AND status != 'cancelled' "
                   "AND payment != 'county'")  # the online shop's parcels: the county's order says their value
    assert all(r["goods_value_fen"] > 0 for r in farm)
    inside = [r for r in farm if r["destination_code"] == DEMO_COUNTY_CODE]
    outside = [r for r in farm if r["destination_code"] and r["destination_code"] != DEMO_COUNTY_CODE]
    assert len(outside) > 4 * len(inside) > 0  # mostly out of the county, some inside it
    photos = db.rows("SELECT outbound_id, file FROM outbound_photos")
    assert len(photos) > 0.8 * len(farm)
    assert all(path_of(db, p["file"]).is_file() for p in photos[:20])
    coops = {r["sender_org_code"] for r in farm if r["sender_org_code"]}
    assert len(coops) >= 2 and 0.1 * len(farm) < sum(1 for r in farm if r["sender_org_code"]) < 0.5 * len(farm)


def test_trainees_are_counted_by_group_and_followed_up(month):
    db, _, report = month
    groups = set(report["training"]["by_category"])
    assert groups & set(people.TRAINEE_CATEGORIES), groups
    outcomes = {r["outcome"] for r in db.rows("SELECT outcome FROM training_followups")}
    assert {"business", "none"} <= outcomes
    assert db.value("SELECT sum(jobs_created) FROM training_followups WHERE outcome = 'business'") > 0


def test_some_training_archives_are_complete_and_some_are_not(month):
    db, _, _ = month
    ended = [r["id"] for r in db.rows("SELECT id FROM training_sessions WHERE status = 'ended'")]
    verdicts = {not documents.missing(db, s) for s in ended}
    assert verdicts == {True, False}, ended
    kept = db.rows("SELECT file FROM training_documents")
    assert kept and all(path_of(db, r["file"]).is_file() for r in kept)
    assert {r["file"].rsplit(".", 1)[1] for r in kept} == {"pdf", "png"}
