"""Local fake providers for the gateway tests: Alibaba Cloud SMS, Tencent Cloud SMS and a
top-up aggregator, each on a loopback port, each checking the request's signature the way the
provider documents it (written here from the documentation, not with the hub's own code: a
signature the hub gets wrong fails here), answering with the provider's codes, and able to be
slow, silent or wrong on purpose.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode


class FakeServer:
    """A loopback HTTP server; `handle(path, headers, body)` -> (status, body bytes). `delay`
    seconds before answering (longer than the client's timeout: it acts, then answers late)."""

    def __init__(self) -> None:
        self.delay = 0.0
        self.slow_paths: set[str] = set()  # only these answer late (all when empty)
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                owner.requests.append((self.path, headers, body))
                status, answer = owner.handle(self.path, headers, body)
                if owner.delay and (not owner.slow_paths or self.path in owner.slow_paths):
                    time.sleep(owner.delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        raise NotImplementedError

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


# -- Alibaba Cloud SMS ------------------------------------------------------------------------------


class FakeAliyun(FakeServer):
    """dysmsapi `SendSms` / `QuerySendDetails` (RPC, signature version 1.0, HMAC-SHA1)."""

    def __init__(self, key_id: str, secret: str) -> None:
        self.key_id, self.secret = key_id, secret
        self.code = "OK"  # what SendSms answers
        self.sent: list[dict[str, str]] = []  # what it took, with OutId
        self.nonces: set[str] = set()
        super().__init__()

    def expected_signature(self, params: dict[str, str]) -> str:
        def enc(text: str) -> str:  # RFC 3986, as the documentation spells out
            return quote(text, safe="").replace("+", "%20").replace("*", "%2A").replace("%7E", "~")

        query = "&".join(f"{enc(k)}={enc(v)}" for k, v in sorted(params.items()) if k != "Signature")
        to_sign = "POST&" + enc("/") + "&" + enc(query)
        return base64.b64encode(hmac.new((self.secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()).decode()

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        params = dict(parse_qsl(body.decode(), keep_blank_values=True))
        if params.get("AccessKeyId") != self.key_id:
            return 404, _json({"Code": "InvalidAccessKeyId.NotFound", "Message": "Specified access key is not found."})
        if params.get("Signature") != self.expected_signature(params):
            return 400, _json({"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched"})
        if params.get("SignatureNonce") in self.nonces:
            return 400, _json({"Code": "SignatureNonceUsed", "Message": "Specified signature nonce was used already."})
        self.nonces.add(params.get("SignatureNonce", ""))
        if params.get("Action") == "SendSms":
            if self.code != "OK":
                return 200, _json({"Code": self.code, "Message": "fake refusal", "RequestId": "R1"})
            biz = f"{len(self.sent) + 1:06d}^0"
            self.sent.append({**params, "BizId": biz})
            return 200, _json({"Code": "OK", "Message": "OK", "BizId": biz, "RequestId": "R2"})
        if params.get("Action") == "QuerySendDetails":
            records = [{"PhoneNum": s["PhoneNumbers"], "SendStatus": 3, "ErrCode": "DELIVERED", "OutId": s["OutId"],
                        "BizId": s["BizId"], "ReceiveDate": "2026-12-07 10:00:05", "Content": s["TemplateParam"]}
                       for s in self.sent if s["PhoneNumbers"] == params.get("PhoneNumber")]
            return 200, _json({"Code": "OK", "Message": "OK", "TotalCount": len(records),
                               "SmsSendDetailDTOs": {"SmsSendDetailDTO": records}})
        return 404, _json({"Code": "InvalidAction.NotFound", "Message": "no such action"})


# -- Tencent Cloud SMS ------------------------------------------------------------------------------


class FakeTencent(FakeServer):
    """SMS API 3.0 `SendSms` (TC3-HMAC-SHA256)."""

    def __init__(self, secret_id: str, secret_key: str) -> None:
        self.secret_id, self.secret_key = secret_id, secret_key
        self.error = ""  # an Error.Code SendSms answers with
        self.status_code = "Ok"  # the send status of the number
        self.sent: list[dict[str, Any]] = []
        super().__init__()

    def expected_authorization(self, headers: dict[str, str], body: bytes) -> str:
        timestamp = int(headers.get("x-tc-timestamp", "0"))
        day = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
        canonical_headers = (f"content-type:{headers['content-type'].lower()}\nhost:{headers['host'].lower()}\n"
                             f"x-tc-action:{headers['x-tc-action'].lower()}\n")
        request = "\n".join(["POST", "/", "", canonical_headers, "content-type;host;x-tc-action",
                             hashlib.sha256(body).hexdigest()])
        scope = f"{day}/sms/tc3_request"
        to_sign = "\n".join(["TC3-HMAC-SHA256", str(timestamp), scope, hashlib.sha256(request.encode()).hexdigest()])
        key = ("TC3" + self.secret_key).encode()
        for part in (day, "sms", "tc3_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        sig = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        return (f"TC3-HMAC-SHA256 Credential={self.secret_id}/{scope}, SignedHeaders=content-type;host;x-tc-action, "
                f"Signature={sig}")

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        if headers.get("authorization") != self.expected_authorization(headers, body):
            return 200, _json({"Response": {"Error": {"Code": "AuthFailure.SignatureFailure",
                                                      "Message": "The provided credentials could not be validated."},
                                            "RequestId": "r1"}})
        params = json.loads(body)
        if headers.get("x-tc-action") == "SendSms":
            if self.error:
                return 200, _json({"Response": {"Error": {"Code": self.error, "Message": "fake"}, "RequestId": "r2"}})
            self.sent.append(params)
            number = params["PhoneNumberSet"][0]
            return 200, _json({"Response": {"SendStatusSet": [{
                "SerialNo": f"2433:{len(self.sent)}", "PhoneNumber": number, "Fee": 2 if len(str(params)) > 160 else 1,
                "SessionContext": params.get("SessionContext", ""), "Code": self.status_code,
                "Message": "send success" if self.status_code == "Ok" else "fake", "IsoCode": "CN"}],
                "RequestId": "r3"}})
        if headers.get("x-tc-action") in ("PullSmsSendStatus", "PullSmsSendStatusByPhoneNumber"):
            return 200, _json({"Response": {"PullSmsSendStatusSet": [
                {"SessionContext": p.get("SessionContext", ""), "ReportStatus": "SUCCESS", "SerialNo": "x",
                 "UserReceiveTime": "2026-12-07 10:00:05", "PhoneNumber": p["PhoneNumberSet"][0]} for p in self.sent],
                "RequestId": "r4"}})
        return 200, _json({"Response": {"Error": {"Code": "InvalidAction", "Message": "no"}, "RequestId": "r5"}})


# -- a top-up / bill aggregator ---------------------------------------------------------------------


def aggregator_sign(fields: dict[str, str], key: str) -> str:
    """The aggregator's documented signature: non-empty fields but `sign`, sorted by name,
    `k=v&…&key=KEY`, MD5, upper-case hex."""
    text = "&".join(f"{k}={fields[k]}" for k in sorted(fields) if k != "sign" and fields[k] != "")
    return hashlib.md5(f"{text}&key={key}".encode()).hexdigest().upper()


class FakeAggregator(FakeServer):
    """`/api/balance`, `/api/recharge`, `/api/query`, `/api/statement`, and the signed callback
    it posts to the notify URL. Orders keep our `out_trade_num`: a second submit is errno 1005."""

    def __init__(self, merchant: str, key: str) -> None:
        self.merchant, self.key = merchant, key
        self.balance = 1_000_000  # fen
        self.outcome: Callable[[dict[str, str]], tuple[int, int | None]] = lambda f: (1, None)  # state, charged fen
        self.refuse: int = 0  # an errno to answer every submit with (0: none)
        self.orders: dict[str, dict[str, Any]] = {}
        self.charges = 0  # times money moved
        self.lock = threading.Lock()
        super().__init__()

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        fields = dict(parse_qsl(body.decode(), keep_blank_values=True))
        if fields.get("userid") != self.merchant:
            return 200, _json({"errno": 1003, "errmsg": "商户不存在", "data": {}})
        if fields.get("sign") != aggregator_sign(fields, self.key):
            return 200, _json({"errno": 1002, "errmsg": "签名错误", "data": {}})
        if self.refuse and path == "/api/recharge":
            return 200, _json({"errno": self.refuse, "errmsg": "fake", "data": {}})
        with self.lock:
            if path == "/api/balance":
                return 200, _json({"errno": 0, "errmsg": "", "data": {"balance": f"{self.balance / 100:.2f}"}})
            if path == "/api/recharge":
                return 200, _json(self._recharge(fields))
            if path == "/api/query":
                order = self.orders.get(fields.get("out_trade_num", ""))
                if order is None:
                    return 200, _json({"errno": 1006, "errmsg": "订单不存在", "data": {}})
                return 200, _json({"errno": 0, "errmsg": "", "data": self._public(order)})
            if path == "/api/statement":
                return 200, _json({"errno": 0, "errmsg": "", "data": {"orders": [
                    self._public(o) for o in self.orders.values()]}})
        return 404, _json({"errno": 1001, "errmsg": "no such api", "data": {}})

    def _recharge(self, fields: dict[str, str]) -> dict[str, Any]:
        order_no = fields.get("out_trade_num", "")
        if order_no in self.orders:
            return {"errno": 1005, "errmsg": "订单号重复", "data": {}}
        amount = round(float(fields["amount"]) * 100)
        if amount > self.balance:
            return {"errno": 1004, "errmsg": "余额不足", "data": {}}
        state, charged = self.outcome(fields)
        order = {"order_number": f"AG{len(self.orders) + 1:08d}", "out_trade_num": order_no, "amount": amount,
                 "state": state, "charged": charged if charged is not None else (amount if state == 1 else 0),
                 "notify_url": fields.get("notify_url", ""), "account": fields.get("account", "")}
        self.orders[order_no] = order
        if state in (0, 1, 3):  # money taken (a partly successful order only what went through)
            self.balance -= order["charged"] if state == 3 else amount
            self.charges += 1
        return {"errno": 0, "errmsg": "", "data": self._public(order)}

    def settle(self, order_no: str, state: int, charged: int | None = None) -> None:
        """The order ends (a 充值中 one succeeds, fails, is cancelled or partly succeeds)."""
        with self.lock:
            order = self.orders[order_no]
            order["state"] = state
            order["charged"] = charged if charged is not None else (order["amount"] if state == 1 else 0)
            if state in (-1, 2):
                self.balance += order["amount"]
            elif state == 3:
                self.balance += order["amount"] - order["charged"]

    def callback(self, order_no: str, *, key: str | None = None, url: str | None = None) -> tuple[int, str]:
        """Post the order's result to its notify URL, signed (with `key` to forge one); the
        hub's (status, answer)."""
        order = self.orders[order_no]
        fields = {"userid": self.merchant, "order_number": order["order_number"], "out_trade_num": order_no,
                  "otime": str(int(time.time())), "state": str(order["state"]),
                  "amount": f"{order['amount'] / 100:.2f}", "charge_amount": f"{order['charged'] / 100:.2f}",
                  "remark": ""}
        fields["sign"] = aggregator_sign(fields, key or self.key)
        request = urllib.request.Request(url or order["notify_url"], data=urlencode(fields).encode(),
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    @staticmethod
    def _public(order: dict[str, Any]) -> dict[str, Any]:
        return {"order_number": order["order_number"], "out_trade_num": order["out_trade_num"],
                "amount": f"{order['amount'] / 100:.2f}", "charge_amount": f"{order['charged'] / 100:.2f}",
                "state": order["state"], "otime": int(time.time()), "remark": ""}
