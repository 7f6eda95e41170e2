"""Tencent Cloud SMS (API 3.0, version 2021-01-11): `SendSms`, `PullSmsSendStatus` and
`PullSmsSendStatusByPhoneNumber`, signed with TC3-HMAC-SHA256.

Signing (TencentCloud API "signature v3"): the canonical request is the method, the URI "/",
the (empty) query, the signed headers as `name:value\\n` in lower case (content-type, host,
x-tc-action), their names joined with ";" and the hex SHA-256 of the body; the string to sign
is "TC3-HMAC-SHA256", the timestamp, the credential scope `date/sms/tc3_request` and the hex
SHA-256 of the canonical request, one a line; the key is HMAC-SHA256 chained from "TC3"+key
over the date, the service and "tc3_request"; `Authorization: TC3-HMAC-SHA256 Credential=…,
SignedHeaders=…, Signature=…`.

The notice id travels as `SessionContext`, which the provider hands back with each delivery
receipt. A receipt exists only once the operator reported, so not finding one proves nothing:
after an answer that never came a message is never sent again (`absent_means_unsent` False).
`Fee` in the answer is the number of SMS billed, kept as the cost.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sync.gsm.pdu import parts_needed
from sync.hub.gateway_config import TencentConfig
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

VERSION = "2021-01-11"
SERVICE = "sms"
SIGNED_HEADERS = ("content-type", "host", "x-tc-action")
#: the parameters of each template, in the order the county's registered template numbers them
PARAM_ORDER = {
    "arrival": ("station", "carrier", "code", "hours", "phone"),
    "reminder": ("station", "days", "code", "hours", "phone"),
    "new_code": ("station", "code", "hours", "phone"),
}
FIX_CONFIG_PREFIXES = ("AuthFailure", "UnauthorizedOperation", "MissingParameter", "InvalidAction", "NoSuchVersion")
FIX_CONFIG = frozenset({"FailedOperation.InsufficientBalanceInSmsPackage", "FailedOperation.SignatureIncorrectOrUnapproved",
                        "FailedOperation.TemplateIncorrectOrUnapproved", "FailedOperation.MissingSignature",
                        "FailedOperation.MissingTemplateToModify", "InvalidParameterValue.SdkAppIdNotExist",
                        "InvalidParameterValue.TemplateParameterFormatError", "InvalidParameterValue.TemplateParameterLengthLimit",
                        "FailedOperation.JsonParseFail", "InvalidParameter"})
RETRY_PREFIXES = ("RequestLimitExceeded", "InternalError", "LimitExceeded.DeliveryFrequencyLimit",
                  "LimitExceeded.PhoneNumberThirtySecondLimit", "LimitExceeded.PhoneNumberOneHourLimit",
                  "ResourceUnavailable", "FailedOperation.FailResolvePacket")
UNSURE = frozenset({"InternalError.Timeout"})  # the provider itself timed out handing the SMS on


def canonical_request(method: str, headers: dict[str, str], signed: tuple[str, ...], payload: bytes) -> str:
    lines = "".join(f"{name}:{headers[name].strip().lower()}\n" for name in signed)
    return "\n".join((method, "/", "", lines, ";".join(signed), hashlib.sha256(payload).hexdigest()))


def tc3_signature(secret_key: str, timestamp: int, service: str, request: str) -> tuple[str, str]:
    """(credential scope, hex signature) of a canonical request."""
    day = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    scope = f"{day}/{service}/tc3_request"
    to_sign = "\n".join(("TC3-HMAC-SHA256", str(timestamp), scope, hashlib.sha256(request.encode()).hexdigest()))

    def mac(key: bytes, text: str) -> bytes:
        return hmac.new(key, text.encode(), hashlib.sha256).digest()

    key = mac(mac(mac(f"TC3{secret_key}".encode(), day), service), "tc3_request")
    return scope, hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


class TencentSms:
    """`SmsSender` over Tencent Cloud SMS."""

    name = "tencent"
    demo = False
    concurrency = 32  # requests at once (`gateway_pool`): each is its own HTTPS call, far below its QPS limit
    absent_means_unsent = False  # receipts come only after delivery: no receipt proves nothing

    def __init__(self, config: TencentConfig, signature_name: str, *,
                 now: Callable[[], datetime] | None = None) -> None:
        self.config, self.sign_name = config, signature_name
        self.concurrency = config.concurrency or type(self).concurrency  # the county's account limit
        self._now = now or (lambda: datetime.now(UTC))

    def send(self, message: SmsMessage) -> SmsResult:
        order = PARAM_ORDER[message.kind]
        answer = self._call("SendSms", {
            "PhoneNumberSet": [f"+86{message.phone}"], "SmsSdkAppId": self.config.sdk_app_id,
            "SignName": self.sign_name, "TemplateId": self.config.templates[message.kind],
            "TemplateParamSet": [str(message.params.get(k, "")) for k in order],
            "SessionContext": message.notice_id}, sending=True)
        refused = self._error(answer)
        if refused is not None:
            return refused
        statuses = answer.get("SendStatusSet") or []
        status = statuses[0] if statuses and isinstance(statuses[0], dict) else {}
        code = str(status.get("Code") or "")
        if code.lower() == "ok":
            try:
                fee = int(status.get("Fee") or 0)
            except (TypeError, ValueError):
                fee = 0
            return SmsResult(SENT, gateway_ref=str(status.get("SerialNo") or ""),
                             parts=fee or parts_needed(message.full_text))
        if not code:
            raise SmsUnsure("Tencent Cloud SMS answered without a send status")
        return self._refused(code, str(status.get("Message") or ""))

    def query(self, message: SmsMessage, sent_at: datetime) -> SmsResult | None:
        """A receipt for the notice among the phone's receipts since it was sent, or None (which
        does not mean it was not sent)."""
        begin = int((sent_at - timedelta(minutes=5)).timestamp())
        answer = self._call("PullSmsSendStatusByPhoneNumber", {
            "BeginTime": begin, "EndTime": int(self._now().timestamp()) + 60, "Offset": 0, "Limit": 100,
            "PhoneNumber": f"+86{message.phone}", "SmsSdkAppId": self.config.sdk_app_id}, sending=False)
        if self._error(answer) is not None:
            raise SmsUnavailable("Tencent Cloud SMS refused the receipts query")
        for receipt in answer.get("PullSmsSendStatusSet") or []:
            if isinstance(receipt, dict) and receipt.get("SessionContext") == message.notice_id:
                delivered = str(receipt.get("ReportStatus") or "").upper() == "SUCCESS"
                return SmsResult(SENT, gateway_ref=str(receipt.get("SerialNo") or ""),
                                 parts=parts_needed(message.full_text), delivered=delivered,
                                 detail="" if delivered else _receipt_detail(receipt))
        return None

    def deliveries(self, sent: list[SentSms]) -> list[Delivery]:
        """The receipts the provider holds for us (each is handed out once), for our notices."""
        if not sent:
            return []
        try:
            answer = self._call("PullSmsSendStatus", {"Limit": 100, "SmsSdkAppId": self.config.sdk_app_id},
                                sending=False)
            if self._error(answer) is not None:
                return []
        except (SmsUnavailable, SmsUnsure, SmsConfigError):
            return []
        out = []
        for receipt in answer.get("PullSmsSendStatusSet") or []:
            if not isinstance(receipt, dict) or not receipt.get("SessionContext"):
                continue
            delivered = str(receipt.get("ReportStatus") or "").upper() == "SUCCESS"
            out.append(Delivery(str(receipt["SessionContext"]), delivered, "" if delivered else _receipt_detail(receipt),
                                str(receipt.get("UserReceiveTime") or "")))
        return out

    # -- inside ---------------------------------------------------------------------------------

    def _call(self, action: str, params: dict[str, Any], *, sending: bool) -> dict[str, Any]:
        payload = json.dumps(params, ensure_ascii=False, separators=(",", ":")).encode()
        timestamp = int(self._now().timestamp())
        host = urlsplit(self.config.endpoint).netloc
        headers = {"content-type": "application/json; charset=utf-8", "host": host, "x-tc-action": action.lower()}
        scope, sig = tc3_signature(self.config.secret_key.reveal(), timestamp, SERVICE,
                                   canonical_request("POST", headers, SIGNED_HEADERS, payload))
        send_headers = {
            "Content-Type": headers["content-type"], "Host": host, "X-TC-Action": action,
            "X-TC-Timestamp": str(timestamp), "X-TC-Version": VERSION, "X-TC-Region": self.config.region,
            "Authorization": (f"TC3-HMAC-SHA256 Credential={self.config.secret_id}/{scope}, "
                              f"SignedHeaders={';'.join(SIGNED_HEADERS)}, Signature={sig}")}
        try:
            answer = http.call("POST", self.config.endpoint, payload, send_headers, timeout=self.config.timeout)
        except http.NotReached as exc:
            raise SmsUnavailable(f"Tencent Cloud SMS not reached: {exc}") from None
        except http.NoAnswer as exc:
            if sending:
                raise SmsUnsure(f"Tencent Cloud SMS did not answer: {exc}") from None
            raise SmsUnavailable(f"Tencent Cloud SMS did not answer: {exc}") from None
        try:
            response = json.loads(answer.body).get("Response")
        except (ValueError, AttributeError):
            response = None
        if not isinstance(response, dict):
            if answer.status >= 500 or not sending:
                raise SmsUnavailable(f"Tencent Cloud SMS answered HTTP {answer.status} without JSON")
            raise SmsUnsure(f"Tencent Cloud SMS answered HTTP {answer.status} without JSON")
        return response

    def _error(self, response: dict[str, Any]) -> SmsResult | None:
        """What a refused call means (raises for retry / config / unsure), or None when it was not refused."""
        error = response.get("Error")
        if not isinstance(error, dict):
            return None
        return self._refused(str(error.get("Code") or ""), str(error.get("Message") or ""))

    def _refused(self, code: str, message: str) -> SmsResult:
        detail = f"腾讯云短信：{code} {message}".strip()[:200]
        if code in UNSURE:
            raise SmsUnsure(detail)
        if code.startswith(RETRY_PREFIXES):
            raise SmsUnavailable(detail)
        if code in FIX_CONFIG or code.startswith(FIX_CONFIG_PREFIXES):
            raise SmsConfigError(detail)
        return SmsResult(FAILED, detail)


def _receipt_detail(receipt: dict[str, Any]) -> str:
    return f"腾讯云短信回执：{receipt.get('Description') or receipt.get('ReportStatus') or '未送达'}"[:200]
