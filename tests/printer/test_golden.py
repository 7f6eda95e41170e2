"""Every template renders to exactly the bytes reviewed before (tests/printer/golden).

After an intended change: `python tests/printer/make_golden.py`, then review the .txt diff.
"""

import difflib

import pytest

from printer.emulator import decode
from printer.escpos import render
from printer.tokenizer import tokenize
from tests.printer.samples import GOLDEN, SAMPLES, widths_for

CASES = [(name, width) for name in SAMPLES for width in widths_for(name)]


def readable_diff(want: bytes, got: bytes, width: int) -> str:
    """What changed, as text lines and as one command per line, not as a hex blob."""
    text = difflib.unified_diff(decode(want, width).text.splitlines(), decode(got, width).text.splitlines(),
                                "golden text", "rendered text", lineterm="")
    commands = difflib.unified_diff([t.describe() for t in tokenize(want)], [t.describe() for t in tokenize(got)],
                                    "golden commands", "rendered commands", lineterm="", n=1)
    return "\n".join([*text, *commands][:80])


@pytest.mark.parametrize(("name", "width"), CASES, ids=[f"{n}-{w}" for n, w in CASES])
def test_template_bytes_match_golden(name, width):
    golden = GOLDEN / f"{name}_{width}.bin"
    assert golden.exists(), "run python tests/printer/make_golden.py"
    want, got = golden.read_bytes(), render(SAMPLES[name](), width)
    assert got == want, (f"{name} at {width} mm changed; if intended, run python tests/printer/make_golden.py\n"
                         + readable_diff(want, got, width))


def test_golden_texts_are_current():
    for name, width in CASES:
        text = (GOLDEN / f"{name}_{width}.txt").read_text("utf-8")
        assert text == decode((GOLDEN / f"{name}_{width}.bin").read_bytes(), width).text


def test_the_diff_is_readable():
    want = render(SAMPLES["pickup_slip"](), 58)
    got = want.replace("快递公司".encode("gb18030"), "快递企业".encode("gb18030"))
    diff = readable_diff(want, got, 58)
    assert "-快递公司" in diff and "+快递企业" in diff
    assert "TEXT" in diff
