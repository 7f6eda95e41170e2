"""Alibaba Cloud SMS (dysmsapi, API version 2017-05-25): `SendSms` and `QuerySendDetails`,
RPC style, signed with signature version 1.0 (HMAC-SHA1).

Signing (Alibaba Cloud's "signature mechanism" for RPC APIs): every parameter, the common ones
(AccessKeyId, Action, Format, RegionId, SignatureMethod, SignatureNonce, SignatureVersion,
Timestamp, Version) and the action's, is percent-encoded (RFC 3986: only A-Z a-z 0-9 - _ . ~
stay as they are; a space is %20), sorted by name and joined as `k=v&k=v`; the string to sign
is `POST&%2F&` + the percent-encoding of that; the signature is the Base64 of its HMAC-SHA1
under the AccessKey secret followed by "&".

The notice id travels as `OutId`, which `QuerySendDetails` returns with each record: after an
answer that never came, the hub asks for the day's records to that phone and finds the notice
there (sent) or not (the provider never took it: it may be sent again). `SendSms` has no
idempotency key of its own, so nothing is ever sent twice without that question.

Error codes (`Code` in the answer) are mapped to what the hub does about them: try again later
(`RETRY`: flow control, the provider's system errors), give up on this message (a bad number,
a text the provider refuses), or have the county fix the configuration (`FIX_CONFIG`: keys,
sign name, templates, an empty account); any other code ends the message as failed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from station_app.clock import SHANGHAI
from sync.gsm.pdu import parts_needed
from sync.hub.gateway_config import AliyunConfig
from sync.hub.senders import http
from sync.hub.sms_gateway import (
    FAILED,
    SENT,
    Delivery,
    SentSms,
    SmsConfigError,
    SmsMessage,
    SmsResult,
    SmsUnavailable,
    SmsUnsure,
)

VERSION = "2017-05-25"
RETRY = frozenset({"isv.BUSINESS_LIMIT_CONTROL", "isp.SYSTEM_ERROR", "isp.GATEWAY_ERROR", "isv.SYSTEM_ERROR",
                   "isp.UNKNOWN", "Throttling", "Throttling.User", "Throttling.Api", "ServiceUnavailable",
                   "isv.DATA_NOT_EXIST", "InternalError"})
FIX_CONFIG = frozenset({"SignatureDoesNotMatch", "IncompleteSignature", "InvalidAccessKeyId.NotFound",
                        "InvalidAccessKeyId.Inactive", "Forbidden.RAM", "isp.RAM_PERMISSION_DENY",
                        "isv.SMS_SIGNATURE_ILLEGAL", "isv.SMS_SIGN_NAME_ILLEGAL", "isv.SMS_TEMPLATE_ILLEGAL",
                        "isv.TEMPLATE_MISSING_PARAMETERS", "isv.INVALID_JSON_PARAM", "isv.ACCOUNT_NOT_EXISTS",
                        "isv.ACCOUNT_ABNORMAL", "isv.OUT_OF_SERVICE", "isv.AMOUNT_NOT_ENOUGH",
                        "isv.PRODUCT_UN_SUBSCRIPT", "isv.PRODUCT_UNSUBSCRIBE", "InvalidTimeStamp.Expired",
                        "SignatureNonceUsed", "MissingParameter", "InvalidVersion", "InvalidAction.NotFound"})
STATUS_WAITING, STATUS_FAILED, STATUS_DELIVERED = 1, 2, 3  # QuerySendDetails' SendStatus


def percent(value: str) -> str:
    """RFC 3986 percent-encoding as the signature wants it."""
    return quote(value, safe="-_.~")


def string_to_sign(method: str, params: dict[str, str]) -> str:
    canonical = "&".join(f"{percent(k)}={percent(v)}" for k, v in sorted(params.items()))
    return f"{method}&{percent('/')}&{percent(canonical)}"


def signature(secret: str, method: str, params: dict[str, str]) -> str:
    """Signature version 1.0 of `params` (without `Signature`)."""
    digest = hmac.new(f"{secret}&".encode(), string_to_sign(method, params).encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunSms:
    """`SmsSender` over Alibaba Cloud SMS."""

    name = "aliyun"
    demo = False
    concurrency = 32  # requests at once (`gateway_pool`): each is its own HTTPS call, far below its QPS limit
    absent_means_unsent = True  # QuerySendDetails lists every message the provider took

    def __init__(self, config: AliyunConfig, signature_name: str, *, now: Callable[[], datetime] | None = None,
                 nonce: Callable[[], str] | None = None) -> None:
        self.config, self.sign_name = config, signature_name
        self.concurrency = config.concurrency or type(self).concurrency  # the county's account limit
        self._now = now or (lambda: datetime.now(UTC))
        self._nonce = nonce or (lambda: str(uuid.uuid4()))

    def send(self, message: SmsMessage) -> SmsResult:
        answer = self._call("SendSms", {
            "PhoneNumbers": message.phone, "SignName": self.sign_name,
            "TemplateCode": self.config.templates[message.kind],
            "TemplateParam": json.dumps(dict(message.params), ensure_ascii=False, separators=(",", ":")),
            "OutId": message.notice_id}, sending=True)
        code = str(answer.get("Code") or "")
        if code == "OK":
            return SmsResult(SENT, gateway_ref=str(answer.get("BizId") or ""), parts=parts_needed(message.full_text))
        return self._refused(code, str(answer.get("Message") or ""))

    def query(self, message: SmsMessage, sent_at: datetime) -> SmsResult | None:
        """What became of a message whose answer was lost: found by its OutId among the
        provider's records to that phone on the day it was sent (and the next, past midnight).
        None when the provider has no record of it."""
        days = {sent_at.astimezone(SHANGHAI).date(), (sent_at + timedelta(minutes=10)).astimezone(SHANGHAI).date()}
        for day in sorted(days):
            for record in self._records(message.phone, day.strftime("%Y%m%d")):
                if record.get("OutId") == message.notice_id:
                    delivered = _delivered(record)
                    return SmsResult(SENT, gateway_ref=str(record.get("BizId") or ""),
                                     parts=parts_needed(message.full_text), delivered=delivered,
                                     detail=_receipt_detail(record) if delivered is False else "")
        return None

    def deliveries(self, sent: list[SentSms]) -> list[Delivery]:
        """Delivery receipts of messages sent and not yet reported (one query each)."""
        out = []
        for s in sent:
            try:
                records = self._records(s.phone, s.sent_at.astimezone(SHANGHAI).strftime("%Y%m%d"), s.gateway_ref)
            except (SmsUnavailable, SmsUnsure, SmsConfigError):
                break  # the provider cannot be asked now: next run
            record = next((r for r in records if r.get("OutId") == s.notice_id), None)
            delivered = _delivered(record) if record is not None else None
            if record is not None and delivered is not None:
                out.append(Delivery(s.notice_id, delivered, "" if delivered else _receipt_detail(record),
                                    str(record.get("ReceiveDate") or "")))
        return out

    # -- inside ---------------------------------------------------------------------------------

    def _records(self, phone: str, day: str, biz_id: str = "") -> list[dict[str, Any]]:
        params = {"PhoneNumber": phone, "SendDate": day, "PageSize": "50", "CurrentPage": "1"}
        if biz_id:
            params["BizId"] = biz_id
        answer = self._call("QuerySendDetails", params, sending=False)
        code = str(answer.get("Code") or "")
        if code != "OK":
            self._refused(code, str(answer.get("Message") or ""))  # raises for retry / config codes
            raise SmsUnavailable(f"QuerySendDetails: {code}")
        details = answer.get("SmsSendDetailDTOs") or {}
        records = details.get("SmsSendDetailDTO") if isinstance(details, dict) else details
        return [r for r in (records or []) if isinstance(r, dict)]

    def _call(self, action: str, params: dict[str, str], *, sending: bool) -> dict[str, Any]:
        common = {"AccessKeyId": self.config.access_key_id, "Action": action, "Format": "JSON",
                  "RegionId": self.config.region, "SignatureMethod": "HMAC-SHA1",
                  "SignatureNonce": self._nonce(), "SignatureVersion": "1.0",
                  "Timestamp": self._now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "Version": VERSION}
        signed = {**common, **params}
        signed["Signature"] = signature(self.config.access_key_secret.reveal(), "POST", signed)
        body = "&".join(f"{percent(k)}={percent(v)}" for k, v in signed.items()).encode()
        try:
            answer = http.call("POST", self.config.endpoint, body,
                               {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
                               timeout=self.config.timeout)
        except http.NotReached as exc:
            raise SmsUnavailable(f"Alibaba Cloud SMS not reached: {exc}") from None
        except http.NoAnswer as exc:
            if sending:
                raise SmsUnsure(f"Alibaba Cloud SMS did not answer: {exc}") from None
            raise SmsUnavailable(f"Alibaba Cloud SMS did not answer: {exc}") from None
        try:
            data = json.loads(answer.body)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            if answer.status >= 500 or not sending:
                raise SmsUnavailable(f"Alibaba Cloud SMS answered HTTP {answer.status} without JSON")
            raise SmsUnsure(f"Alibaba Cloud SMS answered HTTP {answer.status} without JSON")
        return data

    def _refused(self, code: str, message: str) -> SmsResult:
        detail = f"阿里云短信：{code} {message}".strip()[:200]
        if code in RETRY:
            raise SmsUnavailable(detail)
        if code in FIX_CONFIG:
            raise SmsConfigError(detail)
        return SmsResult(FAILED, detail)


def _delivered(record: dict[str, Any]) -> bool | None:
    status = record.get("SendStatus")
    try:
        status = int(status) if status is not None else None
    except (TypeError, ValueError):
        return None
    return {STATUS_DELIVERED: True, STATUS_FAILED: False}.get(status) if status is not None else None


def _receipt_detail(record: dict[str, Any]) -> str:
    return f"阿里云短信回执：{record.get('ErrCode') or '发送失败'}"[:200]
