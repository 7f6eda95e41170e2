"""Spoken prompts: the words (numbers and codes as Mandarin words), a phrase rendered to a WAV
file by this PC's voice and heard to be speech (not silence), and a speaker that never makes
the caller wait."""

from __future__ import annotations

import array
import shutil
import threading
import time
import wave

import pytest

from station_app import speech
from tests.ci import missing


@pytest.mark.parametrize(("n", "words"), [(0, "零"), (10, "十"), (12, "十二"), (105, "一百零五"), (110, "一百一十"),
                                          (2000, "两千"), (1005, "一千零五"), (20008, "两万零八"),
                                          (123456, "十二万三千四百五十六")])
def test_numbers(n, words):
    assert speech.number_words(n) == words


def test_money_codes_and_phrases():
    assert [speech.yuan_words(f) for f in (1250, 1205, 50, 100_000, 1_010)] == \
        ["十二元五角", "十二元零五分", "五角", "一千元", "十元一角"]
    assert speech.code_words("3-5-6075") == "三 杠 五 杠 六 零 七 五"
    assert speech.pickup_phrase(["3-5-6075", "12-1-0042"]) == "取件码 三 杠 五 杠 六 零 七 五，一 二 杠 一 杠 零 零 四 二，共两件"
    assert speech.due_phrase(3_500) == "应付三十五元"
    assert speech.change_phrase(10_000, 6_500) == "收您一百元，找您六十五元"
    assert speech.change_phrase(3_500, 0) == "收您三十五元"
    assert speech.paid_out_phrase(50_000) == "取款五百元，请点清"


def loudness(path) -> tuple[float, float]:
    """(seconds, RMS of the samples) of a 16-bit mono WAV."""
    with wave.open(str(path)) as w:
        assert w.getsampwidth() == 2
        frames = w.readframes(w.getnframes())
        seconds = w.getnframes() / w.getframerate()
    samples = array.array("h", frames)
    rms = (sum(s * s for s in samples) / max(1, len(samples))) ** 0.5
    return seconds, rms


def test_a_prompt_rendered_to_a_wav_is_speech(tmp_path):
    if not shutil.which("espeak-ng"):
        missing("espeak-ng is not installed (make setup installs it)")
    voice = speech.find_voice(platform="linux")
    assert voice is not None and "espeak-ng" in voice.name
    path = speech.render(speech.pickup_phrase(["3-5-6075"]) + "，" + speech.change_phrase(10_000, 1_250),
                         tmp_path / "prompt.wav", voice)
    seconds, rms = loudness(path)
    assert seconds > 2.0, "a pickup code and the change take seconds to say"
    assert rms > 300, f"the file is (nearly) silent: RMS {rms:.0f}"
    quiet = speech.render("", tmp_path / "nothing.wav", voice)
    assert loudness(quiet)[1] < rms / 10, "the loudness check can tell silence from speech"


class SlowVoice:
    name = "slow"

    def __init__(self) -> None:
        self.said: list[str] = []
        self.release = threading.Event()

    def speak(self, text: str) -> None:
        self.release.wait(5)
        self.said.append(text)

    def render(self, text, path) -> None:  # pragma: no cover - not used
        raise NotImplementedError


def test_saying_never_waits_and_old_prompts_give_way():
    voice = SlowVoice()
    speaker = speech.Speaker(lambda: voice)
    for i in range(6):
        speaker.say(f"第{i}句")  # would hang here if saying waited for the voice
    assert voice.said == [], "every say() came back while the voice was still busy with the first"
    voice.release.set()
    for _ in range(50):
        if voice.said and voice.said[-1] == "第5句":
            break
        time.sleep(0.05)
    speaker.stop()
    assert voice.said[-1] == "第5句" and len(voice.said) <= 3, voice.said


def test_no_voice_is_silence_not_an_error():
    speaker = speech.Speaker(lambda: None)
    speaker.say("取件码 一")
    assert speaker.done.wait(5)
    speaker.stop()
    assert speaker.voice_name is None and speaker.spoken == ["取件码 一"]
