"""What the monthly and daily reports hold, key by key (`core.reports` makes them).

The reports are plain JSON-able dicts, because the station writes them to JSON, the county hub
caches and adds them up as JSON, and the files and pages read them by key; these TypedDicts
give each key its type without changing a byte of that JSON. Money is integer fen (keys end in
`_fen`); shares (`_pct`) and medians are floats rounded to 0.1, None when there is nothing to
divide by. Keys are listed in the order the report writes them.
"""

from __future__ import annotations

from typing import TypedDict


class StationInfo(TypedDict):
    id: str
    name: str
    village: str
    county: str


# -- the monthly report -------------------------------------------------------------------------


class ParcelsSection(TypedDict):
    arrived: int
    picked_up: int
    became_overdue: int
    returned: int
    exceptions: int
    sent: int
    sent_fees_fen: int
    handed_to_courier: int
    #: the setting the overdue count used (not added up over stations)
    overdue_days: int


class DeliverySection(TypedDict):
    arrived: int
    with_dispatch_time: int
    within_48h: int
    within_48h_pct: float | None
    within_72h: int
    within_72h_pct: float | None
    target_hours: int
    within_target: int
    within_target_pct: float | None
    median_hours: float | None
    median_wait_hours: float | None


class SubsidyClaim(TypedDict):
    """One farm-produce parcel sent out of the county, as the subsidy claim lists it."""

    no: int
    ewaybill: str
    carrier: str
    day: str
    receipt_no: str
    product: str
    category: str
    destination: str
    destination_code: str  # GB/T 2260 (core.villages)
    sender: str
    entity: str  # the sending entity the cap is counted for (a cooperative, or the sender)
    weight_g: int
    subsidy_fen: int


class FarmSubsidySection(TypedDict):
    parcels: int
    fen_per_parcel: int
    claim_fen: int
    claims: list[SubsidyClaim]


class BillerLine(TypedDict):
    """One biller's month: the keys of `reports.BILL_KEYS` with its id and name."""

    biller_id: str
    biller_name: str
    accepted: int
    accepted_fen: int
    paid: int
    paid_fen: int
    failed: int
    failed_fen: int
    refunded: int
    refunded_fen: int
    fees_fen: int
    commission_fen: int


class BillsSection(TypedDict):
    accepted: int
    accepted_fen: int
    paid: int
    paid_fen: int
    failed: int
    failed_fen: int
    refunded: int
    refunded_fen: int
    fees_fen: int
    commission_fen: int
    billers: list[BillerLine]


class CategorySales(TypedDict):
    sales: int
    amount_fen: int


class ConsignmentSection(TypedDict):
    sales: int
    amount_fen: int
    returns: int
    returned_fen: int
    commission_fen: int
    poverty_sales: int
    poverty_fen: int
    poverty_consignors: int
    settlements_paid: int
    settlements_paid_fen: int
    lots_taken_in: int
    by_category: dict[str, CategorySales]


class ProxyOrdersSection(TypedDict):
    placed: int
    placed_fen: int
    closed: int
    closed_fen: int
    fees_fen: int
    poverty_orders: int
    poverty_fen: int
    cancelled: int
    online_sent: int
    online_fen: int
    #: farm inputs (农资) handed over, and per kind (`proxy_orders.FARM_KINDS`)
    farm_inputs: int
    farm_inputs_fen: int
    by_farm_kind: dict[str, FarmKindSales]


class FarmKindSales(TypedDict):
    orders: int
    amount_fen: int


class CashpointSection(TypedDict):
    """The bank-card cash point (助农取款): withdrawals paid out, and the bank's settlements."""

    withdrawals: int
    amount_fen: int
    cards: int
    poverty_withdrawals: int
    poverty_fen: int
    voided: int
    days: int
    settled_days: int
    differing_days: int
    #: bank minus station over the settled days (negative: the bank settled less)
    difference_fen: int
    settled_fen: int


class ServiceCategoryLine(TypedDict):
    records: int
    times: int
    fees_fen: int


class ServicesSection(TypedDict):
    """The service ledger (便民服务台账): `times` is 便民服务人次."""

    records: int
    times: int
    fees_fen: int
    poverty_times: int
    voided: int
    by_category: dict[str, ServiceCategoryLine]


class NoticesSection(TypedDict):
    received: int
    posted: int


class TrainingSection(TypedDict):
    sessions: int
    person_times: int
    distinct_people: int
    by_category: dict[str, int]
    poverty_people: int
    poverty_households: int
    surveys: int
    satisfied: int
    satisfaction_pct: float | None
    satisfaction_target_pct: int
    shops_opened: int
    employed: int
    year_person_times: int
    person_times_target: int


class Household(TypedDict):
    """A poverty-register household served in the period (one row of `poverty.list`)."""

    #: its household number, else the person's (or consignor's) key
    household: str
    household_no: str
    #: the names of its people who were served, joined with 、
    names: str
    village: str
    #: times served, per key of `reports.POVERTY_SERVICES`
    services: dict[str, int]
    times: int
    amount_fen: int


class ServedCount(TypedDict):
    households: int
    times: int


Households = list[Household]  # an alias: inside PovertySection the key `list` hides the builtin


class PovertySection(TypedDict):
    households: int
    times: int
    register_households: int  # households of the county's register sent to the station (core.register)
    register_reached: int  # of those, households served in the period
    model_households: int
    model_reached: int
    amount_fen: int
    by_service: dict[str, ServedCount]
    list: Households


class CashByService(TypedDict):
    cash_in_fen: int
    cash_out_fen: int
    income_fen: int
    transactions: int


class CashSection(TypedDict):
    days: int
    closed_days: int
    cash_in_fen: int
    cash_out_fen: int
    income_fen: int
    over_short_fen: int
    by_service: dict[str, CashByService]


class MonthlyReport(TypedDict):
    """`reports.monthly_report`: `report` is "monthly"; `month` is YYYY-MM."""

    report: str
    version: int
    month: str
    first_day: str
    last_day: str
    station: StationInfo
    parcels: ParcelsSection
    delivery: DeliverySection
    farm_subsidy: FarmSubsidySection
    bills: BillsSection
    consignment: ConsignmentSection
    proxy_orders: ProxyOrdersSection
    training: TrainingSection
    cashpoint: CashpointSection
    services: ServicesSection
    notices: NoticesSection
    poverty: PovertySection
    cash: CashSection


# -- the daily report ---------------------------------------------------------------------------


class CashLine(TypedDict):
    service: str
    cash_in_fen: int
    cash_out_fen: int
    income_fen: int
    transactions: int


class CashPeriod(TypedDict):
    id: str
    label_day: str
    status: str
    opening_fen: int
    expected_fen: int
    counted_fen: int | None
    over_short_fen: int
    opening_difference_fen: int
    lines: list[CashLine]


class DailyParcels(TypedDict):
    arrived: int
    picked_up: int
    returned: int
    exceptions: int
    became_overdue: int
    sent: int
    sent_fees_fen: int
    farm_out_of_county: int
    handed_to_courier: int
    on_shelf_now: int
    overdue_now: int


class DailyBills(TypedDict):
    accepted: int
    accepted_fen: int
    fees_fen: int
    paid: int
    paid_fen: int
    failed: int
    refunded: int
    refunded_fen: int
    waiting_now: int
    waiting_fen: int
    refund_due_now: int
    conflicts_now: int


class DailyConsignment(TypedDict):
    sales: int
    amount_fen: int
    commission_fen: int


class DailyProxyOrders(TypedDict):
    placed: int
    closed: int
    closed_fen: int


class DailyTraining(TypedDict):
    sessions: int
    person_times: int
    surveys: int
    satisfied: int


class DailyCashpoint(TypedDict):
    withdrawals: int
    amount_fen: int


class DailyServices(TypedDict):
    records: int
    times: int
    fees_fen: int


class DailyReport(TypedDict):
    """`reports.daily_report`: `report` is "daily"; `cash` has each cash period open during the day."""

    report: str
    version: int
    day: str
    station: StationInfo
    cash: list[CashPeriod]
    parcels: DailyParcels
    bills: DailyBills
    consignment: DailyConsignment
    proxy_orders: DailyProxyOrders
    training: DailyTraining
    cashpoint: DailyCashpoint
    services: DailyServices
