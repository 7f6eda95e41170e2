"""The printer test page: what the printer can do (sizes, Chinese, widths, QR, barcode, cut)."""

from __future__ import annotations

from datetime import datetime

from printer.document import Column, Receipt
from printer.profiles import paper
from station_app.i18n import translate
from station_app.receipts.layout import start, when, yuan


def printer_test_page(*, paper_mm: int, printer: str = "", profile: str = "", station: str = "",
                      printed: datetime | str = "") -> Receipt:
    """A page that shows what the printer can do: sizes, Chinese, widths, QR, barcode, cut."""
    cols = paper(paper_mm).columns
    b = start("test_page", translate("receipt", "Printer test page"), station or translate("receipt", "Village Station"),
              translate("receipt", "Printer test page"), logo=True)
    b.pair(translate("receipt", "Printer"), printer or "-").pair(translate("receipt", "Printer model"), profile or "-")
    b.pair(translate("receipt", "Paper width"), f"{paper_mm} mm / {cols}").pair(translate("receipt", "Time"),
                                                                               when(printed) or "-")
    b.line("".join(str(i % 10) for i in range(1, cols + 1)))
    b.line(translate("receipt", "Normal size 中文 ABC 123")).line(translate("receipt", "Bold 粗体"), bold=True)
    b.line(translate("receipt", "Double 2倍"), size=2)
    b.line(translate("receipt", "Left aligned"), align="left").line(translate("receipt", "Centred"), align="center")
    b.line(translate("receipt", "Right aligned"), align="right")
    b.line("，。、；：！？（）【】《》“”‘’…—￥·")
    b.line("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 !@#$%^&*()-+=/\\")
    b.table([Column(translate("receipt", "Goods")), Column(translate("receipt", "Qty"), 4, "right"),
             Column(translate("receipt", "Amount"), 10, "right")],
            [("高山土豆 5 斤装", "2", yuan(3600)), ("Honey 蜂蜜", "1", yuan(4850))])
    b.rule().qr("VS1:TEST:" + str(paper_mm)).barcode("SF1234567890123")
    b.center(translate("receipt", "If you can read every line above, the printer works."))
    return b.cut().build()
