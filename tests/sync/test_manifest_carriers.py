"""The hub reads a county list's carrier column with the station's own carrier names
(`core.carriers.TRADE_NAMES`): every carrier a station knows — 德邦 too — is known to the hub."""

import pytest

from station_app.core.carriers import CARRIERS, TRADE_NAMES
from sync.hub.manifest import carrier_code, read_manifest


def test_every_station_carrier_has_names_the_hub_reads_back_to_it():
    assert set(TRADE_NAMES) == set(CARRIERS)
    for code, names in TRADE_NAMES.items():
        assert names, code
        for name in names:
            assert carrier_code(name) == code, name
            assert carrier_code(f" {name.lower()} ") == code, name


@pytest.mark.parametrize(("written", "code"), [
    ("德邦快递", "DEPPON"), ("德邦物流股份有限公司", "DEPPON"), ("百世汇通", "BEST"), ("中国邮政EMS", "POST"),
    ("顺丰速运", "SF"), ("ＳＦ", "SF"), ("J&T 极兔速递", "JT"), ("deppon", "DEPPON"),
    ("TRANSFER", ""), ("某某物流", ""), ("", ""),
])
def test_what_lists_write_for_a_carrier(written, code):
    assert carrier_code(written) == code


def test_a_deppon_row_of_a_dispatch_list_keeps_its_carrier():
    data = ("运单号,快递公司,收件人,手机号,目的村,发出时间\n"
            "DPK364112047425,德邦快递,王建国,13812345678,青山村,2026-11-23 08:30\n").encode("gbk")
    rows, refused = read_manifest(data)
    assert refused == [] and [r.carrier for r in rows] == ["DEPPON"]
