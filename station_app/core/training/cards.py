"""A trainee's QR sign-in card: its payload (a `core.labels` person label) and what the printer needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from station_app.core import labels, people
from station_app.core.identity import mask_phone
from station_app.core.training.sessions import get_session
from station_app.db import Store
from station_app.errors import ValidationError
from station_app.i18n import QT_TRANSLATE_NOOP, translate
from station_app.ids import PersonId


@dataclass(frozen=True)
class TrainingCard:
    """What the printer needs for a trainee's sign-in card (station_app.receipts.training lays it out)."""

    person_id: PersonId
    name: str
    village: str
    phone: str | None
    station: str
    payload: str
    session: str = ""
    starts_at: str = ""
    place: str = ""

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


def card_payload(person_id: str) -> str:
    """The QR text on a trainee's card: VS1:P:<person uuid> (see `core.labels`)."""
    return labels.format_person(person_id)


def parse_card(text: str) -> PersonId | None:
    """The person id on a scanned card; None if the text is no station label at all.

    Raises ValidationError for a damaged card, a newer label version or another kind of
    station label (a traceability label scanned by mistake).
    """
    if not labels.looks_like_label(text or ""):
        return None
    label = labels.parse_label(text)
    if label.kind != labels.PERSON:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "This is a {kind}, not a training card"),
                              kind=translate("labels", labels.KIND_NAMES[label.kind]))
    return PersonId(label.value)


def training_card(db: Store, person_id: str, session_id: str | None = None) -> TrainingCard:
    """The data for a trainee's sign-in card, with the session's title, time and place when
    given. Raises NotFound for an unknown person or session."""
    person = people.get_person(db, person_id)
    station = db.value("SELECT name FROM station") or ""
    card = TrainingCard(person.id, person.name, person.village, person.phone, station, card_payload(person.id))
    if session_id:
        s = get_session(db, session_id)
        card = TrainingCard(**{**card.__dict__, "session": s.title, "starts_at": s.starts_at, "place": s.place})
    return card
