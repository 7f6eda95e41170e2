"""Code128 with the fewest symbols: code set C (two digits per symbol) for digit runs, B for the rest.

The same value serves the printer (`escpos_data()`: the `GS k 73` payload, where set C
digits travel as one byte 0-99 per pair) and pictures (`modules()`: the bar pattern the
emulator and the raster fallback draw). Patterns are the ISO/IEC 15417 table.
"""

from __future__ import annotations

from dataclasses import dataclass

# Bar/space widths of symbol values 0-106 (106 = stop, 13 modules).
_WIDTH_TABLE = (
    "212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 "
    "122132 122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 "
    "321221 312212 322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 "
    "211313 231113 231311 112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 "
    "213311 213131 311123 311321 331121 312113 312311 332111 314111 221411 431111 111224 111422 "
    "121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 413111 "
    "241112 134111 111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 214121 "
    "412121 111143 111341 131141 114113 114311 411113 411311 113141 114131 311141 411131 211412 "
    "211214 211232 2331112"
)
WIDTHS = tuple(_WIDTH_TABLE.split())
START = {"A": 103, "B": 104, "C": 105}
SWITCH = {"A": 101, "B": 100, "C": 99}  # the code-set change symbol, sent from another set
STOP = 106
QUIET = 10  # modules of white on each side


@dataclass(frozen=True)
class Code128:
    """A barcode as runs of (code set, text)."""

    segments: tuple[tuple[str, str], ...]

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.segments)

    def values(self) -> list[int]:
        """Symbol values from the start symbol to the stop symbol, checksum included."""
        out: list[int] = []
        for i, (cset, text) in enumerate(self.segments):
            out.append(START[cset] if i == 0 else SWITCH[cset])
            if cset == "C":
                out.extend(int(text[j:j + 2]) for j in range(0, len(text), 2))
            elif cset == "B":
                out.extend(ord(c) - 32 for c in text)
            else:
                out.extend(ord(c) - 32 if ord(c) >= 32 else ord(c) + 64 for c in text)
        check = (out[0] + sum(i * v for i, v in enumerate(out[1:], 1))) % 103
        return [*out, check, STOP]

    def modules(self) -> str:
        """The bar pattern, '1' for a dark module, without quiet zones."""
        bits: list[str] = []
        for value in self.values():
            for i, w in enumerate(WIDTHS[value]):
                bits.append(("1" if i % 2 == 0 else "0") * int(w))
        return "".join(bits)

    def width(self) -> int:
        """Modules across, quiet zones included."""
        return 11 * (len(self.values()) - 1) + 13 + 2 * QUIET

    def escpos_data(self) -> bytes:
        """The `GS k 73` data: '{B' + text ('{' doubled), '{C' + one byte per digit pair."""
        out = bytearray()
        for cset, text in self.segments:
            out += b"{" + cset.encode()
            if cset == "C":
                out += bytes(int(text[j:j + 2]) for j in range(0, len(text), 2))
            else:
                out += text.replace("{", "{{").encode("ascii")
        return bytes(out)


def encode(data: str) -> Code128:
    """The shortest B/C encoding of printable ASCII (raises ValueError for anything else)."""
    if not data or not all(" " <= c <= "~" for c in data):
        raise ValueError(f"Code128 takes printable ASCII: {data!r}")
    n = len(data)
    inf = 10**9
    # cost[i][s]: symbols to encode data[:i] ending in set s; back[i][s]: previous (i, s)
    cost = [{"B": inf, "C": inf} for _ in range(n + 1)]
    back: list[dict[str, tuple[int, str] | None]] = [{"B": None, "C": None} for _ in range(n + 1)]
    cost[0] = {"B": 1, "C": 1}
    for i in range(n + 1):
        for s, o in (("B", "C"), ("C", "B")):
            if cost[i][o] + 1 < cost[i][s]:
                cost[i][s] = cost[i][o] + 1
                back[i][s] = (i, o)
        if i == n:
            break
        if cost[i]["B"] + 1 < cost[i + 1]["B"]:
            cost[i + 1]["B"] = cost[i]["B"] + 1
            back[i + 1]["B"] = (i, "B")
        if data[i:i + 2].isdigit() and len(data[i:i + 2]) == 2 and cost[i]["C"] + 1 < cost[i + 2]["C"]:
            cost[i + 2]["C"] = cost[i]["C"] + 1
            back[i + 2]["C"] = (i, "C")
    end = "C" if cost[n]["C"] < cost[n]["B"] else "B"
    steps: list[tuple[str, str]] = []  # (set, text) walked backwards
    i, s = n, end
    while (prev := back[i][s]) is not None:
        j, t = prev
        if j < i:
            steps.append((s, data[j:i]))
        i, s = j, t
    segments: list[tuple[str, str]] = []
    cur = s
    for cset, text in reversed(steps):
        if segments and segments[-1][0] == cset:
            segments[-1] = (cset, segments[-1][1] + text)
        else:
            segments.append((cset, text))
    if not segments or segments[0][0] != cur:
        segments.insert(0, (cur, ""))
    return Code128(tuple(segments))


def from_escpos(data: bytes) -> Code128:
    """The barcode a printer makes of a `GS k 73` payload (the emulator's reading).

    Raises ValueError when the payload does not start with a code set ('{A', '{B', '{C').
    """
    if len(data) < 2 or data[0:1] != b"{" or data[1:2] not in (b"A", b"B", b"C"):
        raise ValueError("Code128 data must start with {A, {B or {C")
    segments: list[tuple[str, str]] = []
    cset, text = "", ""
    i = 0
    while i < len(data):
        b = data[i]
        if b == 0x7B and i + 1 < len(data) and data[i + 1] in b"ABC":
            if cset:
                segments.append((cset, text))
            cset, text = chr(data[i + 1]), ""
            i += 2
            continue
        if b == 0x7B and i + 1 < len(data) and data[i + 1] == 0x7B:
            text, i = text + "{", i + 2
            continue
        if cset == "C":
            if b > 99:
                raise ValueError(f"code set C byte out of range: {b}")
            text += f"{b:02d}"
        else:
            text += chr(b)
        i += 1
    segments.append((cset, text))
    return Code128(tuple(segments))
