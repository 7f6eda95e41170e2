"""`station-app print-test`: the test page to a printer spec, with a clear answer."""

import pytest

from printer.emulator import EmulatorServer, PrinterState, decode
from station_app.cli import main


def test_print_test_to_a_file(tmp_path, capsys):
    out = tmp_path / "page.bin"
    assert main(["print-test", "--printer", f"file:{out}", "--paper", "80"]) == 0
    assert "ok: test page sent" in capsys.readouterr().out
    text = decode(out.read_bytes(), 80).text
    assert "打印测试页" in text and "[QR] VS1:TEST:80" in text and "[CODE128] SF1234567890123" in text


def test_print_test_to_a_network_printer(capsys):
    with EmulatorServer() as printer:
        assert main(["print-test", "--printer", printer.spec]) == 0
        assert printer.wait_for_jobs(1)
        assert "打印测试页" in decode(printer.jobs[0], 58).text
    assert "printer status: ready" in capsys.readouterr().out


def test_print_test_reports_a_printer_out_of_paper(capsys):
    with EmulatorServer(state=PrinterState(paper_out=True)) as printer:
        assert main(["print-test", "--printer", printer.spec]) == 1
    assert "缺纸" in capsys.readouterr().err


@pytest.mark.parametrize("spec", ["usb:12", "lpt1:", "serial:COM1@123"])
def test_print_test_bad_spec(spec, capsys):
    assert main(["print-test", "--printer", spec]) == 2
    assert spec in capsys.readouterr().err


def test_print_test_unknown_profile(tmp_path, capsys):
    assert main(["print-test", "--printer", f"file:{tmp_path / 'x'}", "--profile", "XP-999"]) == 2
    assert "XP-80C" in capsys.readouterr().err  # the known ones are listed


def test_print_test_without_a_printer_set_up(tmp_path, capsys):
    assert main(["print-test", "--data-dir", str(tmp_path)]) == 2
