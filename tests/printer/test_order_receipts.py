"""The proxy-order (代购), return and packing receipts read back from the emulator as intended:
Chinese text, a QR that finds the order, and money that says which way it went."""

import pytest
import zxingcpp

from printer.emulator import decode
from printer.escpos import render
from station_app.receipts import consignment, orders
from tests.printer.samples import SAMPLES, STATION

WIDTHS = (58, 80)
COLUMNS = {58: 32, 80: 48}


def printed(doc, width=58) -> str:
    out = decode(render(doc, width), width)
    assert out.warnings == []
    assert all(len(line.encode("gbk")) <= COLUMNS[width] for line in out.text.splitlines() if "[" not in line)
    return out.text


def squeezed(text: str) -> str:
    """The text without spacing, so a label and its value read as one."""
    return "".join(text.split())


def pickup(cost, deposit, balance, fee=300):
    return orders.order_pickup_receipt(station=STATION, order_no="DG00020", villager="张桂兰", phone="13987654321",
                                  goods="老花镜 +250度", cost_fen=cost, fee_fen=fee, deposit_fen=deposit,
                                  balance_fen=balance, payment="现金", when_picked_up="2026-11-06 16:40",
                                  operator="李秀英")


@pytest.mark.parametrize("width", WIDTHS)
def test_order_slip_qr_decodes_to_the_payload(width):
    out = decode(render(SAMPLES["order_slip"](), width), width)
    found = zxingcpp.read_barcodes(out.picture(), formats=zxingcpp.BarcodeFormat.QRCode)
    assert [r.text for r in found] == ["VS1:O:DG00012"]


def test_order_slip_qr_decodes_on_a_printer_without_chinese_font():
    out = decode(render(SAMPLES["order_slip"](), 58, "no-chinese-58"), 58)
    assert [r.text for r in zxingcpp.read_barcodes(out.picture())] == ["VS1:O:DG00012"]


@pytest.mark.parametrize("width", WIDTHS)
def test_order_slip_reads_in_chinese(width):
    text = squeezed(printed(SAMPLES["order_slip"](), width))
    for words in ("代购单", "订单号", "DG00012", "订购人王建国", "138****5678", "电动喷雾器16升锂电池款",
                  "预估货款￥289.00", "服务费￥5.00", "已付订金￥100.00", "付款方式现金",
                  "取货时应补尾款（预估）￥194.00", "多退少补", "货到后请凭此单取货"):
        assert words in text
    assert "13812345678" not in text


def test_order_slip_without_a_deposit_names_no_payment():
    doc = orders.order_slip(station=STATION, order_no="DG00021", villager="王建国", phone="13812345678", goods="化肥",
                       quantity=2, unit="袋", estimate_fen=24000, fee_fen=0, deposit_fen=0, payment="现金",
                       when_placed="2026-11-02 09:30", operator="李秀英", payload="VS1:O:DG00021")
    text = squeezed(printed(doc))
    assert "数量2袋" in text and "已付订金￥0.00" in text and "取货时应补尾款（预估）￥240.00" in text
    assert "付款方式" not in text


@pytest.mark.parametrize("width", WIDTHS)
def test_pickup_with_a_balance_says_it_was_paid(width):
    text = squeezed(printed(SAMPLES["order_pickup"](), width))
    assert "实际货款￥275.00" in text and "订单合计￥280.00" in text and "已付订金-￥100.00" in text
    assert "补交尾款￥180.00" in text and "付款方式现金" in text
    assert "退还" not in text
    assert "取货人签字" in text


@pytest.mark.parametrize("width", WIDTHS)
def test_pickup_with_a_negative_balance_says_money_went_back_not_paid(width):
    text = squeezed(printed(SAMPLES["order_pickup_change"](), width))
    assert "退还给您￥21.00" in text and "差额已退还给您" in text and "退款方式现金" in text
    assert "补交" not in text and "付款方式" not in text and "-￥21.00" not in text


def test_pickup_when_the_deposit_paid_exactly():
    text = squeezed(printed(pickup(cost=4700, deposit=5000, balance=0)))
    assert "无需补款" in text
    assert "补交尾款" not in text and "退还给您" not in text


def test_pickup_refuses_figures_that_do_not_add_up():
    with pytest.raises(ValueError):
        pickup(cost=2600, deposit=5000, balance=2100)  # the sign is wrong: money goes back, not in


@pytest.mark.parametrize("width", WIDTHS)
def test_cancelled_order_gives_the_deposit_back_signed(width):
    text = squeezed(printed(SAMPLES["order_cancelled"](), width))
    for words in ("代购取消凭证", "订单已取消", "DG00014", "原因供货商缺货", "退还订金￥30.00", "领款人签字"):
        assert words in text


def test_cancelled_order_without_a_deposit_returns_nothing():
    doc = orders.order_cancelled_receipt(station=STATION, order_no="DG00022", villager="赵大山", phone="13700001111",
                                    goods="小鸡饲料", deposit_fen=0, reason="不要了", when_cancelled="2026-11-04 11:00",
                                    operator="王建国")
    text = squeezed(printed(doc))
    assert "未付订金，无需退款" in text and "订购人签字" in text
    assert "退还订金" not in text and "领款人" not in text


@pytest.mark.parametrize("width", WIDTHS)
def test_sale_return_is_titled_a_refund(width):
    doc = SAMPLES["sale_return"]()
    assert "退货退款" in doc.title
    text = squeezed(printed(doc, width))
    for words in ("退货退款单", "退货单号R20261103-0002", "原销售单号S20261102-0031", "0.5斤￥12.50",
                  "退款合计￥61.00", "退款方式现金", "原因瓶盖破损", "领款人签字"):
        assert words in text
    assert "商品金额" not in text  # the refund is the goods' sum: no second figure


def test_a_partial_refund_shows_the_goods_total_too():
    doc = consignment.sale_return_receipt(station=STATION, return_no="R1", sale_no="S1",
                                lines=[consignment.GoodsLine("干香菇", "0.5斤", 1250)], refund_fen=1000, refund_by="扫码",
                                reason="", when_returned="2026-11-03 10:20", operator="李秀英")
    text = squeezed(printed(doc))
    assert "商品金额￥12.50" in text and "退款合计￥10.00" in text and "原因" not in text


@pytest.mark.parametrize("width", WIDTHS)
def test_packing_slip_lists_trace_codes_under_their_goods(width):
    lines = printed(SAMPLES["online_packing"](), width).splitlines()
    honey = next(i for i, line in enumerate(lines) if line.startswith("土蜂蜜"))
    assert lines[honey + 1:honey + 3] == ["  7KQ2M 000123 004 X3F9TZ", "  7KQ2M 000123 005 MR8QWA"]
    assert lines[honey + 3].startswith("干香菇") and lines[honey + 4] == "  7KQ2M 000131 000 B4N7KD"
    text = squeezed("\n".join(lines))
    for words in ("网店订单发货清单", "XS202611020088", "收货人陈晓燕", "159****3344", "示范县农品网店",
                  "干香菇1斤7KQ2M000131000B4N7KD", "扫码即可查看生产者和产地"):
        assert words in text


def test_a_code_that_is_not_a_station_trace_code_prints_as_it_is():
    doc = orders.online_packing_slip(station=STATION, order_no="X1", platform="网店", receiver="陈晓燕", phone=None,
                                address="杭州", lines=[orders.PackedLine("手工布鞋", "1双", ("ABC-123",))],
                                when_packed="2026-11-02 09:30", operator="李秀英")
    assert "  ABC-123" in printed(doc).splitlines()


@pytest.mark.parametrize("width", WIDTHS)
def test_sale_discount_comes_off_the_total_and_the_change(width):
    text = squeezed(printed(SAMPLES["sale_discount"](), width))
    assert "高山土豆2.5斤￥7.50" in text  # a weighed quantity stays on one line
    assert "优惠-￥1.00合计￥55.00" in text and "实付￥60.00" in text and "找零￥5.00" in text


def test_a_sale_without_discount_has_no_discount_line():
    assert "优惠" not in printed(SAMPLES["sale"]())


@pytest.mark.parametrize("discount", [-1, 5601])
def test_a_discount_outside_the_goods_sum_is_refused(discount):
    with pytest.raises(ValueError):
        consignment.sale_receipt(station=STATION, receipt_no="S1", lines=[consignment.GoodsLine("高山土豆", "2.5斤", 750),
                                                                consignment.SaleLine("蜂蜜", 1, 4850)],
                       paid_fen=6000, when_sold="2026-11-02 09:30", operator="李秀英", discount_fen=discount)


def test_a_qr_sale_prints_no_cash_paid_or_change():
    doc = consignment.sale_receipt(station=STATION, receipt_no="S2", lines=[consignment.SaleLine("蜂蜜", 1, 4850)], paid_fen=4850,
                         when_sold="2026-11-02 09:30", operator="李秀英", payment="扫码支付", in_cash=False)
    text = squeezed(printed(doc))
    assert "合计￥48.50" in text and "扫码支付" in text
    assert "实付" not in text and "找零" not in text
