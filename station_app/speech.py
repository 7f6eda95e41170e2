"""Spoken prompts for elderly villagers who read poorly (老人模式): the program says the pickup
code, the amount due and the change aloud, in Mandarin.

Voices: Windows' own speech voices (SAPI 5, through pywin32 or comtypes; the Chinese voice of a
Chinese Windows, 慧慧/Huihui) where there are any, else espeak-ng (`espeak-ng -v cmn`, the
Debian/Ubuntu package of that name). Without either the program simply stays silent.

Speaking never blocks the operator: `Speaker.say` queues the words for a worker thread and
returns at once; a prompt that is still waiting when a newer one comes is dropped (the counter
has moved on). Whether a station speaks is its own setting (`speech.enabled`), which the UI
checks before it calls `say`.

The phrases are built here from digits and fen (`pickup_phrase`, `due_phrase`, `change_phrase`),
with numbers written out as Chinese words so every voice reads them the same way; `render`
writes a phrase to a WAV file (the tests listen to it by its loudness).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

DIGITS = "零一二三四五六七八九"
ESPEAK_VOICE = "cmn"  # Mandarin
ESPEAK_SPEED = 140  # words a minute: slower than espeak's 175, for older ears
TIMEOUT_S = 30


# -- the words --------------------------------------------------------------------------------------


def _under_10000(n: int) -> str:
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and out:
                out += "零"
            out += DIGITS[digit] + unit
            zero = False
        else:
            zero = True
    return out


def number_words(n: int) -> str:
    """A whole number as Mandarin words: 12 -> 十二, 105 -> 一百零五, 20008 -> 两万零八."""
    if n < 0:
        return "负" + number_words(-n)
    if n == 0:
        return "零"
    groups = []  # four digits each, lowest first
    while n:
        groups.append(n % 10_000)
        n //= 10_000
    out, gap = "", False
    for i in reversed(range(len(groups))):
        g = groups[i]
        if g == 0:
            gap = bool(out)
            continue
        if out and (g < 1000 or gap):
            out += "零"
        out += _under_10000(g) + ("", "万", "亿", "万亿")[i]
        gap = False
    if out.startswith("一十"):
        out = out[1:]
    if len(out) > 1 and out[0] == "二" and out[1] in "千万亿":
        out = "两" + out[1:]
    return out


def yuan_words(fen: int) -> str:
    """Money as said at a counter: 1250 -> 十二元五角, 1205 -> 十二元零五分, 50 -> 五角."""
    fen = abs(int(fen))
    yuan, jiao, cents = fen // 100, fen // 10 % 10, fen % 10
    text = number_words(yuan) + "元" if yuan else ""
    if jiao:
        text += DIGITS[jiao] + "角"
    if cents:
        text += ("零" if yuan and not jiao else "") + DIGITS[cents] + "分"
    return text or "零元"


def code_words(code: str) -> str:
    """A code read one character at a time: 3-5-6075 -> 三 杠 五 杠 六 零 七 五 (letters as they are)."""
    out = []
    for ch in code.strip():
        if ch.isdigit():
            out.append(DIGITS[int(ch)])
        elif ch == "-":
            out.append("杠")
        elif ch.isalnum():
            out.append(ch.upper())
    return " ".join(out)


def pickup_phrase(codes: Iterable[str]) -> str:
    """The pickup codes of the parcels being handed over, and how many."""
    codes = [c for c in codes if c]
    if not codes:
        return ""
    said = "，".join(code_words(c) for c in codes[:3])
    n = len(codes)
    more = f"，共{'两' if n == 2 else number_words(n)}件" if n > 1 else ""
    return f"取件码 {said}{more}"


def due_phrase(fen: int) -> str:
    return f"应付{yuan_words(fen)}"


def change_phrase(paid_fen: int, change_fen: int) -> str:
    if change_fen <= 0:
        return f"收您{yuan_words(paid_fen)}"
    return f"收您{yuan_words(paid_fen)}，找您{yuan_words(change_fen)}"


def paid_out_phrase(fen: int) -> str:
    """The cash point: what the villager is handed."""
    return f"取款{yuan_words(fen)}，请点清"


# -- the voices ------------------------------------------------------------------------------------------


class Voice(Protocol):
    name: str

    def speak(self, text: str) -> None: ...

    def render(self, text: str, path: Path) -> None: ...


class EspeakVoice:
    """espeak-ng's Mandarin voice, run as a program (one process a phrase)."""

    def __init__(self, program: str) -> None:
        self.program = program
        self.name = f"espeak-ng ({ESPEAK_VOICE})"

    def _run(self, text: str, *extra: str) -> None:
        subprocess.run([self.program, "-v", ESPEAK_VOICE, "-s", str(ESPEAK_SPEED), *extra, "--", text],
                       check=True, timeout=TIMEOUT_S, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def speak(self, text: str) -> None:
        self._run(text)

    def render(self, text: str, path: Path) -> None:
        self._run(text, "-w", str(path))


class SapiVoice:
    """A Windows speech voice (SAPI 5): the Chinese one when Windows has it."""

    SSFM_CREATE_FOR_WRITE = 3

    def __init__(self, dispatch: Any) -> None:
        self._dispatch = dispatch
        self.voice = dispatch("SAPI.SpVoice")
        chinese = self.voice.GetVoices("Language=804")  # 0x804: zh-CN
        if chinese.Count:
            self.voice.Voice = chinese.Item(0)
        self.name = f"SAPI ({self.voice.Voice.GetDescription()})"
        self.voice.Rate = -2  # a little slower than normal

    def speak(self, text: str) -> None:
        self.voice.Speak(text, 0)

    def render(self, text: str, path: Path) -> None:
        stream = self._dispatch("SAPI.SpFileStream")
        stream.Open(str(path), self.SSFM_CREATE_FOR_WRITE)
        before = self.voice.AudioOutputStream
        self.voice.AudioOutputStream = stream
        try:
            self.voice.Speak(text, 0)
        finally:
            stream.Close()
            self.voice.AudioOutputStream = before


def _sapi_dispatch() -> Any | None:
    try:
        import win32com.client

        return win32com.client.Dispatch
    except ImportError:
        pass
    try:
        import comtypes.client

        return comtypes.client.CreateObject
    except ImportError:
        return None


def _com_start() -> None:
    if sys.platform == "win32":
        try:
            import pythoncom

            pythoncom.CoInitialize()
        except ImportError:
            try:
                import comtypes

                comtypes.CoInitialize()
            except ImportError:
                pass


def find_voice(platform: str = sys.platform) -> Voice | None:
    """The voice this PC has: a Windows speech voice, else espeak-ng, else None. Call it on the
    thread that will speak (SAPI is a COM object of its thread)."""
    if platform == "win32":
        dispatch = _sapi_dispatch()
        if dispatch is not None:
            try:
                return SapiVoice(dispatch)
            except Exception:  # no speech on this Windows (a stripped-down image): try espeak-ng
                log.warning("no Windows speech voice", exc_info=True)
    program = shutil.which("espeak-ng") or shutil.which("espeak")
    return EspeakVoice(program) if program else None


def render(text: str, path: Path | str, voice: Voice | None = None) -> Path:
    """Speak `text` into a WAV file (for tests and for trying a voice). Raises RuntimeError when
    this PC has no voice."""
    voice = voice or find_voice()
    if voice is None:
        raise RuntimeError("no speech voice on this PC (Windows speech, or espeak-ng)")
    target = Path(path)
    voice.render(text, target)
    return target


# -- the speaker ---------------------------------------------------------------------------------------


class Speaker:
    """Says prompts on a worker thread, newest first; `say` never waits."""

    def __init__(self, voice_finder: Any = find_voice) -> None:
        self._find = voice_finder
        self._queue: queue.Queue[str | None] = queue.Queue(maxsize=2)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.voice_name: str | None = None
        self.spoken: list[str] = []  # what was said, for the screen's record and tests
        self.done = threading.Event()  # set after each phrase (tests wait on it, the GUI never does)

    def say(self, text: str) -> None:
        """Queue `text`; when the queue is full the oldest waiting prompt is dropped."""
        if not text:
            return
        self._start()
        while True:
            try:
                self._queue.put_nowait(text)
                return
            except queue.Full:
                with contextlib.suppress(queue.Empty):
                    self._queue.get_nowait()

    def stop(self, wait_s: float = 2.0) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            with contextlib.suppress(queue.Full):
                self._queue.put_nowait(None)
            thread.join(wait_s)

    def _start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        _com_start()
        try:
            voice = self._find()
        except Exception:
            log.exception("no speech voice")
            voice = None
        self.voice_name = voice.name if voice else None
        while True:
            text = self._queue.get()
            if text is None:
                return
            try:
                if voice is not None:
                    voice.speak(text)
                self.spoken.append(text)
            except Exception:  # a voice that fails must never reach the counter
                log.warning("speaking %r failed", text, exc_info=True)
            finally:
                self.done.set()
