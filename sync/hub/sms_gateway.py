"""What an SMS gateway is to the hub (`SmsSender`), what it is handed and what it answers.

A sender's `send` either answers (`SmsResult`: sent, or failed for good with the provider's
reason) or raises one of three exceptions, each telling the hub what it may do next:

- `SmsUnavailable`: nothing was sent (not reached, flow control, the provider's own error):
  the notice waits and is tried again.
- `SmsConfigError`: nothing was sent because the county's configuration is wrong (keys, sign
  name, templates, an empty account): the county gets an alert; the notice waits.
- `SmsUnsure`: the message may have gone (no answer after it was handed over). The hub never
  sends it again unless the sender can `query` the provider and the provider says it never
  took it (`absent_means_unsent`).

Optional: `query(message, sent_at)` (what became of a message whose answer was lost) and
`deliveries(sent)` (delivery receipts of messages sent earlier).

`LoggingSmsSender` is the demo: it sends nothing, writes the message to the hub's `sms_log`
table, and says so (演示) in every status it gives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import Engine, insert

from station_app.clock import iso
from station_app.core.identity import mask_phone
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from sync.hub.db import writing
from sync.hub.service_db import sms_log

log = logging.getLogger(__name__)
SENT, FAILED = "sent", "failed"
QUEUED, SENDING, HELD = "queued", "sending", "held"
UNSURE = "unsure"  # handed to the gateway without an answer: asked about, never simply sent again
DEFAULT_SIGNATURE = "县电商服务中心"
DETAIL_LANG = "zh_CN"  # details go to the station's screen: Chinese, like the SMS themselves
DEMO_SENT = QT_TRANSLATE_NOOP("hub_services", "Demo: simulated, no SMS was really sent")


@dataclass(frozen=True)
class SmsMessage:
    notice_id: str  # a gateway that supports it keeps this as its reference (OutId, SessionContext)
    phone: str
    text: str  # the county's template, filled in by the hub
    signature: str = DEFAULT_SIGNATURE  # the county's SMS signature (a gateway puts it in 【】)
    kind: str = "arrival"  # the county's template: arrival / reminder / new_code
    params: Mapping[str, str] = field(default_factory=dict)  # the template's values, for providers' templates

    @property
    def full_text(self) -> str:
        return f"【{self.signature}】{self.text}"


@dataclass(frozen=True)
class SmsResult:
    status: str  # sent | failed
    detail: str = ""  # why it failed, as the gateway says it (shown at the station)
    gateway_ref: str = ""
    parts: int = 0  # SMS billed (0: not known; counted from the text)
    demo: bool = False  # nothing was really sent
    delivered: bool | None = None  # a delivery receipt already known (a query's answer)


@dataclass(frozen=True)
class SentSms:
    """A message sent earlier whose delivery receipt has not come yet."""

    notice_id: str
    phone: str
    gateway_ref: str
    sent_at: datetime


@dataclass(frozen=True)
class Delivery:
    """A delivery receipt: the villager's phone got the message, or the network gave up."""

    notice_id: str
    delivered: bool
    detail: str = ""
    at: str = ""


class SmsUnavailable(Exception):
    """The gateway could not be reached or refused for now; nothing was sent (try again later)."""


class SmsConfigError(SmsUnavailable):
    """Nothing was sent: the gateway's configuration must be fixed by the county."""


class SmsUnsure(Exception):
    """The message was handed over and no answer came: it may have been sent."""


class SmsSender(Protocol):
    """An SMS gateway adapter (see the module). `name`: aliyun, tencent, modem, log; `demo`:
    whether it only pretends."""

    def send(self, message: SmsMessage) -> SmsResult:
        ...


def sender_name(sender: object) -> str:
    return str(getattr(sender, "name", type(sender).__name__))[:20]


def is_demo(sender: object) -> bool:
    return bool(getattr(sender, "demo", False))


class LoggingSmsSender:
    """Sends nothing: writes each message to the hub's `sms_log` table (and the log). The demo
    hub's gateway (`serve --demo`); every status it gives says 演示."""

    name = "log"
    demo = True
    concurrency = 4  # each message is its own write (`gateway_pool`)

    def __init__(self, engine: Engine, now: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self._now = now or (lambda: datetime.now(UTC))

    def send(self, message: SmsMessage) -> SmsResult:
        at = iso(self._now())
        with writing(self.engine) as conn:
            conn.execute(insert(sms_log).values(notice_id=message.notice_id, phone=message.phone,
                                                text=message.full_text, sent_at=at))
        log.info("demo SMS (not sent) to %s: %s", mask_phone(message.phone), message.full_text)
        return SmsResult(SENT, translate("hub_services", DEMO_SENT, DETAIL_LANG), gateway_ref=f"log:{message.notice_id}",
                         demo=True)
