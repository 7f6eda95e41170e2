"""The JSON shapes of the hub's answers (they make the OpenAPI spec; the station checks the
same fields), and the refusals every station and staff endpoint may answer with.

Every refusal is `{"error": code, "message": ..., "hub_time": ...}` with the status of
DESIGN §6: 400 malformed, 401 bad token, 403 another station, 409 fork/broken chain/gap,
413 too large, 426 upgrade.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# -- the sync protocol ---------------------------------------------------------------------------


class Ack(BaseModel):
    acked_seq: int
    hub_time: str


class Status(BaseModel):
    acked_seq: int
    head_hash: str
    at: int
    hash_at: str
    hub_time: str
    max_body: int
    protocol: int


class Change(BaseModel):
    c: int
    k: str
    e: str
    p: dict[str, Any]
    t: str
    a: int | None = None


class ChangesPage(BaseModel):
    changes: list[Change]
    next: int
    more: bool
    hub_time: str


class OwnEvents(BaseModel):
    """A page of the station's own events in the push shape (`sync.codec` columns), if any."""

    model_config = ConfigDict(extra="allow")
    s: int | None = None
    p: str | None = None
    h: str | None = None
    more: bool
    acked_seq: int
    hub_time: str


class Reconcile(BaseModel):
    days: list[list[Any]]
    acked_seq: int
    hub_time: str


class BundleKey(BaseModel):
    """Public keys for USB-stick bundles (`sync.bundle`): Ed25519 to verify, X25519 to seal to (base64)."""

    sign: str = Field(max_length=64)
    box: str = Field(max_length=64)


class EnrollRequest(BaseModel):
    code: str = Field(max_length=64)
    proof: str = Field("", max_length=128)  # the station's secret for this exchange (never in a URL)
    bundle_key: BundleKey | None = None  # the station's keys for USB-stick bundles


class Enrolled(BaseModel):
    station_id: str
    token: str
    name: str
    village: str
    acked_seq: int
    hub_time: str
    county_key: BundleKey | None = None  # the county's keys, when the station sent its own


class BundleKeyAnswer(BaseModel):
    county_key: BundleKey
    hub_time: str


class Health(BaseModel):
    ok: bool
    hub_time: str
    protocol: int
    supported: list[int]


# -- evidence files ------------------------------------------------------------------------------


class Missing(BaseModel):
    missing: list[str]
    hub_time: str


class Stored(BaseModel):
    sha256: str
    size: int
    content_type: str
    stored: bool  # False: the hub already held it
    hub_time: str


# -- county staff --------------------------------------------------------------------------------


class CodeRequest(BaseModel):
    station: str = Field(max_length=100)
    village: str = Field("", max_length=100)
    hours: int = Field(24, ge=1, le=72)  # how long the code may be used


class CodeAnswer(BaseModel):
    station_id: str
    code: str


class SettingRequest(BaseModel):
    key: str
    value: Any
    station_id: str | None = None


# -- refusals ------------------------------------------------------------------------------------


class Refusal(BaseModel):
    error: str
    message: str
    hub_time: str


REFUSALS: dict[int | str, dict[str, Any]] = {
    code: {"model": Refusal, "description": text} for code, text in (
        (400, "malformed body or parameters"), (401, "token wrong or revoked"), (403, "token of another station"),
        (409, "fork, broken chain or gap"), (413, "body too large"), (426, "protocol version not supported"),
        (429, "too many requests, or the station is already sending: try again later"))
}
