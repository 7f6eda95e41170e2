"""The Alibaba Cloud and Tencent Cloud SMS senders against local fakes that check the request
signature as each provider documents it, answer with the providers' codes, and can be slow."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from sync.hub.gateway_config import AliyunConfig, Secret, TencentConfig
from sync.hub.senders.aliyun import AliyunSms
from sync.hub.senders.tencent import TencentSms
from sync.hub.sms_gateway import (
    FAILED,
    SENT,
    SentSms,
    SmsConfigError,
    SmsMessage,
    SmsUnavailable,
    SmsUnsure,
)

from .fakes import FakeAliyun, FakeTencent

TEMPLATES = {"arrival": "SMS_4601", "reminder": "SMS_4602", "new_code": "SMS_4603"}
PARAMS = {"station": "幸福村电商服务站", "carrier": "顺丰", "code": "1-2-0305", "hours": "08:00-20:00", "phone": "", "days": "0"}


def message(notice_id: str = "N-1") -> SmsMessage:
    return SmsMessage(notice_id, "13812345678", "幸福村电商服务站：您的顺丰快递已到站，取件码 1-2-0305。营业 08:00-20:00",
                      "县电商服务中心", "arrival", PARAMS)


@pytest.fixture
def aliyun():
    fake = FakeAliyun("LTAI5tTEST", "s3cret+/*~ key")
    yield fake
    fake.close()


def aliyun_sender(fake: FakeAliyun, secret: str | None = None, timeout: float = 5.0) -> AliyunSms:
    config = AliyunConfig("LTAI5tTEST", Secret(secret or fake.secret, "test"), TEMPLATES, fake.url, timeout=timeout)
    return AliyunSms(config, "县电商服务中心")


def test_aliyun_sends_a_signed_sendsms_with_the_county_template_and_the_notice_id(aliyun):
    result = aliyun_sender(aliyun).send(message())
    assert result.status == SENT and result.gateway_ref == "000001^0" and result.parts == 1
    [sent] = aliyun.sent
    assert (sent["Action"], sent["SignName"], sent["TemplateCode"], sent["OutId"]) == \
           ("SendSms", "县电商服务中心", "SMS_4601", "N-1")
    assert json.loads(sent["TemplateParam"])["code"] == "1-2-0305"


def test_aliyun_with_a_wrong_secret_is_refused_by_the_signature_check_and_the_county_must_fix_it(aliyun):
    with pytest.raises(SmsConfigError, match="SignatureDoesNotMatch"):
        aliyun_sender(aliyun, secret="another secret").send(message())
    assert aliyun.sent == []


@pytest.mark.parametrize(("code", "outcome"), [("isv.BUSINESS_LIMIT_CONTROL", SmsUnavailable),
                                               ("isv.AMOUNT_NOT_ENOUGH", SmsConfigError),
                                               ("isv.MOBILE_NUMBER_ILLEGAL", FAILED)])
def test_aliyun_error_codes_mean_retry_fix_config_or_give_up(aliyun, code, outcome):
    aliyun.code = code
    sender = aliyun_sender(aliyun)
    if outcome == FAILED:
        result = sender.send(message())
        assert result.status == FAILED and code in result.detail
    else:
        with pytest.raises(outcome):
            sender.send(message())


def test_aliyun_an_answer_that_comes_too_late_is_unsure_and_the_query_finds_it_sent_and_delivered(aliyun):
    aliyun.delay = 1.5
    sender = aliyun_sender(aliyun, timeout=1.0)
    with pytest.raises(SmsUnsure):
        sender.send(message("N-late"))
    assert len(aliyun.sent) == 1  # the provider took it
    aliyun.delay = 0
    found = sender.query(message("N-late"), datetime.now(UTC))
    assert found is not None and found.status == SENT and found.delivered is True
    assert sender.query(message("N-never"), datetime.now(UTC)) is None  # never taken: may be sent
    [receipt] = sender.deliveries([SentSms("N-late", "13812345678", found.gateway_ref, datetime.now(UTC))])
    assert receipt.delivered is True


def test_aliyun_not_reached_is_unavailable_nothing_sent(aliyun):
    aliyun.close()
    with pytest.raises(SmsUnavailable):
        aliyun_sender(aliyun, timeout=1.0).send(message())


@pytest.fixture
def tencent():
    fake = FakeTencent("AKIDtest", "tencent-key")
    yield fake
    fake.close()


def tencent_sender(fake: FakeTencent, key: str | None = None, timeout: float = 5.0) -> TencentSms:
    config = TencentConfig("AKIDtest", Secret(key or fake.secret_key, "test"), "1400006666", TEMPLATES, fake.url,
                           timeout=timeout)
    return TencentSms(config, "县电商服务中心")


def test_tencent_sends_a_tc3_signed_sendsms_with_the_template_params_in_order(tencent):
    result = tencent_sender(tencent).send(message())
    assert result.status == SENT and result.gateway_ref == "2433:1" and result.parts >= 1
    [sent] = tencent.sent
    assert sent["PhoneNumberSet"] == ["+8613812345678"] and sent["TemplateId"] == "SMS_4601"
    assert sent["TemplateParamSet"][:3] == ["幸福村电商服务站", "顺丰", "1-2-0305"]
    assert sent["SessionContext"] == "N-1" and sent["SignName"] == "县电商服务中心"


def test_tencent_with_a_wrong_key_fails_the_signature_and_the_county_must_fix_it(tencent):
    with pytest.raises(SmsConfigError, match=r"AuthFailure\.SignatureFailure"):
        tencent_sender(tencent, key="wrong").send(message())
    assert tencent.sent == []


@pytest.mark.parametrize(("error", "outcome"), [("LimitExceeded.PhoneNumberThirtySecondLimit", SmsUnavailable),
                                                ("FailedOperation.InsufficientBalanceInSmsPackage", SmsConfigError),
                                                ("InternalError.Timeout", SmsUnsure)])
def test_tencent_error_codes(tencent, error, outcome):
    tencent.error = error
    with pytest.raises(outcome):
        tencent_sender(tencent).send(message())


def test_tencent_a_refused_number_fails_for_good(tencent):
    tencent.status_code = "InvalidParameterValue.IncorrectPhoneNumber"
    result = tencent_sender(tencent).send(message())
    assert result.status == FAILED and "IncorrectPhoneNumber" in result.detail


def test_tencent_an_answer_too_late_is_unsure_and_receipts_come_back(tencent):
    tencent.delay = 1.5
    sender = tencent_sender(tencent, timeout=1.0)
    with pytest.raises(SmsUnsure):
        sender.send(message("N-late"))
    tencent.delay = 0
    receipts = sender.deliveries([SentSms("N-late", "13812345678", "", datetime.now(UTC))])
    assert [(r.notice_id, r.delivered) for r in receipts] == [("N-late", True)]
