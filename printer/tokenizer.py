"""Split an ESC/POS byte stream into commands and text, fed in pieces as they arrive.

Written for this project from the Epson ESC/POS command reference: each command is
known by its prefix and how its parameters say their own length (fixed bytes, a
length field, a NUL end or the size of a bit image). A command cut off at the end of
a piece waits for the next piece. Unknown commands become `unknown` tokens of two
bytes so one odd byte never derails the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

# Fixed number of parameter bytes after ESC x / GS x / FS x.
ESC_ARGS = {
    "@": 0, "!": 1, "-": 1, "2": 0, "3": 1, "E": 1, "G": 1, "M": 1, "R": 1, "V": 1, "a": 1,
    "d": 1, "e": 1, "J": 1, "K": 1, "t": 1, "{": 1, "p": 3, " ": 1, "$": 2, "\\": 2, "%": 1,
    "=": 1, "r": 1, "i": 0, "m": 0, "U": 1, "L": 0, "S": 0, "T": 1, "W": 8, "?": 1,
    "<": 0, "F": 1, "f": 2, "u": 1, "v": 0, "c": 2,
}
GS_ARGS = {
    "!": 1, "B": 1, "H": 1, "L": 2, "W": 2, "a": 1, "b": 1, "f": 1, "h": 1, "w": 1, "/": 1,
    "P": 2, "r": 1, "I": 1, ":": 0, "^": 3, "E": 1, "\\": 2, "T": 1, "$": 2, "x": 1, "y": 1,
}
FS_ARGS = {"&": 0, ".": 0, "!": 1, "-": 1, "C": 1, "W": 1, "S": 2, "p": 2, "r": 1, "?": 2}
DLE_ARGS = {0x04: 1, 0x05: 1, 0x14: 3}
PREFIX = {0x1B: "ESC", 0x1D: "GS", 0x1C: "FS"}
CONTROL = {0x0A: "LF", 0x0D: "CR", 0x09: "HT", 0x0C: "FF", 0x18: "CAN"}


@dataclass(frozen=True)
class Token:
    """`kind` is text, cmd or unknown; `name` like 'GS ( k' or 'ESC a'; `args` the fixed
    parameter bytes, `data` a variable payload; `raw` every byte of it."""

    kind: str
    name: str
    args: bytes = b""
    data: bytes = b""
    raw: bytes = b""

    def describe(self) -> str:
        """One readable line (for diffs): 'ESC a 01', 'TEXT 3a 20', 'GS k 49 | 7b 42 ...'."""
        if self.kind == "text":
            return "TEXT " + self.raw.hex(" ")
        head = self.name + (" " + self.args.hex(" ") if self.args else "")
        return head + (" | " + self.data.hex(" ") if self.data else "")


class _Incomplete(Exception):
    """The command continues in bytes not yet received."""


class Tokenizer:
    """Feed bytes as they come; get back every token completed so far."""

    def __init__(self) -> None:
        self._buf = b""

    @property
    def pending(self) -> bytes:
        """Bytes of a command not yet complete."""
        return self._buf

    def feed(self, data: bytes) -> list[Token]:
        self._buf += data
        tokens: list[Token] = []
        pos = 0
        while pos < len(self._buf):
            try:
                token, end = _one(self._buf, pos)
            except _Incomplete:
                break
            tokens.append(token)
            pos = end
        self._buf = self._buf[pos:]
        return tokens


def tokenize(data: bytes) -> list[Token]:
    """All tokens of a complete stream (a trailing cut-off command becomes an unknown token)."""
    t = Tokenizer()
    tokens = t.feed(data)
    if t.pending:
        tokens.append(Token("unknown", "TRUNCATED", raw=t.pending))
    return tokens


def _need(buf: bytes, end: int) -> None:
    if len(buf) < end:
        raise _Incomplete


def _one(buf: bytes, pos: int) -> tuple[Token, int]:
    b = buf[pos]
    if b in PREFIX:
        _need(buf, pos + 2)
        return _command(buf, pos, PREFIX[b], chr(buf[pos + 1]))
    if b == 0x10:
        _need(buf, pos + 2)
        n = DLE_ARGS.get(buf[pos + 1])
        if n is None:
            return Token("unknown", "DLE", raw=buf[pos:pos + 2]), pos + 2
        _need(buf, pos + 2 + n)
        name = {0x04: "DLE EOT", 0x05: "DLE ENQ", 0x14: "DLE DC4"}[buf[pos + 1]]
        end = pos + 2 + n
        return Token("cmd", name, buf[pos + 2:end], raw=buf[pos:end]), end
    if b in CONTROL:
        return Token("cmd", CONTROL[b], raw=buf[pos:pos + 1]), pos + 1
    end = pos
    while end < len(buf) and buf[end] >= 0x20 and buf[end] not in PREFIX:
        end += 1
    if end == pos:  # another C0 control byte: skip it
        return Token("unknown", f"CTRL {b:02x}", raw=buf[pos:pos + 1]), pos + 1
    return Token("text", "TEXT", raw=buf[pos:end]), end


def _command(buf: bytes, pos: int, prefix: str, letter: str) -> tuple[Token, int]:
    name = f"{prefix} {letter}"
    start = pos + 2
    fixed = {"ESC": ESC_ARGS, "GS": GS_ARGS, "FS": FS_ARGS}[prefix].get(letter)
    if letter == "(" and prefix in ("GS", "FS"):
        _need(buf, start + 3)
        fn = chr(buf[start])
        size = buf[start + 1] | buf[start + 2] << 8
        end = start + 3 + size
        _need(buf, end)
        return Token("cmd", f"{name} {fn}", buf[start + 1:start + 3], buf[start + 3:end], buf[pos:end]), end
    if prefix == "GS" and letter == "V":
        _need(buf, start + 1)
        end = start + (2 if buf[start] in (65, 66, 97, 98, 103, 104) else 1)
        _need(buf, end)
        return Token("cmd", name, buf[start:end], raw=buf[pos:end]), end
    if prefix == "GS" and letter == "k":
        _need(buf, start + 1)
        m = buf[start]
        if m <= 6:  # old form: data ends with NUL
            nul = buf.find(b"\x00", start + 1)
            if nul < 0:
                raise _Incomplete
            return Token("cmd", name, buf[start:start + 1], buf[start + 1:nul], buf[pos:nul + 1]), nul + 1
        _need(buf, start + 2)
        end = start + 2 + buf[start + 1]
        _need(buf, end)
        return Token("cmd", name, buf[start:start + 2], buf[start + 2:end], buf[pos:end]), end
    if prefix == "GS" and letter == "v":
        _need(buf, start + 6)
        x = buf[start + 2] | buf[start + 3] << 8
        y = buf[start + 4] | buf[start + 5] << 8
        end = start + 6 + x * y
        _need(buf, end)
        return Token("cmd", "GS v 0", buf[start + 1:start + 6], buf[start + 6:end], buf[pos:end]), end
    if prefix == "GS" and letter == "8":  # GS 8 L: graphics with a 32-bit length
        _need(buf, start + 5)
        size = int.from_bytes(buf[start + 1:start + 5], "little")
        end = start + 5 + size
        _need(buf, end)
        return Token("cmd", "GS 8 L", buf[start + 1:start + 5], buf[start + 5:end], buf[pos:end]), end
    if prefix == "GS" and letter == "*":
        _need(buf, start + 2)
        end = start + 2 + buf[start] * buf[start + 1] * 8
        _need(buf, end)
        return Token("cmd", name, buf[start:start + 2], buf[start + 2:end], buf[pos:end]), end
    if prefix == "ESC" and letter == "*":
        _need(buf, start + 3)
        dots = buf[start + 1] | buf[start + 2] << 8
        end = start + 3 + dots * (1 if buf[start] in (0, 1) else 3)
        _need(buf, end)
        return Token("cmd", name, buf[start:start + 3], buf[start + 3:end], buf[pos:end]), end
    if fixed is None:
        return Token("unknown", name, raw=buf[pos:start]), start
    end = start + fixed
    _need(buf, end)
    return Token("cmd", name, buf[start:end], raw=buf[pos:end]), end
