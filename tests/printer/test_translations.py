"""Every receipt string and printer error has a Chinese translation, and printer errors reach
people in Chinese although printer/ itself knows no language."""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from printer.connections import NOT_READY_TEXT, parse_spec, send_once
from printer.errors import BadPrinterSpec, PrinterError, PrinterNotReady, PrinterUnavailable
from station_app import i18n
from station_app.receipts.station_printer import printer_message
from tests.printer.samples import ROOT

SOURCES = ("printer", "station_app/receipts")  # everything that prints words on a receipt or says a printer problem


def marked_strings(tmp_path: Path) -> set[tuple[str, str]]:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    ts = tmp_path / "printer.ts"
    files = sorted(str(p) for d in SOURCES for p in (ROOT / d).glob("*.py"))
    subprocess.run([str(lupdate), "-silent", "-locations", "none", *files, "-ts", str(ts)], check=True)
    return {(ctx.findtext("name") or "", m.findtext("source") or "")
            for ctx in ET.parse(ts).getroot().iter("context") for m in ctx.iter("message")}


def test_every_marked_string_is_translated(tmp_path):
    """In the program's .ts catalogue, under the context the code marks it with."""
    ts = i18n.catalogue("zh_CN")
    marked = marked_strings(tmp_path)
    assert {"receipt", "errors"} <= {context for context, _ in marked}
    assert sorted((c, s) for c, s in marked if (c, s) not in ts) == []


def test_translations_keep_their_placeholders():
    for (context, source), text in i18n.catalogue("zh_CN").items():
        assert sorted(re.findall(r"\{\w*\}", source)) == sorted(re.findall(r"\{\w*\}", text)), (context, source)


def test_receipts_never_use_the_half_width_yen_sign():
    receipt = [text for (context, _), text in i18n.catalogue("zh_CN").items() if context == "receipt"]
    assert receipt and all("¥" not in text for text in receipt)


def test_printer_errors_are_english_until_the_station_translates_them():
    with pytest.raises(BadPrinterSpec) as err:
        parse_spec("lpt1")
    assert str(err.value) == err.value.message() == (
        "Printer 'lpt1' is not understood: write usb:VID:PID, serial:PORT@BAUD, net:HOST:PORT, win:NAME or file:PATH")
    assert printer_message(err.value) == (
        "打印机地址“lpt1”无法识别，请写成 usb:VID:PID, serial:PORT@BAUD, net:HOST:PORT, win:NAME or file:PATH")
    assert printer_message(err.value, "en") == str(err.value)


@pytest.mark.parametrize(("spec", "chinese"), [
    ("serial:COM3@1234", "打印机地址“serial:COM3@1234”不对：串口打印机写成 serial:端口@波特率，例如 serial:COM3@9600"
                         "（波特率可选 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200）"),
    ("win:", "打印机地址“win:”不对：冒号后面请写打印机名称或文件路径"),
])
def test_bad_specs_read_in_chinese(spec, chinese):
    with pytest.raises(BadPrinterSpec) as err:
        parse_spec(spec)
    assert printer_message(err.value) == chinese


def test_unreachable_and_not_ready_read_in_chinese(tmp_path):
    with pytest.raises(PrinterUnavailable) as err:
        send_once(f"file:{tmp_path / 'no' / 'such' / 'x.bin'}", b"x")
    said = printer_message(err.value)  # the reason in the middle is the system's own words
    assert said.startswith(f"连接不上打印机 file:{tmp_path / 'no' / 'such' / 'x.bin'}（")
    assert said.endswith("），请检查是否开机、连线是否插好。")
    said = [printer_message(PrinterNotReady(text, status=status)) for status, text in NOT_READY_TEXT.items()]
    assert said == ["打印机缺纸，请装入新纸卷。", "打印机盖未合上，请合上。", "打印机报告故障，请关机后重新开机。",
                    "打印机离线，请检查是否开机、连线是否插好。"]


def test_a_message_whose_translation_lost_a_placeholder_still_reads():
    err = PrinterError("Printer {spec} is odd", spec="net:x")
    assert err.message(lambda context, text: "打印机有问题 {other}") == "Printer net:x is odd"
