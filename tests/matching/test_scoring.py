"""Each score part on its own, the weighting, and the fast block path agreeing with the parts."""

import numpy as np
import pytest

from mentoring.matching import ProgrammeRules, Weights, score
from mentoring.matching.encode import encode
from mentoring.matching.scoring import block_total, score_encoded

from .conftest import HERNE, RULES, make_mentee, make_mentor


def parts_of(mentor, mentee, rules=RULES):
    parts = score(rules, [mentor], [mentee], HERNE)
    return parts.row(0), float(parts.total[0])


@pytest.mark.parametrize(
    ("expertise", "fields", "needs", "wanted", "expected"),
    [
        (set(), set(), set(), set(), 0.0),
        ({"mathe"}, set(), {"mathe"}, set(), 1.0),
        ({"mathe"}, set(), {"mathe", "bewerbung"}, set(), 0.5),
        (set(), {"elektro"}, set(), {"elektro"}, 1.0),
        ({"mathe"}, {"elektro"}, {"bewerbung"}, {"elektro"}, 0.5),
    ],
)
def test_expertise_meets_need(expertise, fields, needs, wanted, expected):
    mentor = make_mentor(expertise=frozenset(expertise), career_fields=frozenset(fields))
    mentee = make_mentee(needs=frozenset(needs), career_fields=frozenset(wanted))
    assert parts_of(mentor, mentee)[0]["expertise"] == expected


@pytest.mark.parametrize(
    ("mentor_slots", "mentee_slots", "expected"),
    [
        ({"tue-afternoon"}, {"tue-afternoon"}, 1.0),  # the only slot asked for
        ({"tue-afternoon"}, {"tue-afternoon", "wed-morning"}, 0.5),
        ({"tue-afternoon", "wed-morning"}, {"tue-afternoon", "wed-morning", "fri-evening"}, 1.0),
        ({"mon-morning"}, {"tue-afternoon"}, 0.0),
        (set(), set(), 0.0),
    ],
)
def test_availability_overlap(mentor_slots, mentee_slots, expected):
    mentor = make_mentor(availability=frozenset(mentor_slots))
    mentee = make_mentee(availability=frozenset(mentee_slots))
    assert parts_of(mentor, mentee)[0]["availability"] == expected


def test_distance_falls_linearly_to_zero_at_ten_km():
    same, _ = parts_of(make_mentor(place="eickel"), make_mentee(place="eickel"))
    assert same["distance"] == 1.0
    mentor = make_mentor(place="roehlinghausen", travel_radius_km=20.0)
    far, _ = parts_of(mentor, make_mentee(place="sodingen"))
    assert 0.15 < far["distance"] < 0.35  # about 7.6 km
    near = ProgrammeRules("p", distance_zero_km=5.0)
    assert parts_of(mentor, make_mentee(place="sodingen"), near)[0]["distance"] == 0.0


@pytest.mark.parametrize(
    ("mentor_langs", "mentee_langs", "preferred", "expected"),
    [
        ({"de"}, {"de"}, set(), 1.0),
        ({"de"}, {"ar"}, set(), 0.0),
        ({"de", "ar"}, {"de", "ar"}, {"ar"}, 1.0),
        ({"de"}, {"de", "ar"}, {"ar"}, 0.0),  # the preferred language counts
    ],
)
def test_languages(mentor_langs, mentee_langs, preferred, expected):
    mentor = make_mentor(languages=frozenset(mentor_langs))
    mentee = make_mentee(
        languages=frozenset(mentee_langs), preferred_languages=frozenset(preferred)
    )
    assert parts_of(mentor, mentee)[0]["language"] == expected


@pytest.mark.parametrize(
    ("pref", "age", "expected"),
    [
        ((None, None), 17, 1.0),
        ((14, 18), 17, 1.0),
        ((14, 16), 17, 0.8),  # one year out: a fifth less
        ((20, None), 15, 0.0),
        ((14, 18), None, 1.0),
    ],
)
def test_partner_preference(pref, age, expected):
    mentor = make_mentor(preferred_min_age=pref[0], preferred_max_age=pref[1])
    assert parts_of(mentor, make_mentee(age=age), ProgrammeRules("p"))[0]["preference"] == expected


@pytest.mark.parametrize(
    ("mentor_days", "mentee_days", "expected"),
    [(0, 0, 0.0), (0, 90, 0.5), (0, 400, 1.0), (45, 0, 0.25)],
)
def test_waiting_saturates(mentor_days, mentee_days, expected):
    mentor = make_mentor(waiting_days=mentor_days)
    assert parts_of(mentor, make_mentee(waiting_days=mentee_days))[0]["waiting"] == expected


def test_total_is_the_normalised_weighted_mean():
    rules = ProgrammeRules("p", weights=Weights(2, 0, 0, 2, 0, 0))
    mentor = make_mentor(expertise=frozenset({"mathe"}), languages=frozenset({"ar"}))
    mentee = make_mentee(needs=frozenset({"mathe", "bewerbung"}), languages=frozenset({"ar"}))
    parts, total = parts_of(mentor, mentee, rules)
    assert total == pytest.approx(0.5 * 0.5 + 0.5 * 1.0)


def test_weights_normalise_and_survive_all_zero():
    assert sum(Weights().normalised().values()) == pytest.approx(1)
    assert set(Weights(0, 0, 0, 0, 0, 0).normalised().values()) == {1 / 6}


def test_block_path_agrees_with_the_parts():
    rng = np.random.default_rng(3)
    codes = [p.code for p in HERNE]
    slots = ["mon-morning", "tue-afternoon", "wed-evening", "sat-morning"]
    mentors = [
        make_mentor(
            f"m{i}",
            place=codes[rng.integers(14)],
            expertise=frozenset(rng.choice(["a", "b", "c", "d"], rng.integers(0, 3)).tolist()),
            career_fields=frozenset(rng.choice(["x", "y"], rng.integers(0, 2)).tolist()),
            availability=frozenset(rng.choice(slots, rng.integers(0, 3)).tolist()),
            languages=frozenset(rng.choice(["de", "ar", "uk"], 2).tolist()),
            preferred_min_age=int(rng.integers(10, 20)) if rng.random() < 0.5 else None,
            preferred_max_age=int(rng.integers(15, 30)) if rng.random() < 0.5 else None,
            waiting_days=int(rng.integers(0, 300)),
        )
        for i in range(30)
    ]
    mentees = [
        make_mentee(
            f"e{j}",
            age=int(rng.integers(10, 30)) if rng.random() < 0.9 else None,
            needs=frozenset(rng.choice(["a", "b", "c", "d"], rng.integers(0, 3)).tolist()),
            career_fields=frozenset(rng.choice(["x", "y"], rng.integers(0, 2)).tolist()),
            availability=frozenset(rng.choice(slots, rng.integers(0, 4)).tolist()),
            languages=frozenset(rng.choice(["de", "ar", "uk"], 1).tolist()),
            waiting_days=int(rng.integers(0, 300)),
        )
        for j in range(20)
    ]
    rules = ProgrammeRules("p")
    enc = encode(rules, mentors, mentees, HERNE)
    place = 5
    rows, cols = np.arange(20), np.arange(30)
    fast = block_total(enc, rows, cols, place)
    enc.mentees.place[:] = place  # score the same pairs as if every mentee lived there
    grid_m, grid_e = np.meshgrid(cols, rows)
    exact = score_encoded(enc, grid_m.ravel(), grid_e.ravel()).total.reshape(20, 30)
    np.testing.assert_allclose(fast, exact, atol=1e-4)


def test_every_pair_when_no_indices_given():
    parts = score(RULES, [make_mentor("m1"), make_mentor("m2")], [make_mentee()], HERNE)
    assert parts.total.shape == (2,)
    assert set(parts.row(0)) == {
        "expertise",
        "availability",
        "distance",
        "language",
        "preference",
        "waiting",
    }


def test_more_than_64_tags_use_several_words():
    tags = [f"t{k:03d}" for k in range(70)]
    mentors = [
        make_mentor("m1", expertise=frozenset(tags[60:70])),
        make_mentor("m2", expertise=frozenset(tags)),
    ]
    mentees = [make_mentee("e1", needs=frozenset(tags[0:2] + tags[65:67]))]
    parts = score(RULES, mentors, mentees, HERNE)
    assert parts.row(0)["expertise"] == 0.5
    enc = encode(RULES, mentors, mentees, HERNE)
    assert enc.mentors.expertise.shape == (2, 2)
    fast = block_total(enc, np.arange(1), np.arange(1), enc.place_index["eickel"])
    assert fast[0, 0] == pytest.approx(parts.total[0], abs=1e-4)
