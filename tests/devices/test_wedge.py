"""The wedge burst detector, driven by an explicit clock: scans, typing, and bad bursts."""

from station_app.devices.wedge import (
    CONTROL_ONLY,
    TOO_LONG,
    BurstDetector,
    Step,
    WedgeSettings,
    strip_control_chars,
)


def feed(det, keys, gap_ms, t=0.0):
    """Feed keys `gap_ms` apart from time t; returns (outcomes, the time after the last key)."""
    out = []
    for ch in keys:
        out.append(det.feed(ch, t))
        t += gap_ms / 1000
    return out, t


def test_a_scanner_burst_ending_in_enter_is_a_scan():
    det = BurstDetector()
    out, _ = feed(det, "SF1234567890123\r", 8)
    assert out[0].step is Step.TYPE  # the first key is delivered at once: typing never waits
    assert all(o.step is Step.HOLD for o in out[1:-1])
    last = out[-1]
    assert last.step is Step.SCAN
    assert last.scan.code == "SF1234567890123"
    assert last.undo == 1
    assert last.scan.keystrokes == 15
    assert round(last.scan.ms_per_char) == 8
    assert round(last.scan.chars_per_second) == 125


def test_human_typing_is_never_held():
    det = BurstDetector()
    out, _ = feed(det, "SF1234567890123\r", 120)
    assert [o.step for o in out] == [Step.TYPE] * 16
    assert all(o.release == () for o in out)


def test_fast_human_typing_is_released_in_order():
    # rolled-over pairs 35 ms apart, then a pause: held keys come back before the next key
    det = BurstDetector()
    t = 0.0
    delivered = []
    for pair in ("li", "xi", "uy", "in", "g\r"):
        for ch in pair:
            o = det.feed(ch, t)
            delivered += list(o.release)
            if o.step is Step.TYPE:
                delivered.append(ch)
            t += 0.035
        t += 0.150
    assert "".join(delivered) == "lixiuying\r"


def test_six_fast_keys_but_too_slow_on_average_is_typing():
    det = BurstDetector()
    out, _ = feed(det, "123456\r", 45)  # every gap under 50 ms, mean over 30 ms
    assert out[-1].step is Step.TYPE
    assert out[-1].release == tuple("23456")


def test_too_short_a_burst_is_typing():
    det = BurstDetector()
    out, _ = feed(det, "12345\r", 5)
    assert out[-1].step is Step.TYPE
    assert out[-1].release == tuple("2345")


def test_enter_after_a_pause_is_just_enter():
    det = BurstDetector()
    _, t = feed(det, "SF1234567890123", 8)
    last = det.feed("\r", t + 0.5)
    assert last.step is Step.TYPE
    assert last.release == tuple("F1234567890123")  # the burst ended as typing (a scanner without Enter)


def test_two_scans_back_to_back():
    det = BurstDetector()
    out1, t = feed(det, "YT1234567890123\r", 8)
    out2, _ = feed(det, "JT0001234567890\r", 8, t)  # the second starts 8 ms after the first Enter
    assert out1[-1].scan.code == "YT1234567890123"
    assert out2[0].step is Step.TYPE
    assert out2[-1].scan.code == "JT0001234567890"


def test_a_2000_character_burst_is_rejected_without_keeping_it():
    det = BurstDetector(WedgeSettings(max_length=256))
    out, _ = feed(det, "A" * 2000 + "\r", 1)
    assert sum(o.step is Step.HOLD for o in out) == 1999
    last = out[-1]
    assert last.step is Step.REJECT and last.reason == TOO_LONG and last.keystrokes == 2000
    assert last.undo == 1
    assert len(det._chars) == 0 and len(det._held) == 0


def test_an_overlong_burst_without_enter_is_dropped_not_released():
    det = BurstDetector(WedgeSettings(max_length=100))
    feed(det, "7" * 500, 2)
    assert det.expire().release == ()


def test_control_characters_are_stripped():
    det = BurstDetector()
    out, _ = feed(det, "\x02SF1234\x1d567890123\x03\r", 8)
    assert out[-1].step is Step.SCAN
    assert out[-1].scan.code == "SF1234567890123"
    assert out[-1].scan.stripped == 3


def test_a_burst_of_only_control_characters_is_rejected():
    det = BurstDetector()
    out, _ = feed(det, "\x1b\x1b\x08\x08\x00\x00\x7f\r", 4)
    assert out[-1].step is Step.REJECT and out[-1].reason == CONTROL_ONLY


def test_prefix_and_suffix_are_stripped_and_the_suffix_ends_the_scan():
    det = BurstDetector(WedgeSettings(prefix="]C0", suffix="##"))
    out, _ = feed(det, "]C0773012345678901##", 8)
    assert out[-1].step is Step.SCAN
    assert out[-1].scan.code == "773012345678901"
    assert det.active is False


def test_tab_ends_a_scan_only_when_set_up():
    out, _ = feed(BurstDetector(WedgeSettings(tab_ends_scan=True)), "6901234567892\t", 8)
    assert out[-1].scan.code == "6901234567892"
    out, _ = feed(BurstDetector(), "6901234567892\t\r", 8)
    assert out[-1].scan.code == "6901234567892"  # a Tab inside a burst is a control character


def test_interrupt_and_expire_release_the_held_keys():
    det = BurstDetector()
    feed(det, "abc", 5)
    assert det.interrupt().release == ("b", "c")
    assert det.active is False
    feed(det, "xyz", 5)
    assert det.expire().release == ("y", "z")


def test_tokens_come_back_instead_of_characters():
    det = BurstDetector()
    det.feed("a", 0.0, token="event-a")
    det.feed("b", 0.005, token="event-b")
    assert det.interrupt().release == ("event-b",)


def test_a_clock_going_backwards_ends_the_burst():
    det = BurstDetector()
    feed(det, "abc", 5, t=10.0)
    o = det.feed("d", 9.0)
    assert o.step is Step.TYPE and o.release == ("b", "c")


def test_would_hold():
    det = BurstDetector()
    assert not det.would_hold(0.0)
    det.feed("a", 1.0)
    assert det.would_hold(1.02) and not det.would_hold(1.2)


def test_strip_control_chars():
    assert strip_control_chars("A\x00B\x7fC") == ("ABC", 2)
