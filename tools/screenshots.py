"""Screenshots of every screen at 1366×768, on a demo station with real work waiting, in Chinese:
docs/screenshots/*.png (the README shows them).

    python tools/screenshots.py [--lang en] [--size 1366x768] [--out DIR]

The window is shot as it is maximised on that screen under a 40-pixel taskbar (its client area:
1366×696). Runs on whatever Qt platform is set: offscreen by default (`make screenshots`), or a
real X display: `xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb python
tools/screenshots.py`. The strings are the catalogue's: run it after `tools/i18n.py` has the
Chinese of every new string, or the new ones show in English.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QTabWidget, QWidget  # noqa: E402

from station_app.clock import local_day  # noqa: E402
from station_app.core import (  # noqa: E402
    bills,
    cash,
    cashpoint,
    parcels,
    services_ledger,
    settings,
    simulate,
    training,
)
from station_app.core.operators import Operator, list_operators  # noqa: E402
from station_app.core.simulate import county_sends  # noqa: E402
from station_app.db import StationDB, open_station  # noqa: E402
from station_app.ui.app import setup_application  # noqa: E402
from station_app.ui.bill_dialogs import ReadBackDialog  # noqa: E402
from station_app.ui.context import StationContext  # noqa: E402
from station_app.ui.county_link import CountyLinkDialog  # noqa: E402
from station_app.ui.login import LoginDialog  # noqa: E402
from station_app.ui.main_window import MainWindow  # noqa: E402
from station_app.ui.notice_dialog import NoticeDialog  # noqa: E402
from station_app.ui.wizard import FirstRunWizard  # noqa: E402

TASKBAR, TITLE_BAR = 40, 32
#: each page's picture: its number and name (the numbers stay as the README knows them)
NAMES = {"HomePage": (3, "home"), "ParcelsPage": (4, "parcels"), "BillsPage": (5, "bills"),
         "ConsignmentPage": (6, "consignment"), "TrainingPage": (7, "training"), "PeoplePage": (8, "people"),
         "CashPage": (9, "cash"), "ReportsPage": (10, "reports"), "SettingsPage": (11, "settings"),
         "PrinterPage": (12, "printer"), "ScannerSettingsPage": (13, "scanner"), "CashpointPage": (24, "cashpoint"),
         "ServicesPage": (25, "services")}


def shoot(widget: QWidget, path: Path, size: tuple[int, int] | None = None) -> None:
    if size is not None:
        widget.resize(*size)
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def work_waiting(db: StationDB) -> str:
    """Today as a real morning leaves it: parcels on the shelf (some overdue), bills waiting
    for the county and one failed (a refund due), today's training, the business day open.
    Returns the pickup code a villager with three parcels shows at the counter."""
    op = list_operators(db)[0]
    if cash.open_period(db) is None:
        cash.open_day(db, op, counted=cash.drawer_balance(db))
    now = db.clock.now()
    for i, (account, amount) in enumerate((("3300123456789", 8000), ("3300987654321", 12000), ("13812345678", 5000))):
        product = "cmcc.topup" if account.startswith("1") else "sgcc.power"
        bills.accept_payment(db, op, product_id=product, account=account, amount=amount, confirm_duplicate=True,
                             payer_name=["张桂英", "李大山", "王秀兰"][i])
    failed = bills.accept_payment(db, op, product_id="water.bill", account="12345678", amount=2000,
                                  payer_name="赵四", confirm_duplicate=True)
    county_sends(db, [("county.bill_result", failed.id, bills.result_payload(failed.id, "failed",
                                                                               message="户号不存在"))])
    begins = now + timedelta(hours=2)
    training.create_session(db, op, title="农产品网店直播带货实操", category="farmer", starts_at=begins,
                            ends_at=begins + timedelta(hours=3), capacity=40, place="村委会会议室")
    codes = [parcels.check_in_parcel(db, op, waybill=f"SF10000009{i:05d}", phone="13900000009").pickup_code
             for i in range(3)]
    more_services(db, op)
    return codes[-1]


def more_services(db: StationDB, op: Operator) -> None:
    """Issue 22's counter: today's cash point withdrawals and a bank settlement 10 yuan short,
    the service ledger, and a county notice to post."""
    for i, (card, amount) in enumerate((("6228480402564890018", 50_000), ("6212261202011584340", 30_000),
                                        ("6228480402564890018", 20_000))):
        cashpoint.pay_withdrawal(db, op, card_number=card, amount=amount, trace_no=f"00{i + 301}",
                                 name=["张桂英", "李大山", "张桂英"][i], bank=["农业银行", "工商银行", "农业银行"][i])
    cashpoint.settle_day(db, op, day=local_day(db.clock.now()), bank_total=99_000, bank_count=3)
    for category, who, n, fee, note in (("tickets", "王秀兰", 1, 500, "K7034 哈尔滨 明天 08:12"),
                                        ("consult", "村民", 3, 0, "城乡居民医保缴费政策"),
                                        ("medical_insurance", "赵四", 1, 0, "新生儿参保登记"),
                                        ("jobs", "李大山", 2, 0, "县工业园区招工")):
        services_ledger.record_service(db, op, category=category, name=who, people=n, fee=fee, note=note)
    county_sends(db, [("county.notice", "demo-notice-1", {
        "title": "春耕农资补贴申报", "text": "各村：今年春耕农资补贴于4月30日前到村委会登记，需带身份证和一卡通。\n"
                                            "咨询电话 0451-1234567。", "until": "", "from": "县农业农村局"})])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--size", default="1366x768", help="the screen, e.g. 1366x768 or 1024x768")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    screen_w, screen_h = (int(x) for x in args.size.split("x"))
    client = (screen_w, screen_h - TASKBAR - TITLE_BAR)
    suffix = "" if args.lang == "zh_CN" else f"-{args.lang}"
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    setup_application(app, args.lang)
    work = Path(tempfile.mkdtemp())

    empty = open_station(work / "empty" / "station.sqlite")
    shoot(FirstRunWizard(empty), args.out / f"01-first-run{suffix}.png", (760, 560))

    db = open_station(work / "demo" / "station.sqlite")
    simulate.run(db, 30, seed=7, end=datetime.now(UTC))
    code = work_waiting(db)
    login = LoginDialog(db)
    shoot(login, args.out / f"02-login{suffix}.png")
    ctx = StationContext(db)
    ctx.set_operator(list_operators(db)[0])
    window = MainWindow(ctx)
    window.resize(*client)
    for i, page in enumerate(window.pages):
        window.nav.setCurrentRow(i)
        number, name = NAMES.get(type(page).__name__, (30 + i, type(page).__name__.lower()))
        if name == "people":
            page.search.setText("王")  # type: ignore[attr-defined]
        shoot(window, args.out / f"{number:02d}-{name}{suffix}.png")
        tabs = next((t for t in page.findChildren(QTabWidget) if t.isVisible()), None)
        for t in range(1, tabs.count() if tabs is not None else 0):
            assert tabs is not None
            tabs.setCurrentIndex(t)
            if name == "parcels" and t == 1:  # hand-over: a villager shows the code of her latest parcel
                page.handle_scan(code)
            shoot(window, args.out / f"{number:02d}-{name}-{t + 1}{suffix}.png")
        if tabs is not None:
            tabs.setCurrentIndex(0)

    # the bill read-back, the county link explained, and the board in large text
    product = bills.catalogue(db).product("sgcc.power")
    quote = bills.quote(db, product_id=product.id, amount=8000)
    shoot(ReadBackDialog(product, "3300123456789", quote, 10_000, "张桂英", window),
          args.out / f"20-bill-readback{suffix}.png")
    shoot(CountyLinkDialog(db, window), args.out / f"21-county-link{suffix}.png")
    shoot(NoticeDialog(ctx, "demo-notice-1", window), args.out / f"26-county-notice{suffix}.png")
    settings.set_value(db, ctx.operator, "ui.large_text", 1)
    window.apply_type_size(ctx.operator)
    window.nav.setCurrentRow(0)
    shoot(window, args.out / f"22-home-large-text{suffix}.png")
    settings.set_value(db, ctx.operator, "ui.large_text", 0)
    window.apply_type_size(ctx.operator)
    window.resize(1024, 768 - TASKBAR - TITLE_BAR)
    shoot(window, args.out / f"23-home-1024{suffix}.png")


if __name__ == "__main__":
    main()
