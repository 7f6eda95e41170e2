"""Receipt text as a Chinese receipt printer sees it: what it can print and how wide it is.

A printer in Chinese mode prints a byte below 0x80 as a half-width ASCII character (one
column) and a two-byte GBK/GB18030 code as a full-width character (two columns); 58 mm
paper has 32 columns, 80 mm has 48. Anything else (emoji, rare characters that need
GB18030's four-byte codes, which GBK-only printers garble) is replaced here, before
layout, so that widths, wrapping and the bytes sent all agree.
"""

from __future__ import annotations

import functools
import unicodedata

#: Stand-ins for characters a GBK printer lacks, chosen to read the same on paper.
LOOKALIKES = {
    "\u00a5": "\uffe5",  # ¥ is a 4-byte GB18030 code: GBK printers print "0 6"
    "\u2022": "\u00b7",  # • bullet
    "\u20ac": "EUR",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\t": " ",
    "\u2212": "-",  # minus sign
    "\u2010": "-",
    "\u2011": "-",
    "\u2032": "'",
    "\u2033": '"',
}
#: Characters that draw nothing and only join or restyle their neighbours (emoji sequences).
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufe0e", "\ufe0f"}
MISSING_IDEOGRAPH = "\u25a1"  # □: a Chinese character the printer cannot show (e.g. a rare name)
MISSING = "?"

CLOSING = set("，。、；：！？）》」』】〕〉”’…—％‰℃·,.;:!?)]}%")  # may not start a line
OPENING = set("（《「『【〔〈“‘([{￥")  # may not end a line


@functools.lru_cache(maxsize=8192)
def _printable_char(ch: str) -> str:
    """The printable stand-in for one character ('' for one that draws nothing)."""
    if " " <= ch <= "~":
        return ch
    if ch in LOOKALIKES:
        return LOOKALIKES[ch]
    if ch in INVISIBLE or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me"):
        return ""
    code = ord(ch)
    if 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:  # skin tones, emoji tags
        return ""
    if _is_gbk(ch) and unicodedata.category(ch) != "Co":
        return ch
    for form in ("NFKC", "NFKD"):
        alt = "".join(c for c in unicodedata.normalize(form, ch) if not unicodedata.combining(c))
        if alt and alt != ch and all(" " <= c <= "~" or _is_gbk(c) for c in alt):
            return alt
    if unicodedata.name(ch, "").startswith("CJK"):
        return MISSING_IDEOGRAPH
    return MISSING


def _is_gbk(ch: str) -> bool:
    try:
        return len(ch.encode("gb18030")) == 2 and len(ch.encode("gbk")) == 2
    except UnicodeEncodeError:
        return False


def printable(text: str) -> str:
    """The text as the printer can print it, line breaks kept.

    Characters outside GBK become a look-alike, '□' for a Chinese character or '?' for
    anything else (one '?' per emoji, even a joined family of them).
    """
    out: list[str] = []
    joined = False  # inside an emoji ZWJ sequence: the next emoji belongs to the one before
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        if ch == "\n":
            out.append(ch)
            joined = False
            continue
        if ch == "\u200d":
            joined = bool(out) and out[-1] == MISSING
            continue
        rep = _printable_char(ch)
        if joined and rep == MISSING:
            joined = False
            continue
        joined = False
        out.append(rep)
    return "".join(out)


def char_width(ch: str) -> int:
    """Columns one printable character takes: 1 for ASCII, 2 for a GBK character."""
    return 1 if ch < "\x80" else 2


def width(text: str) -> int:
    """Columns a printable text takes on paper."""
    return sum(1 if ch < "\x80" else 2 for ch in text)


def cut(text: str, columns: int) -> tuple[str, str]:
    """Split a printable text after at most `columns` columns (never inside a character)."""
    used = 0
    for i, ch in enumerate(text):
        used += char_width(ch)
        if used > columns:
            return text[:i], text[i:]
    return text, ""


def _tokens(line: str) -> list[str]:
    """Words that should stay together: ASCII words and numbers; every CJK character alone."""
    tokens: list[str] = []
    word = ""
    for ch in line:
        if ch == " " or ch >= "\x80":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, columns: int) -> list[str]:
    """Break a printable text into lines of at most `columns` columns.

    Breaks at spaces or between Chinese characters; an ASCII word longer than a line
    (a waybill, a URL) is split hard. Closing punctuation never starts a line and an
    opening bracket never ends one, as in Chinese typesetting. Always at least one line.
    """
    columns = max(columns, 2)
    lines: list[str] = []
    for para in text.split("\n"):
        current: list[str] = []
        used = 0
        for tok in _tokens(para):
            w = width(tok)
            if used + w <= columns:
                current.append(tok)
                used += w
                continue
            if tok == " ":
                lines.append("".join(current).rstrip())
                current, used = [], 0
                continue
            carry: list[str] = []
            if tok in CLOSING and len(current) > 1 and current[-1] != " ":
                carry = [current.pop()]  # take the character before down with the punctuation
            while current and current[-1] in OPENING and len(current) > 1:
                carry.insert(0, current.pop())
            if current:
                lines.append("".join(current).rstrip())
            current = [*carry]
            used = sum(width(t) for t in current)
            while used + w > columns:  # a word longer than the line itself
                head, tok = cut(tok, columns - used)
                if not head and not current:
                    head, tok = tok[:1], tok[1:]
                lines.append("".join([*current, head]).rstrip())
                current, used = [], 0
                w = width(tok)
            if tok.strip() or current:
                current.append(tok)
                used += w
        lines.append("".join(current).rstrip())
    return lines
