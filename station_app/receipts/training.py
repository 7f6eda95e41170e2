"""A trainee's sign-in card: name and a QR the sign-in scanner reads."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from printer.document import Receipt, ReceiptBuilder
from station_app.i18n import translate
from station_app.receipts.layout import masked, when

if TYPE_CHECKING:
    from station_app.core.training.cards import TrainingCard


def training_card(*, station: str, attendee: str, village: str, phone: str | None, payload: str,
                  session: str = "", starts: datetime | str = "", place: str = "") -> Receipt:
    """A trainee's sign-in card: name and a QR the sign-in scanner reads."""
    b = ReceiptBuilder("training_card", translate("receipt", "Training card") + " " + attendee)
    b.center(station, bold=True).center(translate("receipt", "Training sign-in card"), bold=True).rule("=")
    b.center(attendee, bold=True, size=2).center(f"{village}  {masked(phone)}".strip())
    if session:
        b.rule().pair(translate("receipt", "Course"), session)
    if starts:
        b.pair(translate("receipt", "Time"), when(starts))
    if place:
        b.pair(translate("receipt", "Place"), place)
    b.qr(payload).center(translate("receipt", "Show this code at sign-in"))
    return b.cut().build()


def sign_in_card(card: TrainingCard) -> Receipt:
    """The printed card for a trainee (`core.training.training_card`)."""
    return training_card(station=card.station, attendee=card.name, village=card.village, phone=card.phone,
                         payload=card.payload, session=card.session, starts=card.starts_at, place=card.place)
