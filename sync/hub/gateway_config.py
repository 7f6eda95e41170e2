"""The hub's gateways as the county configures them: one TOML file (`serve --gateways FILE`, or
$STATION_HUB_GATEWAYS) naming the SMS provider and the biller aggregator, with the keys read
from files or the environment — never from the gateways file itself, never logged, never
stored in the database (docs/GATEWAYS.md).

    [sms]
    provider = "aliyun"                      # aliyun | tencent | modem
    [sms.aliyun]
    access_key_id = "LTAI5t…"
    access_key_secret_file = "/etc/village-hub/aliyun.secret"     # or access_key_secret_env = "NAME"
    templates = { arrival = "SMS_4601", reminder = "SMS_4602", new_code = "SMS_4603" }

    [biller]
    provider = "aggregator"
    url = "https://api.recharge.example.cn"
    merchant_id = "10086"
    key_file = "/etc/village-hub/biller.key"                      # or key_env = "NAME"
    notify_url = "https://hub.county.example.cn/v1/billers/notify"

Without such a file `station-hub serve` refuses to start (`MissingGateways`, in Chinese and
English), unless `--demo`: then the logging SMS sender and the simulated biller run, and
everything they touch says 演示.
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV = "STATION_HUB_GATEWAYS"
SMS_PROVIDERS = ("aliyun", "tencent", "modem")
BILLER_PROVIDERS = ("aggregator",)
NOTICE_KINDS = ("arrival", "reminder", "new_code")

NOT_CONFIGURED = (
    "station-hub: 没有配置真实的短信和缴费通道，县中心不启动。\n"
    "  请写一个通道配置文件（docs/GATEWAYS.md），用 --gateways 文件 或环境变量 STATION_HUB_GATEWAYS 指定：\n"
    "    [sms]    短信：阿里云（aliyun）、腾讯云（tencent）或短信猫（modem）\n"
    "    [biller] 缴费：聚合充值平台（aggregator）的地址、商户号和密钥\n"
    "  只是演示或培训，请加 --demo：短信不会真正发出，缴费不会真正支付，所有回执和页面都标明“演示”。\n"
    "station-hub: no real SMS and biller gateways are configured, so the county hub does not start.\n"
    "  Write a gateways file (docs/GATEWAYS.md) and give it with --gateways FILE or $STATION_HUB_GATEWAYS:\n"
    "    [sms]    SMS: Alibaba Cloud (aliyun), Tencent Cloud (tencent) or a GSM modem (modem)\n"
    "    [biller] bills: the recharge aggregator's URL, merchant id and key\n"
    "  For a demo or training, add --demo: no SMS is really sent, no bill really paid, and every receipt\n"
    "  and page says 演示 (demo)."
)


class GatewayConfigError(ValueError):
    """The gateways file cannot be used; the message says what to fix (Chinese, then English)."""


class MissingGateways(GatewayConfigError):
    """No gateways configured and not a demo."""

    def __init__(self) -> None:
        super().__init__(NOT_CONFIGURED)


class Secret:
    """A key read from a file or the environment. Its text comes out only through `reveal()`:
    printing, logging or formatting it shows where it came from, never what it is."""

    __slots__ = ("_value", "source")

    def __init__(self, value: str, source: str) -> None:
        self._value, self.source = value, source

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret(from {self.source})"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)


@dataclass(frozen=True)
class AliyunConfig:
    access_key_id: str
    access_key_secret: Secret
    templates: dict[str, str]
    endpoint: str = "https://dysmsapi.aliyuncs.com/"
    region: str = "cn-hangzhou"
    timeout: float = 10.0
    concurrency: int | None = None  # requests at once; None: the sender's own (`gateway_pool`)


@dataclass(frozen=True)
class TencentConfig:
    secret_id: str
    secret_key: Secret
    sdk_app_id: str
    templates: dict[str, str]
    endpoint: str = "https://sms.tencentcloudapi.com/"
    region: str = "ap-guangzhou"
    timeout: float = 10.0
    concurrency: int | None = None


@dataclass(frozen=True)
class ModemConfig:
    port: str
    baud: int = 115200


@dataclass(frozen=True)
class AggregatorConfig:
    url: str
    merchant_id: str
    key: Secret
    notify_url: str
    sign: str = "md5"  # md5 | sha256
    timeout: float = 15.0
    products: dict[str, str] = field(default_factory=dict)  # our product id -> the aggregator's (default: the same)
    concurrency: int | None = None


@dataclass(frozen=True)
class Gateways:
    """What `serve` runs. `demo`: the logging SMS sender and the simulated biller."""

    demo: bool
    sms: AliyunConfig | TencentConfig | ModemConfig | None = None
    biller: AggregatorConfig | None = None
    source: str = ""

    @property
    def sms_name(self) -> str:
        return "log" if self.sms is None else {AliyunConfig: "aliyun", TencentConfig: "tencent",
                                               ModemConfig: "modem"}[type(self.sms)]

    @property
    def biller_name(self) -> str:
        return "simulated" if self.biller is None else "aggregator"


DEMO = Gateways(demo=True, source="--demo")


def for_serve(path: Path | None, demo: bool) -> Gateways:
    """The gateways `serve` runs: the file given (or $STATION_HUB_GATEWAYS), the demo ones with
    `demo`. Raises MissingGateways (neither), GatewayConfigError (a file that cannot be used)."""
    if path is None and os.environ.get(ENV):
        path = Path(os.environ[ENV])
    if demo:
        if path is not None:
            raise GatewayConfigError("station-hub: --demo 与通道配置文件不能同时使用 / --demo and a gateways file "
                                     "do not go together: a hub is either real or a demo")
        return DEMO
    if path is None:
        raise MissingGateways()
    return load(path)


def load(path: Path) -> Gateways:
    """Read a gateways file. Raises GatewayConfigError naming what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GatewayConfigError(f"station-hub: 读不了通道配置文件 / cannot read the gateways file {path}: "
                                 f"{exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise GatewayConfigError(f"station-hub: 通道配置文件格式不对 / the gateways file {path} is not TOML: {exc}") from None
    base = path.parent
    missing = [name for name in ("sms", "biller") if not isinstance(data.get(name), dict)]
    if missing:
        raise GatewayConfigError(NOT_CONFIGURED + f"\n  ({path}: 缺少 / missing [{'] ['.join(missing)}])")
    return Gateways(demo=False, sms=_sms(data["sms"], base), biller=_biller(data["biller"], base), source=str(path))


# -- inside -------------------------------------------------------------------------------------


def _sms(table: dict[str, Any], base: Path) -> AliyunConfig | TencentConfig | ModemConfig:
    provider = table.get("provider")
    if provider not in SMS_PROVIDERS:
        raise _bad("sms.provider", f"应为 / must be one of {', '.join(SMS_PROVIDERS)}")
    section = table.get(provider)
    if not isinstance(section, dict):
        raise _bad(f"sms.{provider}", "缺少这一节 / section missing")
    where = f"sms.{provider}"
    if provider == "aliyun":
        return AliyunConfig(_text(section, "access_key_id", where), read_secret(section, "access_key_secret", where, base),
                            _templates(section, where), _url(section, "endpoint", where, AliyunConfig.endpoint),
                            str(section.get("region", AliyunConfig.region)), _seconds(section, where, 10.0),
                            _at_once(section, where))
    if provider == "tencent":
        return TencentConfig(_text(section, "secret_id", where), read_secret(section, "secret_key", where, base),
                             _text(section, "sdk_app_id", where), _templates(section, where),
                             _url(section, "endpoint", where, TencentConfig.endpoint),
                             str(section.get("region", TencentConfig.region)), _seconds(section, where, 10.0),
                             _at_once(section, where))
    baud = section.get("baud", 115200)
    if not isinstance(baud, int) or baud <= 0:
        raise _bad(f"{where}.baud", "应为正整数 / must be a positive whole number")
    return ModemConfig(_text(section, "port", where), baud)


def _biller(table: dict[str, Any], base: Path) -> AggregatorConfig:
    provider = table.get("provider", "aggregator")
    if provider not in BILLER_PROVIDERS:
        raise _bad("biller.provider", f"应为 / must be one of {', '.join(BILLER_PROVIDERS)}")
    sign = table.get("sign", "md5")
    if sign not in ("md5", "sha256"):
        raise _bad("biller.sign", "应为 md5 或 sha256 / must be md5 or sha256")
    products = table.get("products", {})
    if not isinstance(products, dict) or not all(isinstance(v, str) for v in products.values()):
        raise _bad("biller.products", "应为 我们的产品号 = \"平台产品号\" / must map our product ids to theirs")
    return AggregatorConfig(_url(table, "url", "biller"), _text(table, "merchant_id", "biller"),
                            read_secret(table, "key", "biller", base), _url(table, "notify_url", "biller"),
                            sign, _seconds(table, "biller", 15.0), dict(products), _at_once(table, "biller"))


def read_secret(table: dict[str, Any], key: str, where: str, base: Path) -> Secret:
    """The secret `key` of a section: from `{key}_file` (a file only the hub's user may read)
    or `{key}_env` (an environment variable). A secret written in the gateways file itself is
    refused: that file is read by more people and tools than a key should be."""
    if key in table:
        raise _bad(f"{where}.{key}", f"密钥不能直接写在配置文件里，请用 {key}_file 或 {key}_env / a key is never written "
                                     f"in the gateways file: use {key}_file or {key}_env")
    if f"{key}_file" in table:
        path = Path(str(table[f"{key}_file"]))
        path = path if path.is_absolute() else base / path
        try:
            mode = path.stat().st_mode
            value = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise _bad(f"{where}.{key}_file", f"读不了 / cannot read {path}: {exc.strerror or exc}") from None
        if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise _bad(f"{where}.{key}_file", f"{path} 别人也能读，请 chmod 600 / others may read {path}: chmod 600 it")
        source = f"file {path}"
    elif f"{key}_env" in table:
        name = str(table[f"{key}_env"])
        value = os.environ.get(name, "").strip()
        source = f"${name}"
    else:
        raise _bad(f"{where}.{key}_file", f"缺少密钥：请给 {key}_file 或 {key}_env / the key is missing: give "
                                          f"{key}_file or {key}_env")
    if not value:
        raise _bad(f"{where}.{key}", f"密钥是空的（{source}）/ the key from {source} is empty")
    return Secret(value, source)


def _templates(section: dict[str, Any], where: str) -> dict[str, str]:
    templates = section.get("templates")
    if not isinstance(templates, dict):
        raise _bad(f"{where}.templates", "缺少短信模板 / the SMS templates are missing")
    missing = [k for k in NOTICE_KINDS if not str(templates.get(k) or "").strip()]
    if missing:
        raise _bad(f"{where}.templates", f"缺少模板 / templates missing: {', '.join(missing)}")
    return {k: str(templates[k]).strip() for k in NOTICE_KINDS}


def _text(section: dict[str, Any], key: str, where: str) -> str:
    value = section.get(key)
    if not isinstance(value, str | int) or not str(value).strip():
        raise _bad(f"{where}.{key}", "缺少 / missing")
    return str(value).strip()


def _url(section: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = str(section.get(key) or default or "").strip()
    if not value.startswith(("https://", "http://")):
        raise _bad(f"{where}.{key}", "应为 http(s):// 地址 / must be an http(s):// address")
    return value


def _seconds(section: dict[str, Any], where: str, default: float) -> float:
    value = section.get("timeout", default)
    if not isinstance(value, int | float) or not 1 <= value <= 120:
        raise _bad(f"{where}.timeout", "应为 1 到 120 秒 / must be 1 to 120 seconds")
    return float(value)


def _at_once(section: dict[str, Any], where: str) -> int | None:
    """`concurrency`: how many requests the provider takes at once from this county (its QPS
    limit for the account); absent: the sender's own width."""
    value = section.get("concurrency")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 200:
        raise _bad(f"{where}.concurrency", "应为 1 到 200 的整数 / must be a whole number from 1 to 200")
    return value


def _bad(key: str, why: str) -> GatewayConfigError:
    return GatewayConfigError(f"station-hub: 通道配置 {key}：{why}")
