"""The real biller: a top-up / bill aggregator (话费、电费、水费聚合充值平台) of the common shape.

Every call is a form POST to the aggregator, signed: the parameters without `sign` and without
empty values, sorted by name (ASCII), joined `k=v&k=v`, then `&key=<merchant key>`, MD5 (or
SHA-256) in upper-case hex. Answers are JSON `{"errno": 0, "errmsg": "", "data": {...}}`.

- `POST /api/recharge` (userid, out_trade_num, product_id, account, amount in yuan, notify_url,
  timestamp): our order number (`billers.order_number`, from the bill's id) is the idempotency
  key: the same number again is refused as a duplicate (errno 1005) and the hub asks instead.
- `POST /api/query` (userid, out_trade_num): the order's state; errno 1006: never received.
- `POST /api/balance`: the merchant's balance, checked before every submit: a bill the balance
  does not cover is not sent (the county is alerted to top up).
- `POST /api/statement` (date): every order of that day, for the daily reconciliation.
- The result comes back as a signed form POST to `notify_url` (userid, order_number,
  out_trade_num, otime, state, amount, charge_amount, remark, sign), retried by the
  aggregator until it reads `success` (`sync.hub.biller_notify`).

States: -1 cancelled (取消), 0 charging (充值中), 1 success (成功), 2 failed (失败), 3 partly
successful (部分成功, `charge_amount` went through). A cancelled or failed order is failed for
the station (full refund); a partial one carries the amount paid (the rest refunded).
docs/GATEWAYS.md has the error numbers and what the hub does with each.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from station_app.clock import iso
from sync.hub.billers import (
    FAILED,
    PAID,
    PARTIAL,
    PENDING,
    BillerNeedsCounty,
    BillerResult,
    BillerTimeout,
    BillerUnavailable,
    order_number,
)
from sync.hub.gateway_config import AggregatorConfig
from sync.hub.senders import http

CANCELLED, CHARGING, SUCCESS, FAILURE, PARTLY = -1, 0, 1, 2, 3
STATE_NAMES = {CANCELLED: "取消", CHARGING: "充值中", SUCCESS: "成功", FAILURE: "失败", PARTLY: "部分成功"}
OK, BAD_PARAMS, BAD_SIGN, BAD_MERCHANT, NO_BALANCE, DUPLICATE, NO_ORDER = 0, 1001, 1002, 1003, 1004, 1005, 1006
BAD_PRODUCT, BAD_ACCOUNT, BAD_AMOUNT, BAD_TIME, BUSY = 1007, 1008, 1009, 1010, 2000
REFUSED_ORDER = frozenset({BAD_PRODUCT, BAD_ACCOUNT, BAD_AMOUNT})  # the order is refused: nothing charged
NEEDS_COUNTY = frozenset({BAD_SIGN, BAD_MERCHANT, BAD_TIME, BAD_PARAMS})


def sign(fields: Mapping[str, str], key: str, method: str = "md5") -> str:
    """The aggregator's signature of `fields` (any `sign` among them left out)."""
    text = "&".join(f"{k}={v}" for k, v in sorted(fields.items()) if k != "sign" and v != "")
    digest = hashlib.md5 if method == "md5" else hashlib.sha256
    return digest(f"{text}&key={key}".encode()).hexdigest().upper()


def yuan_text(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def fen_of(text: Any) -> int | None:
    """Fen of a yuan amount as the aggregator writes it ("50", "49.5", "12.34"); None if not one."""
    try:
        value = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        return None
    return int(value * 100)


@dataclass(frozen=True)
class StatementLine:
    order_no: str
    state: int
    amount: int  # fen ordered
    charged: int  # fen that went through


class AggregatorBiller:
    """`BillerGateway` over the aggregator; also reads its statements and checks its callbacks."""

    name = "aggregator"
    demo = False
    concurrency = 16  # bills at once (`gateway_pool`): each call is its own HTTPS request

    def __init__(self, config: AggregatorConfig, *, now: Callable[[], datetime] | None = None) -> None:
        self.config = config
        self.concurrency = config.concurrency or type(self).concurrency  # the county's account limit
        self._now = now or (lambda: datetime.now(UTC))

    # -- the gateway ----------------------------------------------------------------------------

    def pay(self, request_id: str, product: str, account: str, amount: int) -> BillerResult:
        balance = self.balance()
        if balance < amount:
            raise BillerNeedsCounty(f"聚合平台余额 {yuan_text(balance)} 元，不够缴这一笔 {yuan_text(amount)} 元：请县里充值")
        order = order_number(request_id)
        answer = self._call("/api/recharge", {
            "out_trade_num": order, "product_id": self.config.products.get(product, product), "account": account,
            "amount": yuan_text(amount), "notify_url": self.config.notify_url}, submitting=True)
        errno = _errno(answer)
        if errno == OK:
            return self._result(request_id, _data(answer), amount)
        if errno == DUPLICATE:  # sent before (a lost answer, a restart): what became of that one
            known = self.query(request_id)
            if known is None:
                raise BillerTimeout("the aggregator says the order exists but cannot find it")
            return known
        return self._refusal(request_id, errno, str(answer.get("errmsg") or ""))

    def query(self, request_id: str) -> BillerResult | None:
        answer = self._call("/api/query", {"out_trade_num": order_number(request_id)})
        errno = _errno(answer)
        if errno == NO_ORDER:
            return None
        if errno != OK:
            self._refusal(request_id, errno, str(answer.get("errmsg") or ""))
            raise BillerUnavailable(f"query refused: {errno}")
        data = _data(answer)
        return self._result(request_id, data, fen_of(data.get("amount")))

    # -- the rest of the aggregator ---------------------------------------------------------------

    def balance(self) -> int:
        """The merchant's balance in fen. Raises BillerUnavailable / BillerNeedsCounty."""
        answer = self._call("/api/balance", {})
        errno = _errno(answer)
        if errno != OK:
            self._refusal("", errno, str(answer.get("errmsg") or ""))
            raise BillerUnavailable(f"balance refused: {errno}")
        value = fen_of(_data(answer).get("balance"))
        if value is None:
            raise BillerUnavailable("the aggregator's balance is not a number")
        return value

    def statement(self, day: str) -> list[StatementLine]:
        """Every order of `day` (YYYY-MM-DD) as the aggregator's statement has it."""
        answer = self._call("/api/statement", {"date": day})
        errno = _errno(answer)
        if errno != OK:
            self._refusal("", errno, str(answer.get("errmsg") or ""))
            raise BillerUnavailable(f"statement refused: {errno}")
        lines = []
        for order in _data(answer).get("orders") or []:
            if not isinstance(order, dict):
                continue
            try:
                state = int(str(order.get("state")))
            except ValueError:
                continue
            lines.append(StatementLine(str(order.get("out_trade_num") or ""), state,
                                       fen_of(order.get("amount")) or 0, fen_of(order.get("charge_amount")) or 0))
        return lines

    def verify(self, fields: Mapping[str, str]) -> bool:
        """Is a posted callback signed with our key, for our merchant id?"""
        given = str(fields.get("sign") or "")
        if not given or str(fields.get("userid") or "") != self.config.merchant_id:
            return False
        expected = sign(fields, self.config.key.reveal(), self.config.sign)
        return _same(given.upper(), expected)

    def callback_result(self, request_id: str, fields: Mapping[str, str], amount: int) -> BillerResult | None:
        """The result a verified callback reports (None: a state we do not know)."""
        return self._result(request_id, dict(fields), amount, strict=True)

    # -- inside ---------------------------------------------------------------------------------

    def _result(self, request_id: str, data: Mapping[str, Any], amount: int | None, *, strict: bool = False
                ) -> BillerResult:
        try:
            state = int(str(data.get("state")))
        except ValueError:
            if strict:
                raise ValueError("no state") from None
            raise BillerTimeout("the aggregator's answer has no state") from None
        ref = str(data.get("order_number") or "")[:80]
        remark = str(data.get("remark") or "")[:200]
        at = _time(data.get("otime")) or iso(self._now())
        if state == CHARGING:
            return BillerResult(request_id, PENDING, ref, remark, at)
        if state == SUCCESS:
            return BillerResult(request_id, PAID, ref, remark, at)
        if state == PARTLY:
            charged = fen_of(data.get("charge_amount"))
            if charged is None or (amount is not None and charged > amount):
                raise BillerTimeout("a partly successful answer without a readable amount paid")
            return BillerResult(request_id, PARTIAL, ref, remark or "部分成功", at, paid_amount=charged)
        if state in (FAILURE, CANCELLED):
            return BillerResult(request_id, FAILED, ref, remark or STATE_NAMES[state], at)
        if strict:
            raise ValueError(f"unknown state {state}")
        raise BillerTimeout(f"the aggregator answered an unknown state {state}")

    def _refusal(self, request_id: str, errno: int, message: str) -> BillerResult:
        detail = f"聚合平台拒绝（{errno} {message}）".strip()
        if errno in REFUSED_ORDER and request_id:
            return BillerResult(request_id, FAILED, message=detail, at=iso(self._now()))
        if errno in NEEDS_COUNTY or errno == NO_BALANCE:
            raise BillerNeedsCounty(detail)
        raise BillerUnavailable(detail)

    def _call(self, path: str, params: dict[str, str], *, submitting: bool = False) -> dict[str, Any]:
        fields = {**params, "userid": self.config.merchant_id, "timestamp": str(int(self._now().timestamp()))}
        fields["sign"] = sign(fields, self.config.key.reveal(), self.config.sign)
        url = self.config.url.rstrip("/") + path
        try:
            answer = http.call("POST", url, urlencode(fields).encode(),
                               {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
                               timeout=self.config.timeout)
        except http.NotReached as exc:
            raise BillerUnavailable(f"the aggregator was not reached: {exc}") from None
        except http.NoAnswer as exc:
            if submitting:
                raise BillerTimeout(f"the aggregator did not answer: {exc}") from None
            raise BillerUnavailable(f"the aggregator did not answer: {exc}") from None
        try:
            data = json.loads(answer.body)
        except ValueError:
            data = None
        if not isinstance(data, dict) or "errno" not in data:
            if submitting and answer.status < 500:
                raise BillerTimeout(f"the aggregator answered HTTP {answer.status} without its JSON")
            raise BillerUnavailable(f"the aggregator answered HTTP {answer.status} without its JSON")
        return data


def _errno(answer: Mapping[str, Any]) -> int:
    try:
        return int(str(answer.get("errno")))
    except ValueError:
        return BUSY


def _data(answer: Mapping[str, Any]) -> dict[str, Any]:
    data = answer.get("data")
    return data if isinstance(data, dict) else {}


def _time(value: Any) -> str:
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        return ""
    if not 1_000_000_000 <= seconds <= 4_000_000_000:
        return ""
    return iso(datetime.fromtimestamp(seconds, UTC))


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
