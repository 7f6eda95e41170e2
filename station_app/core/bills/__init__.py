"""Bill payment and top-up (代缴费 / 话费充值): accepted at the station, paid by the county hub.

The station never calls a biller. It takes the villager's cash and records `bill.accepted`
(受理); the event goes up with the next sync, the hub pays the biller with the bill's id as
the request id (the idempotency key, so no retry anywhere can pay twice) and sends the
outcome down as a hub event `county.bill_result`. Until then the bill is only *accepted*,
and every receipt says exactly that.

A bill's state is ranked and only moves forward:

    accepted (0) < pending (1) < paid (2)
                               < refund_due (2, the biller said failed) < refunded (3)

Results that arrive twice or out of order never lower it. A result that contradicts a
final state (paid after the cash was refunded, failed after paid) does not move it either:
it raises a conflict on the bill for a person to settle, and is never dropped.

Money (cash ledger): accepting posts drawer +(amount + fee), payable:bills -amount,
income:bills -fee. Results post nothing (they often arrive at night with no cash day
open). A refund hands back the amount AND the fee (policy: the villager got no service, so
the station keeps nothing): payable:bills +amount, income:bills +fee, drawer -(amount + fee).
A bill the biller paid only part of (部分成功, `paid_amount`) waits as refund due for the unpaid
part alone: payable:bills +unpaid, drawer -unpaid (the fee stays: the service was given).
The commission the county pays per paid bill is recorded for the figures only; the county
settles it with the station outside the drawer.

Account numbers travel whole in `bill.accepted` because the hub pays with them (for
城乡居民医保 that is the insured person's ID number); screens and receipts mask them.

Where things live: `billers` (the biller catalogue, built-in or the county's), `checks`
(account numbers and amounts), `records` (a bill and its ranked states), `lookups` (finding
bills), `payments` (accepting, refunding, settling a conflict), `voids` (voiding a bill taken by mistake,
the same day), `receipts` (what each receipt
may say), `figures` (day figures), `county` (results and catalogues from the county hub).
Each module with events lists its appliers in its own `APPLY`; `APPLY` here is all of them,
for `core.replay`. Callers use the package (`bills.accept_payment`, ...), not its modules.
"""

from __future__ import annotations

from station_app.core.bills import county, payments, voids
from station_app.core.bills.billers import (
    DEFAULT_CATALOGUE,
    DEFAULT_PRODUCTS,
    KINDS,
    AccountRule,
    Catalogue,
    Product,
    catalogue,
    clean_catalogue,
    product_from_spec,
)
from station_app.core.bills.checks import (
    check_account,
    check_amount,
    mask_account,
)
from station_app.core.bills.county import (
    result_payload,
)
from station_app.core.bills.figures import (
    BillerFigures,
    DayFigures,
    Tally,
    daily_figures,
    day_bounds,
    period_billers,
)
from station_app.core.bills.lookups import (
    bills_in,
    conflicts,
    find_bills,
    get_bill,
    is_overdue,
    paid_on,
    recent_payment,
    refunds_due,
    results_for,
    waiting,
)
from station_app.core.bills.payments import (
    INCOME,
    PAYABLE,
    SERVICE,
    Quote,
    accept_payment,
    quote,
    refund_bill,
    settle_conflict,
)
from station_app.core.bills.receipts import (
    RECEIPT_KINDS,
    RECEIPT_NOTICES,
    RECEIPT_TITLES,
    BillReceipt,
    receipt,
)
from station_app.core.bills.records import (
    ACCEPTED,
    CONFLICTS,
    NAME_CHECKS,
    PAID,
    PENDING,
    RANK,
    REFUND_DUE,
    REFUNDED,
    RESULT_STATUSES,
    STATES,
    VOIDED,
    Bill,
    BillResult,
    DuplicatePayment,
)
from station_app.core.bills.voids import (
    void_bill,
    went_to_county,
)

APPLY = {**payments.APPLY, **voids.APPLY, **county.APPLY}

__all__ = [
    "ACCEPTED",
    "APPLY",
    "CONFLICTS",
    "DEFAULT_CATALOGUE",
    "DEFAULT_PRODUCTS",
    "INCOME",
    "KINDS",
    "NAME_CHECKS",
    "PAID",
    "PAYABLE",
    "PENDING",
    "RANK",
    "RECEIPT_KINDS",
    "RECEIPT_NOTICES",
    "RECEIPT_TITLES",
    "REFUNDED",
    "REFUND_DUE",
    "RESULT_STATUSES",
    "SERVICE",
    "STATES",
    "VOIDED",
    "AccountRule",
    "Bill",
    "BillReceipt",
    "BillResult",
    "BillerFigures",
    "Catalogue",
    "DayFigures",
    "DuplicatePayment",
    "Product",
    "Quote",
    "Tally",
    "accept_payment",
    "bills_in",
    "catalogue",
    "check_account",
    "check_amount",
    "clean_catalogue",
    "conflicts",
    "daily_figures",
    "day_bounds",
    "find_bills",
    "get_bill",
    "is_overdue",
    "mask_account",
    "paid_on",
    "period_billers",
    "product_from_spec",
    "quote",
    "receipt",
    "recent_payment",
    "refund_bill",
    "refunds_due",
    "result_payload",
    "results_for",
    "settle_conflict",
    "void_bill",
    "waiting",
    "went_to_county",
]
