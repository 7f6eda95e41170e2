"""Printer tests see receipts in Chinese, the station's default language."""

import pytest

from tests.printer.samples import chinese_receipts


@pytest.fixture(autouse=True)
def _chinese_receipts():
    with chinese_receipts():
        yield
