"""Printer tests see receipts in Chinese, translated from docs/zh/printer.json and receipts_orders.json."""

import pytest

from tests.printer.samples import chinese_receipts


@pytest.fixture(autouse=True)
def _chinese_receipts():
    with chinese_receipts():
        yield
