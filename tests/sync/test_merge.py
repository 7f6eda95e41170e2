"""Shared records: any interleaving of hub and station claims converges to the same state on
both ends, and a conflict the machine cannot settle is surfaced, never dropped."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.merge import HUB, PARCEL, STATION, Claim, fold, load

STATION_STATES = ["arrived", "notified", "picked_up", "returned"]
HUB_STATES = ["expected", "return_requested"]

claims_strategy = st.lists(
    st.one_of(
        st.builds(lambda n, s: Claim(f"st-{n}", s, STATION), st.integers(0, 30), st.sampled_from(STATION_STATES)),
        st.builds(lambda n, s: Claim(f"hub:{n}", s, HUB), st.integers(0, 30), st.sampled_from(HUB_STATES)),
    ),
    max_size=12,
    unique_by=lambda c: c.id,
)


def replica(claims, order, repeats):
    """One end receiving the claims in its own order, some more than once (a replayed page)."""
    stored = None
    for i in order:
        for _ in range(1 + repeats.get(i, 0)):
            stored = fold(stored, claims[i])
    return stored


@settings(max_examples=300, deadline=None)
@given(claims=claims_strategy, data=st.data())
def test_any_interleaving_converges_on_both_ends(claims, data):
    n = len(claims)
    station_order = data.draw(st.permutations(range(n)))
    hub_order = data.draw(st.permutations(range(n)))
    repeats = data.draw(st.dictionaries(st.integers(0, max(0, n - 1)), st.integers(1, 3), max_size=3))
    at_station, at_hub = replica(claims, station_order, repeats), replica(claims, hub_order, {})
    assert at_station == at_hub  # the same stored text, byte for byte
    merged = PARCEL.merge(load(at_station))
    assert merged == PARCEL.merge(claims) == PARCEL.merge(reversed(claims))
    states = {c.state for c in claims}
    if {"picked_up", "returned"} <= states or {"picked_up", "return_requested"} <= states:
        assert merged.conflict  # surfaced, never dropped
    if merged.state is None and claims:
        assert merged.conflict


@settings(max_examples=200, deadline=None)
@given(claims=claims_strategy, data=st.data())
def test_a_resolution_settles_exactly_the_conflict_it_saw(claims, data):
    merged = PARCEL.merge(claims)
    if not merged.conflict or any(s not in PARCEL.ranks for s in merged.conflict):
        return
    choice = data.draw(st.sampled_from(sorted(merged.conflict)))
    decision = PARCEL.resolve(merged, "person-1", choice)
    settled = PARCEL.merge([*claims, decision])
    assert settled.conflict == () and settled.state == choice
    later = Claim("st-late", "returned" if choice == "picked_up" else "picked_up", STATION)
    assert PARCEL.merge([*claims, decision, later]).conflict  # a new clash raises it again


def test_the_parcel_story():
    expected, arrived = Claim("hub:1", "expected", HUB), Claim("st-1", "arrived")
    notified, picked = Claim("st-2", "notified"), Claim("st-3", "picked_up")
    assert PARCEL.merge([picked, expected, notified, arrived]).state == "picked_up"  # late claims don't move it back
    assert PARCEL.allows(PARCEL.merge([expected, arrived]), "notified")
    assert not PARCEL.allows(PARCEL.merge([picked]), "notified")
    ask_back = Claim("hub:2", "return_requested", HUB)
    asked = PARCEL.merge([expected, arrived, ask_back])
    assert asked.state == "return_requested" and asked.settled
    assert PARCEL.merge([expected, arrived, ask_back, Claim("st-4", "returned")]).settled
    clash = PARCEL.merge([expected, arrived, picked, ask_back])
    assert clash.state == "picked_up" and clash.conflict == ("picked_up", "return_requested")
    both = PARCEL.merge([arrived, picked, Claim("st-5", "returned")])
    assert both.state is None and both.conflict == ("picked_up", "returned")
    decided = PARCEL.merge([arrived, picked, Claim("st-5", "returned"), PARCEL.resolve(both, "st-6", "returned")])
    assert decided.state == "returned" and decided.settled
    odd = PARCEL.merge([arrived, Claim("st-7", "eaten_by_goat")])
    assert odd.conflict == ("eaten_by_goat",)  # an unknown state is shown, not dropped
