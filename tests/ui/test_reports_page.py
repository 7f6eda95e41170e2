"""The reports page, by keyboard: the month's figures and 12-month charts, PgUp/PgDn between
months, today's daily report, saving the report as Excel and PDF, the close slip."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from station_app.core import cash, outbound, parcels, people, reports, settings
from station_app.core.money import format_fen
from station_app.core.simulate import county_sends
from station_app.i18n import translate
from station_app.ui.charts import HIGHLIGHT, BarChart
from station_app.ui.context import StationContext
from station_app.ui.pages.reports import ReportsPage, compact
from tests.sync.audit_evidence import photo
from tests.ui.conftest import show_active


def figure_value(page, label_text):
    """The value shown on the month tab for the figure labelled `label_text` (first match)."""
    table = page.figures
    for row in range(table.rowCount()):
        if table.item(row, 1).text() == translate("reports", label_text):
            return table.item(row, 2).text()
    raise AssertionError(f"no figure {label_text}")


def day_value(page, label_text):
    table = page.day_counts
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == translate("reports", label_text):
            return table.item(row, 1).text()
    raise AssertionError(f"no figure {label_text}")


def busy_morning(db, operator):
    county_sends(db, [("county.setting_changed", "subsidy.county_code", {"value": "360735"})])
    cash.open_day(db, operator, counted=20_000)
    poor = people.add_person(db, operator, name="刘秀兰", phone="13812345678", village="幸福村", categories=["poverty"])
    for n in (1, 2):
        parcels.check_in_parcel(db, operator, waybill=f"7312345678900{n}", carrier="ZTO", person_id=poor.id)
    outbound.take_outbound_parcel(db, operator, sender_id=poor.id, recipient_name="张三", recipient_phone="13900003333",
                                  recipient_address="杭州市西湖区文三路1号", contents="猕猴桃", weight_g=2500, carrier="ZTO",
                                  ewaybill="73200000000001", farm_produce=True, farm_category="fruit",
                                  destination_code="330100",  # 杭州: out of the county (石城's), with its photo
                                  ewaybill_photo=photo(db.path.parent / "cam", "e1", (200, 120, 30)))
    return poor


def page_for(qtbot, db, operator):
    ctx = StationContext(db)
    ctx.set_operator(operator)
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    show_active(page)
    return ctx, page


def test_the_month_figures_and_charts(app, qtbot, db, operator):
    busy_morning(db, operator)
    ctx, page = page_for(qtbot, db, operator)
    assert page.chosen_month() == "2026-11"
    assert figure_value(page, "Parcels arrived") == "2"
    assert figure_value(page, "Farm-produce parcels sent out of the county") == "1"
    assert figure_value(page, "Subsidy claimed") == format_fen(settings.get(db, "parcels.farm_subsidy_fen"))
    assert figure_value(page, "Households served") == "1"
    assert page.figures.rowCount() == len(reports.FIGURES)

    chart = page.charts["arrived"]
    assert len(chart.values) == 12 and chart.values[-1] == 2 and sum(chart.values[:-1]) == 0
    assert chart.labels[-1] == "11" and chart.highlight == 11 and chart.texts[-1] == "2"
    rects = chart.bar_rects()
    assert rects[-1].height() > 0 and all(r.height() == 0 for r in rects[:-1])
    assert page.charts["farm"].values[-1] == 1
    assert chart.accessibleDescription().endswith("11 2")
    image = chart.grab().toImage()
    centre = rects[-1].center().toPoint()
    assert QColor(image.pixel(centre)) == HIGHLIGHT, "the chosen month's bar is drawn highlighted"

    # PgUp: October is empty; PgDn: back to November
    qtbot.keyClick(page, Qt.Key.Key_PageUp)
    assert page.chosen_month() == "2026-10" and figure_value(page, "Parcels arrived") == "0"
    assert page.charts["arrived"].values[-1] == 0 and page.charts["arrived"].labels[-1] == "10"
    qtbot.keyClick(page, Qt.Key.Key_PageDown)
    assert page.chosen_month() == "2026-11" and figure_value(page, "Parcels arrived") == "2"

    # an action elsewhere redraws the page
    ctx.act(parcels.check_in_parcel, waybill="73123456789009", carrier="ZTO", phone="13900001111")
    assert figure_value(page, "Parcels arrived") == "3"


def test_today_and_the_close_slip(app, qtbot, db, operator, clock):
    busy_morning(db, operator)
    _, page = page_for(qtbot, db, operator)
    qtbot.keyClick(page, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 1
    assert "2026-11-02" in page.day_title.text()
    assert day_value(page, "Parcels arrived") == "2" and day_value(page, "Farm produce out of the county") == "1"
    assert day_value(page, "Fees for parcels sent") == "¥12.00"
    services = [page.cash_lines.item(r, 0).text() for r in range(page.cash_lines.rowCount())]
    assert translate("services", cash.SERVICES["parcels"]) in services
    assert format_fen(cash.drawer_balance(db)) in page.cash_state.text()

    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # no printer in tests: said so
    assert page.notice.text() == page.ctx.tr("No printer is set up: the receipt was not printed (F10 printer settings)")
    cash.close_day(db, operator, counted=cash.drawer_balance(db))
    page.refresh()
    assert format_fen(0) in page.cash_state.text()

    qtbot.keyClick(page, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentIndex() == 0 and page.month.hasFocus()


def test_no_cash_day_no_slip(app, qtbot, db, operator):
    _, page = page_for(qtbot, db, operator)
    page.show_today()
    assert page.cash_state.text() == page.tr("No cash day today")
    page.print_close_slip()
    assert page.notice.objectName() == "error"


def test_save_the_report_as_excel_and_pdf(app, qtbot, db, operator, tmp_path):
    busy_morning(db, operator)
    _, page = page_for(qtbot, db, operator)
    xlsx = page.write_report(tmp_path, "xlsx")
    pdf = page.write_report(tmp_path, "pdf")
    assert xlsx is not None and xlsx.suffix == ".xlsx" and xlsx.stat().st_size > 1000
    assert pdf is not None and pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")
    assert "2026-11" in xlsx.name and "幸福村电商服务站" in xlsx.name
    assert page.notice.objectName() == "ok" and str(pdf) in page.notice.text()
    assert page.write_report(tmp_path / "missing" / "folder", "xlsx") is None
    assert page.notice.objectName() == "error"


def test_bar_chart_alone(app, qtbot):
    chart = BarChart("测试")
    qtbot.addWidget(chart)
    chart.resize(360, 190)
    chart.set_data(["1", "2", "3"], [10, 0, 5], ["10", "0", "5"], highlight=0)
    heights = [r.height() for r in chart.bar_rects()]
    assert heights[0] > heights[2] > heights[1] == 0
    assert abs(heights[0] - 2 * heights[2]) < 1
    chart.set_data([], [])
    chart.grab()  # an empty chart draws too
    try:
        chart.set_data(["1"], [1, 2])
    except ValueError:
        pass
    else:
        raise AssertionError("a value without a label is refused")


def test_compact_numbers():
    assert compact("count", 1234) == "1234"
    assert compact("fen", 85_600) == "¥856"
    assert compact("fen", 4_551_415) == "¥4.5万"
