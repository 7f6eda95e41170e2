"""Fixed sample receipts, one per template: the golden files and most printer tests use them.

Receipts are built in Chinese (`chinese_receipts()`), the station's default language, from the
program's own catalogue.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from printer.document import Receipt
from station_app import i18n
from station_app.receipts import bills, cash, consignment, orders, parcels, training
from station_app.receipts.printer_test_page import printer_test_page

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
STATION = "幸福村电商服务站"
AT = datetime(2026, 11, 2, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai

PAYMENT = bills.BillPayment(
    receipt_no="B20261102-0007", service="电费", biller="国网示范县供电公司", account="0123456789",
    account_name="王*国", amount_fen=10000, fee_fen=100, accepted_at=AT, operator="李秀英",
    biller_ref="GW2026110200123456", paid_at=datetime(2026, 11, 2, 2, 5, tzinfo=UTC),
    reason="户号已销户", refunded_at=datetime(2026, 11, 3, 1, 0, tzinfo=UTC),
)

SAMPLES: dict[str, Callable[[], Receipt]] = {
    "pickup_slip": lambda: parcels.pickup_slip(
        station=STATION, pickup_code="3-2-0417", waybill="SF1234567890123", phone="13812345678",
        carrier="顺丰速运", recipient="王建国", shelf="3号架 第2层", arrived=AT),
    "parcel_out": lambda: parcels.parcel_out_receipt(
        station=STATION, receipt_no="F20261102-0012", waybill="773012345678901", carrier="申通快递",
        sender="张桂兰", sender_phone="13987654321", destination="浙江省杭州市", weight_g=5200,
        fee_fen=1800, when_taken=AT, operator="李秀英", contents="高山土豆 5 斤装（新鲜现挖）",
        farm_produce=True),
    "bill_accepted": lambda: bills.bill_accepted(station=STATION, payment=PAYMENT),
    "bill_paid": lambda: bills.bill_paid(station=STATION, payment=PAYMENT),
    "bill_failed": lambda: bills.bill_failed(station=STATION, payment=PAYMENT),
    "bill_refunded": lambda: bills.bill_refunded(station=STATION, payment=PAYMENT),
    "consignment_label": lambda: consignment.consignment_label(
        station=STATION, item_no="C-000123", product="土蜂蜜（百花蜜）", consignor="赵大山",
        village="幸福村", quantity="500 克/瓶", price_fen=4850, intake=date(2026, 11, 1),
        trace_payload="VS1:T:HN20261101A7", grade="一级"),
    "sale": lambda: consignment.sale_receipt(
        station=STATION, receipt_no="S20261102-0031",
        lines=[consignment.SaleLine("土蜂蜜（百花蜜）500克", 2, 4850, ("7KQ2M000123004X3F9TZ", "7KQ2M000123005MR8QWA")),
               consignment.SaleLine("手工布鞋", 1, 8800, ("7KQ2M000127002QH3WXA",)),
               consignment.SaleLine("Organic rice 有机大米 5kg", 1, 6500, ("7KQ2M000129011D8RKE4",))],
        paid_fen=30000, when_sold=AT, operator="李秀英", payment="现金"),
    "settlement": lambda: consignment.settlement_statement(
        station=STATION, statement_no="J202611-004", consignor="赵大山", phone="13700001111",
        period="2026-10-01 至 2026-10-31",
        lines=[consignment.SettlementLine("土蜂蜜（百花蜜）", 12, 58200), consignment.SettlementLine("干香菇 250克", 30, 75000)],
        commission_fen=6660, when_settled=AT, operator="王建国"),
    "training_card": lambda: training.training_card(
        station=STATION, attendee="刘小梅", village="幸福村", phone="15011112222",
        payload="VS1:P:0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6", session="网店开设与商品拍照",
        starts=datetime(2026, 11, 5, 6, 0, tzinfo=UTC), place="村委会二楼会议室"),
    "cash_close": lambda: cash.cash_close(
        station=STATION, day=date(2026, 11, 2), operator="李秀英", opening_fen=50000,
        lines=[cash.CashLine("代发快递", 14, 25200), cash.CashLine("代缴费", 6, 60600),
               cash.CashLine("代卖商品", 9, 46300), cash.CashLine("缴费退款", 1, -10100)],
        counted_fen=171900, when_closed=datetime(2026, 11, 2, 11, 0, tzinfo=UTC)),
    "sale_discount": lambda: consignment.sale_receipt(
        station=STATION, receipt_no="S20261102-0032",
        lines=[consignment.GoodsLine("高山土豆", "2.5斤", 750, ("7KQ2M000131000B4N7KD",)),
               consignment.SaleLine("土蜂蜜（百花蜜）500克", 1, 4850, ("7KQ2M000123006TZ2JVP",))],
        paid_fen=6000, when_sold=AT, operator="李秀英", payment="现金", discount_fen=100),
    "order_slip": lambda: orders.order_slip(
        station=STATION, order_no="DG00012", villager="王建国", phone="13812345678",
        goods="电动喷雾器 16升 锂电池款", quantity=1, unit="台", estimate_fen=28900, fee_fen=500,
        deposit_fen=10000, payment="现金", when_placed=AT, operator="李秀英", payload="VS1:O:DG00012"),
    "order_pickup": lambda: orders.order_pickup_receipt(
        station=STATION, order_no="DG00012", villager="王建国", phone="13812345678",
        goods="电动喷雾器 16升 锂电池款", cost_fen=27500, fee_fen=500, deposit_fen=10000, balance_fen=18000,
        payment="现金", when_picked_up=datetime(2026, 11, 6, 8, 15, tzinfo=UTC), operator="李秀英"),
    "order_pickup_change": lambda: orders.order_pickup_receipt(
        station=STATION, order_no="DG00013", villager="张桂兰", phone="13987654321",
        goods="老花镜 +250度", cost_fen=2600, fee_fen=300, deposit_fen=5000, balance_fen=-2100,
        payment="现金", when_picked_up=datetime(2026, 11, 6, 8, 40, tzinfo=UTC), operator="李秀英"),
    "order_cancelled": lambda: orders.order_cancelled_receipt(
        station=STATION, order_no="DG00014", villager="赵大山", phone="13700001111",
        goods="小鸡饲料 20公斤", deposit_fen=3000, reason="供货商缺货",
        when_cancelled=datetime(2026, 11, 4, 3, 0, tzinfo=UTC), operator="王建国"),
    "sale_return": lambda: consignment.sale_return_receipt(
        station=STATION, return_no="R20261103-0002", sale_no="S20261102-0031",
        lines=[consignment.SaleLine("土蜂蜜（百花蜜）500克", 1, 4850), consignment.GoodsLine("干香菇", "0.5斤", 1250)],
        refund_fen=6100, refund_by="现金", reason="瓶盖破损",
        when_returned=datetime(2026, 11, 3, 2, 20, tzinfo=UTC), operator="李秀英"),
    "online_packing": lambda: orders.online_packing_slip(
        station=STATION, order_no="XS202611020088", platform="示范县农品网店", receiver="陈晓燕",
        phone="15911223344", address="浙江省杭州市西湖区文三路 100 号 3 幢 502 室",
        lines=[orders.PackedLine("土蜂蜜（百花蜜）500克", "2瓶", ("7KQ2M000123004X3F9TZ", "7KQ2M000123005MR8QWA")),
               orders.PackedLine("干香菇", "1斤", ("7KQ2M000131000B4N7KD",))],
        when_packed=AT, operator="李秀英"),
    "test_page_58": lambda: printer_test_page(paper_mm=58, printer="net:192.168.1.87:9100",
                                              profile="generic-58", station=STATION, printed=AT),
    "test_page_80": lambda: printer_test_page(paper_mm=80, printer="usb:0416:5011",
                                              profile="generic-80", station=STATION, printed=AT),
}


@contextlib.contextmanager
def chinese_receipts() -> Iterator[None]:
    """Receipts (and printer errors) in Chinese, whatever language the test session uses."""
    previous = i18n.language()
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language(previous)


def widths_for(name: str) -> tuple[int, ...]:
    """Test pages are made for one width; every other receipt prints on both."""
    if name.startswith("test_page_"):
        return (int(name.rsplit("_", 1)[1]),)
    return (58, 80)
