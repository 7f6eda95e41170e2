"""SMS PDUs as a GSM modem takes and gives them in PDU mode (AT+CMGF=0), 3GPP TS 23.040.

Everything we send has Chinese in it, so the text is UCS-2 (TP-DCS 0x08): 70 characters fit
one SMS, a longer text is cut into parts of 67 with a concatenation header (TP-UDHI set, IEI
0x00 with an 8-bit reference, the number of parts and this part's number), which the phone
joins back in order. Each part asks for a status report (TP-SRR), which the network sends back
as an SMS-STATUS-REPORT (`+CDS` in TS 27.005) naming the part's TP-MR.

The modem's own SMSC is used: every PDU starts with "00" (no SMSC address), and the length
given to AT+CMGS counts the octets after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

UCS2 = 0x08
MAX_SINGLE = 70  # UCS-2 characters in one SMS (140 octets)
MAX_PART = 67  # in each part of a long one (6 octets go to the concatenation header)
MAX_PARTS = 255
VALIDITY = 0xA7  # relative validity period: 24 hours (TS 23.040 9.2.3.12.1)

SUBMIT, STATUS_REPORT = 0x01, 0x02  # TP-MTI, mobile to network / network to mobile
SRR, UDHI, VPF_RELATIVE = 0x20, 0x40, 0x10


class PduError(ValueError):
    """Bytes that are not the PDU they should be."""


@dataclass(frozen=True)
class SubmitPdu:
    """One part of a message, ready for AT+CMGS=`length` then `hex` and Ctrl-Z."""

    hex: str
    length: int  # TPDU octets, without the (empty) SMSC part
    part: int
    parts: int


@dataclass(frozen=True)
class Submitted:
    """An SMS-SUBMIT read back (what a modem emulator or a test sees)."""

    phone: str
    text: str
    reference: int | None  # the concatenation reference; None for a single SMS
    part: int
    parts: int
    status_report: bool
    message_reference: int


@dataclass(frozen=True)
class StatusReport:
    """An SMS-STATUS-REPORT: what became of the part sent with TP-MR `reference`."""

    reference: int
    phone: str
    status: int  # TP-ST
    sent_at: datetime  # TP-SCTS: when the SMSC took the part
    done_at: datetime  # TP-DT: when it was delivered (or given up)

    @property
    def delivered(self) -> bool:
        return self.status <= 0x02  # received, forwarded unconfirmed, replaced

    @property
    def final(self) -> bool:
        """False while the SMSC is still trying (0x20-0x3F)."""
        return not 0x20 <= self.status <= 0x3F


def split_text(text: str) -> list[str]:
    """The text in UCS-2 pieces: one piece of at most 70 UTF-16 units, else pieces of at most
    67 (a character outside the BMP, two units, is never cut in half)."""
    if _units(text) <= MAX_SINGLE:
        return [text]
    pieces, current, size = [], "", 0
    for ch in text:
        n = _units(ch)
        if size + n > MAX_PART:
            pieces.append(current)
            current, size = "", 0
        current += ch
        size += n
    if current:
        pieces.append(current)
    if len(pieces) > MAX_PARTS:
        raise PduError(f"a text of {len(text)} characters needs more than {MAX_PARTS} parts")
    return pieces


def parts_needed(text: str) -> int:
    """How many SMS the text is sent as (what a provider bills)."""
    return len(split_text(text))


def submit_pdus(phone: str, text: str, *, reference: int, status_report: bool = True) -> list[SubmitPdu]:
    """The SMS-SUBMIT PDUs of a text to `phone` (a mainland number, with or without +86),
    `reference` (0-255) tying the parts of a long text together."""
    pieces = split_text(text)
    total = len(pieces)
    address = encode_address(phone)
    out = []
    for i, piece in enumerate(pieces, 1):
        body = piece.encode("utf-16-be")
        first = SUBMIT | VPF_RELATIVE | (SRR if status_report else 0)
        if total > 1:
            first |= UDHI
            body = bytes((0x05, 0x00, 0x03, reference & 0xFF, total, i)) + body
        tpdu = bytes((first, 0x00)) + address + bytes((0x00, UCS2, VALIDITY, len(body))) + body
        out.append(SubmitPdu("00" + tpdu.hex().upper(), len(tpdu), i, total))
    return out


def decode_submit(pdu_hex: str) -> Submitted:
    """An SMS-SUBMIT in UCS-2, with its SMSC prefix (as AT+CMGS carries it)."""
    data = _bytes(pdu_hex)
    pos = 1 + data[0]  # the SMSC part
    first = _at(data, pos)
    if first & 0x03 != SUBMIT:
        raise PduError("not an SMS-SUBMIT")
    mr = _at(data, pos + 1)
    phone, pos = decode_address(data, pos + 2)
    dcs = _at(data, pos + 1)
    pos += 2
    vpf = (first >> 3) & 0x03
    pos += {0: 0, 2: 1, 1: 7, 3: 7}[vpf]
    udl = _at(data, pos)
    body = data[pos + 1:pos + 1 + udl]
    if len(body) != udl:
        raise PduError("the user data is shorter than its length says")
    reference, part, parts = None, 1, 1
    if first & UDHI:
        udh = body[1:1 + body[0]]
        body = body[1 + body[0]:]
        i = 0
        while i + 1 < len(udh):
            iei, size = udh[i], udh[i + 1]
            value = udh[i + 2:i + 2 + size]
            if iei == 0x00 and size == 3:
                reference, parts, part = value[0], value[1], value[2]
            elif iei == 0x08 and size == 4:
                reference, parts, part = (value[0] << 8) | value[1], value[2], value[3]
            i += 2 + size
    if dcs & 0x0C != UCS2:
        raise PduError(f"data coding {dcs:#04x}: only UCS-2 is read here")
    try:
        text = body.decode("utf-16-be")
    except UnicodeDecodeError:
        raise PduError("the UCS-2 text is broken") from None
    return Submitted(phone, text, reference, part, parts, bool(first & SRR), mr)


def status_report_pdu(reference: int, phone: str, status: int, sent_at: datetime, done_at: datetime) -> str:
    """An SMS-STATUS-REPORT with an empty SMSC part, as a modem shows it after +CDS."""
    tpdu = (bytes((0x06, reference & 0xFF)) + encode_address(phone) + encode_time(sent_at) + encode_time(done_at)
            + bytes((status,)))
    return "00" + tpdu.hex().upper()


def decode_status_report(pdu_hex: str) -> StatusReport:
    """The SMS-STATUS-REPORT of a `+CDS` (with its SMSC prefix)."""
    data = _bytes(pdu_hex)
    pos = 1 + data[0]
    first = _at(data, pos)
    if first & 0x03 != STATUS_REPORT:
        raise PduError("not an SMS-STATUS-REPORT")
    reference = _at(data, pos + 1)
    phone, pos = decode_address(data, pos + 2)
    sent_at = decode_time(data[pos:pos + 7])
    done_at = decode_time(data[pos + 7:pos + 14])
    return StatusReport(reference, phone, _at(data, pos + 14), sent_at, done_at)


# -- addresses and times ----------------------------------------------------------------------


def encode_address(phone: str) -> bytes:
    """TP-DA of a phone number: international (+86…, type 0x91) for a mainland mobile."""
    digits = phone.strip().removeprefix("+")
    if not digits.isdigit() or not 3 <= len(digits) <= 20:
        raise PduError(f"not a phone number: {phone!r}")
    if len(digits) == 11 and digits.startswith("1"):
        digits = "86" + digits
    kind = 0x91 if phone.strip().startswith("+") or digits.startswith("86") else 0x81
    return bytes((len(digits), kind)) + _semi_octets(digits)


def decode_address(data: bytes, pos: int) -> tuple[str, int]:
    """(the number, position after it): a +86 number comes back as its 11 digits."""
    count, kind = _at(data, pos), _at(data, pos + 1)
    size = (count + 1) // 2
    raw = data[pos + 2:pos + 2 + size]
    if len(raw) != size:
        raise PduError("the address is cut short")
    digits = "".join(f"{b & 0x0F:x}{b >> 4:x}" for b in raw)[:count]
    if not digits.isdigit():
        raise PduError("the address has no digits")
    if kind == 0x91 and digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits, pos + 2 + size


def encode_time(at: datetime) -> bytes:
    """A TP-SCTS/TP-DT: local time as semi-octets and the zone in quarter hours."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    offset = at.utcoffset() or timedelta(0)
    quarters = int(offset.total_seconds() // 900)
    digits = at.strftime("%y%m%d%H%M%S") + f"{abs(quarters):02d}"
    raw = bytearray(_semi_octets(digits))
    if quarters < 0:
        raw[-1] |= 0x08
    return bytes(raw)


def decode_time(raw: bytes) -> datetime:
    if len(raw) != 7:
        raise PduError("a time is 7 octets")
    zone = raw[6]
    negative = bool(zone & 0x08)
    digits = "".join(f"{b & 0x0F}{b >> 4 & 0x0F}" for b in (*raw[:6], zone & 0xF7))
    try:
        local = datetime.strptime(digits[:12], "%y%m%d%H%M%S")
    except ValueError:
        raise PduError("not a time") from None
    quarters = int(digits[12:14]) * (-1 if negative else 1)
    return local.replace(tzinfo=timezone(timedelta(minutes=15 * quarters)))


# -- inside -------------------------------------------------------------------------------------


def _units(text: str) -> int:
    return len(text.encode("utf-16-be")) // 2


def _semi_octets(digits: str) -> bytes:
    if len(digits) % 2:
        digits += "F"
    return bytes(int(digits[i + 1] + digits[i], 16) for i in range(0, len(digits), 2))


def _bytes(pdu_hex: str) -> bytes:
    try:
        data = bytes.fromhex(pdu_hex.strip())
    except ValueError:
        raise PduError("not hexadecimal") from None
    if not data:
        raise PduError("empty")
    return data


def _at(data: bytes, pos: int) -> int:
    if pos >= len(data):
        raise PduError("the PDU is cut short")
    return data[pos]
