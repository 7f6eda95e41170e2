"""Where consignment money sits in the cash ledger (see `core.cash`), and how a buyer pays.

A counter sale puts the total into `drawer` (cash) or `clearing:qr` (a QR payment the operator
saw arrive in the station's collection account: no drawer movement, but the ledger still
balances); an online order's total is owed by the county platform (`receivable:county`). The
consignors' share is owed to them on `payable:consignment`, the station's commission is
`income:consignment`."""

from __future__ import annotations

from collections.abc import Collection

from station_app.core import cash
from station_app.core.events import Event
from station_app.db import Store
from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP

SERVICE = "consignment"
PAYABLE, INCOME = "payable:consignment", "income:consignment"
CLEARING_QR = cash.QR_CLEARING
RECEIVABLE_COUNTY = "receivable:county"  # paid to the county platform for an online order

PAYMENTS = {
    "cash": QT_TRANSLATE_NOOP("consignment", "Cash"),
    "qr": QT_TRANSLATE_NOOP("consignment", "QR payment"),
    "online": QT_TRANSLATE_NOOP("consignment", "County online shop"),
}
PAYMENT_ACCOUNTS = {"cash": cash.DRAWER, "qr": CLEARING_QR, "online": RECEIVABLE_COUNTY}
COUNTER_PAYMENTS = ("cash", "qr")  # how a buyer pays, or is paid back, at the counter


def check_method(method: str, allowed: Collection[str]) -> str:
    """`method` when it is one of `allowed`; raises ValidationError otherwise."""
    if method not in allowed:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown payment method {method}"), method=method)
    return method


def post_takings(db: Store, ev: Event, *, kind: str, memo: str, payment: str, total: int, share: int,
                 commission: int) -> None:
    """Post what a buyer paid: `total` into the account of `payment`, `share` owed to the
    consignors, `commission` earned. A reversal (void, refund) posts the same with negative amounts."""
    cash.post(db, ev, kind=kind, service=SERVICE, memo=memo,
              entries=[(PAYMENT_ACCOUNTS[payment], total), (PAYABLE, -share), (INCOME, -commission)])
