"""The buyer's sale receipt carries the traceability codes of what was sold (一物一码: the lot's
code for weighed goods, each unit's code for counted ones, as `core.consignment.intake`
promises), under each line, in groups a person can read, within the receipt size goal."""

from __future__ import annotations

import pytest

from bench.bench_printer import SIZE_GOAL
from printer.emulator import decode
from printer.escpos import render
from station_app.core import cash, consignment, people
from station_app.core.consignment import IntakeItem, SaleItem
from station_app.receipts.consignment import MAX_CODES_SHOWN, GoodsLine, sale_receipt, sale_slip
from tests.printer.samples import SAMPLES, STATION


@pytest.fixture
def sold(db, manager, operator):
    cash.open_day(db, manager, counted=10_000)
    villager = people.add_person(db, operator, name="张桂英", phone="13812345678", village="东山村")
    her = consignment.register_consignor(db, operator, person_id=villager.id)
    intake = consignment.take_in(db, operator, consignor_id=her.id, items=[
        IntakeItem("土鸡蛋", "fresh", "盒", 3, 3000), IntakeItem("香菇", "processed", "斤", "12.5", 2800)])
    eggs, mushrooms = intake.lots
    e1, e2, _ = consignment.codes_of(db, eggs.id)
    mushroom = consignment.codes_of(db, mushrooms.id)[0]
    sale = consignment.sell(db, operator, items=[SaleItem(code=e1), SaleItem(code=e2),
                                                 SaleItem(lot_id=mushrooms.id, quantity="2.5")], tendered=15_000)
    return sale, (e1, e2), mushroom


@pytest.mark.parametrize("width", [58, 80])
def test_the_receipt_of_a_real_sale_prints_each_lines_codes_under_it(sold, width):
    sale, eggs, mushroom = sold
    text = decode(render(sale_slip(sale), width), width).text
    lines = text.splitlines()
    egg_row = next(i for i, line in enumerate(lines) if line.startswith("土鸡蛋"))
    mushroom_row = next(i for i, line in enumerate(lines) if line.startswith("香菇"))
    # the two eggs' unit codes under the eggs, the mushrooms' lot code under the mushrooms
    assert [line.strip() for line in lines[egg_row + 1:egg_row + 3]] == [consignment.spaced(c) for c in eggs]
    assert lines[mushroom_row + 1].strip() == consignment.spaced(mushroom)


def test_a_line_of_many_units_shows_a_few_codes_and_says_where_the_rest_are():
    codes = tuple(consignment.trace_code("station-a", "salt-a", 7, n) for n in range(1, 41))
    doc = sale_receipt(station=STATION, receipt_no="XS261102-001", paid_fen=80_000, when_sold="2026-11-02",
                       operator="李秀英", lines=[GoodsLine("竹筷", "40双", 8000, codes)])
    text = decode(render(doc, 58), 58).text
    shown = [c for c in codes if consignment.spaced(c) in text]
    assert shown == list(codes[:MAX_CODES_SHOWN - 1])
    assert "37" in text  # "…另有 37 个" (the rest are on the units' own labels)
    assert max(len(render(doc, 58)), len(render(doc, 80))) <= SIZE_GOAL


@pytest.mark.parametrize("name", ["sale", "sale_discount"])
def test_the_sample_sales_with_codes_stay_within_the_receipt_size_goal(name):
    doc = SAMPLES[name]()
    text = decode(render(doc, 58), 58).text
    assert "000123" in text or "000131" in text  # the samples carry codes
    assert max(len(render(doc, 58)), len(render(doc, 80))) <= SIZE_GOAL
