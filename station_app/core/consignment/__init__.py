"""Consignment (代卖/代销): consignors, intake with traceability codes, counter sales,
returns, handing unsold goods back, and settlement with each consignor.

Money (see `core.cash`): a counter sale puts the total into `drawer` (cash) or `clearing:qr`
(a QR payment the operator saw arrive in the station's collection account: no drawer
movement, but the ledger still balances); the consignors' share is owed to them on
`payable:consignment`, the station's commission is `income:consignment`. A settlement
pays the share out of the drawer (`payable:consignment` + / `drawer` -). Voids and returns
are reversal events; nothing is edited.

一物一码 rule: every unit of a lot counted in whole pieces (个, 盒, 瓶 ... any unit that is not a
weight) gets its own traceability code, up to `MAX_UNIT_CODES` units; a lot sold by weight
(斤, kg ...) or larger than that gets one code for the lot, printed on the lot's label and
on every receipt that sells from it. Codes are 20 characters (see `trace_code`); their QR
payloads and links are `core.labels`' `VS1:T:<code>` and `https://<hub>/t/<code>`.

Where things live: `codes` (making and checking trace codes), `quantities` (quantities,
prices, commission rates, days), `ledger` (accounts and payment methods), `consignors`,
`lots` (stock and its labels), `intake`, `tracing` (labels to print, a code's story, checking
a scanned label), `sales` (sales, receipts, voids), `returns` (buyers' returns, handing goods
back), `settlement` (statements, paying consignors, balances), `report_figures`. Each module
with actions lists its appliers in its own `APPLY`; `APPLY` here is all of them, for
`core.replay`. Callers use the package (`consignment.sell`, ...), not its modules.
"""

from __future__ import annotations

from station_app.core.consignment import consignors, intake, returns, sales, settlement
from station_app.core.consignment.codes import (
    TraceCode,
    label_payload,
    parse_trace,
    spaced,
    station_tag,
    trace_code,
    verify_trace,
)
from station_app.core.consignment.consignors import (
    Consignor,
    get_consignor,
    list_consignors,
    register_consignor,
    update_consignor,
)
from station_app.core.consignment.intake import (
    MAX_UNIT_CODES,
    Intake,
    IntakeItem,
    check_intake_item,
    take_in,
)
from station_app.core.consignment.ledger import (
    CLEARING_QR,
    INCOME,
    PAYABLE,
    PAYMENT_ACCOUNTS,
    PAYMENTS,
    RECEIVABLE_COUNTY,
    SERVICE,
)
from station_app.core.consignment.lots import (
    CATEGORIES,
    CRAFT,
    FRESH,
    PROCESSED,
    UNITS,
    Lot,
    codes_of,
    get_lot,
    stock,
)
from station_app.core.consignment.quantities import (
    MAX_COMMISSION_BP,
    MAX_PRICE,
    MAX_QUANTITY_M,
    WEIGHED_UNITS,
    _allocate,
    _portion,
    check_price,
    is_weighed,
    local_today,
    parse_day,
    percent_to_bp,
    share_of,
    show_bp,
    show_qty,
    to_milli,
)
from station_app.core.consignment.report_figures import Figures, figures
from station_app.core.consignment.returns import (
    ReturnItem,
    ReturnLine,
    SaleReturn,
    cancel_return,
    codes_sold_on,
    finish_return,
    hand_back,
    pending_returns,
    return_items,
)
from station_app.core.consignment.sales import (
    SaleItem,
    SaleLine,
    SaleReceipt,
    apply_sale,
    build_sale,
    find_sale,
    recent_sales,
    sale_lines,
    sale_receipt,
    sell,
    void_sale,
)
from station_app.core.consignment.settlement import (
    Balance,
    Statement,
    StatementLine,
    balance,
    cancel_settlement,
    pay_settlement,
    settle_consignor,
    settlement_preview,
    settlements,
    statement,
)
from station_app.core.consignment.tracing import (
    LabelCheck,
    LabelData,
    TraceRecord,
    check_label,
    label_data,
    trace_record,
)

APPLY = {**consignors.APPLY, **intake.APPLY, **sales.APPLY, **returns.APPLY, **settlement.APPLY}

__all__ = [
    "APPLY",
    "CATEGORIES",
    "CLEARING_QR",
    "CRAFT",
    "FRESH",
    "INCOME",
    "MAX_COMMISSION_BP",
    "MAX_PRICE",
    "MAX_QUANTITY_M",
    "MAX_UNIT_CODES",
    "PAYABLE",
    "PAYMENTS",
    "PAYMENT_ACCOUNTS",
    "PROCESSED",
    "RECEIVABLE_COUNTY",
    "SERVICE",
    "UNITS",
    "WEIGHED_UNITS",
    "Balance",
    "Consignor",
    "Figures",
    "Intake",
    "IntakeItem",
    "LabelCheck",
    "LabelData",
    "Lot",
    "ReturnItem",
    "ReturnLine",
    "SaleItem",
    "SaleLine",
    "SaleReceipt",
    "SaleReturn",
    "Statement",
    "StatementLine",
    "TraceCode",
    "TraceRecord",
    "_allocate",
    "_portion",
    "apply_sale",
    "balance",
    "build_sale",
    "cancel_return",
    "cancel_settlement",
    "check_intake_item",
    "check_label",
    "check_price",
    "codes_of",
    "codes_sold_on",
    "figures",
    "find_sale",
    "finish_return",
    "get_consignor",
    "get_lot",
    "hand_back",
    "is_weighed",
    "label_data",
    "label_payload",
    "list_consignors",
    "local_today",
    "parse_day",
    "parse_trace",
    "pay_settlement",
    "pending_returns",
    "percent_to_bp",
    "recent_sales",
    "register_consignor",
    "return_items",
    "sale_lines",
    "sale_receipt",
    "sell",
    "settle_consignor",
    "settlement_preview",
    "settlements",
    "share_of",
    "show_bp",
    "show_qty",
    "spaced",
    "statement",
    "station_tag",
    "stock",
    "take_in",
    "to_milli",
    "trace_code",
    "trace_record",
    "update_consignor",
    "verify_trace",
    "void_sale",
]
