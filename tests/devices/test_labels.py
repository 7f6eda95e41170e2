"""The station's own QR payloads (station_app/core/labels.py; kept here with the scanner tests)."""

import pytest

from station_app.core import labels
from station_app.errors import ValidationError

PERSON_ID = "0190a5a4-7c2e-7d41-9b0e-3f1c2d4e5f60"


def test_payloads_round_trip():
    for text, kind, value in [
        (labels.format_person(PERSON_ID), labels.PERSON, PERSON_ID),
        (labels.format_session(PERSON_ID.upper()), labels.SESSION, PERSON_ID),
        (labels.format_trace("ab12cd34"), labels.TRACE, "AB12CD34"),
        (labels.format_order("PO-2026-0042"), labels.ORDER, "PO-2026-0042"),
    ]:
        label = labels.parse_label(text)
        assert (label.kind, label.value) == (kind, value)
        assert label.payload == text
    assert labels.format_person(PERSON_ID) == "VS1:P:" + PERSON_ID


def test_trace_urls():
    url = labels.trace_url("https://hub.example.cn/", "ab12cd34")
    assert url == "https://hub.example.cn/t/AB12CD34"
    label = labels.parse_label(url)
    assert (label.kind, label.value, label.host) == (labels.TRACE, "AB12CD34", "hub.example.cn")
    assert label.payload == "VS1:T:AB12CD34"
    assert labels.parse_label("http://10.0.0.5:8080/t/AB12CD34/").host == "10.0.0.5:8080"
    with pytest.raises(ValidationError):
        labels.trace_url("hub.example.cn", "AB12CD34")


def test_caps_lock_on_the_scanner_is_forgiven():
    assert labels.parse_label("vs1:p:" + PERSON_ID.upper()).value == PERSON_ID
    assert labels.parse_label("vs1:t:ab12cd34").value == "AB12CD34"


@pytest.mark.parametrize("text, message", [
    ("VS2:P:" + PERSON_ID, "VS2"),
    ("VS1:X:whatever", "X"),
    ("VS1:P:not-a-uuid", "not-a-uuid"),
    ("VS1:T:AB", "AB"),
    ("hello", ""),
])
def test_bad_labels_say_why(text, message):
    with pytest.raises(ValidationError) as err:
        labels.parse_label(text)
    assert message in str(err.value)


def test_an_unknown_version_is_explained_in_chinese_and_english():
    with pytest.raises(ValidationError) as err:
        labels.parse_label("VS2:P:" + PERSON_ID)
    assert "version" in err.value.message("en")


def test_looks_like_label():
    assert labels.looks_like_label("VS1:T:AB12CD34")
    assert labels.looks_like_label("https://hub.example.cn/t/AB12CD34")
    assert not labels.looks_like_label("SF1234567890123")
