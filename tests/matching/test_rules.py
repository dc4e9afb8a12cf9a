"""Each hard rule removes exactly the pairs it should, and is named when it blocks everyone."""

import numpy as np
import pytest

from mentoring.matching import ProgrammeRules, Rule, candidates
from mentoring.matching.candidates import allowed_pairs
from mentoring.matching.encode import encode, haversine_km

from .conftest import HERNE, RULES, make_mentee, make_mentor


def pairs_of(cs):
    return {(cs.mentor_ids[i], cs.mentee_ids[j]) for i, j in zip(cs.mentor, cs.mentee, strict=True)}


def test_allowed_pair_is_a_candidate():
    cs = candidates(RULES, [make_mentor()], [make_mentee()], HERNE)
    assert pairs_of(cs) == {("m1", "e1")}
    assert cs.blocked == {}


@pytest.mark.parametrize(
    ("age", "allowed"), [(13, False), (14, True), (27, True), (28, False), (None, False)]
)
def test_programme_age_limits(age, allowed):
    cs = candidates(RULES, [make_mentor()], [make_mentee(age=age)], HERNE)
    assert bool(pairs_of(cs)) is allowed
    if not allowed:
        assert cs.blocked[0] == {Rule.PROGRAMME_AGE: 1}


def test_unknown_age_passes_without_limits():
    rules = ProgrammeRules("sprachlotsen")
    cs = candidates(rules, [make_mentor()], [make_mentee(age=None)], HERNE)
    assert pairs_of(cs) == {("m1", "e1")}


@pytest.mark.parametrize(
    ("programme_requires", "minor", "certificate", "allowed"),
    [
        (False, False, False, True),
        (False, True, False, False),  # §72a: a minor always needs the certificate
        (False, True, True, True),
        (True, False, False, False),
        (True, False, True, True),
    ],
)
def test_police_certificate(programme_requires, minor, certificate, allowed):
    rules = ProgrammeRules("p", requires_police_certificate=programme_requires)
    mentor = make_mentor(police_certificate_valid=certificate)
    cs = candidates(rules, [mentor], [make_mentee(involves_minor=minor)], HERNE)
    assert bool(pairs_of(cs)) is allowed
    if not allowed:
        assert Rule.POLICE_CERTIFICATE in cs.blocked[0]


@pytest.mark.parametrize(
    ("required", "mentor_langs", "mentee_langs", "allowed"),
    [
        (True, {"de", "ar"}, {"ar"}, True),
        (True, {"de"}, {"uk"}, False),
        (False, {"de"}, {"uk"}, True),
    ],
)
def test_shared_language(required, mentor_langs, mentee_langs, allowed):
    rules = ProgrammeRules("sprachlotsen", requires_shared_language=required)
    mentor = make_mentor(languages=frozenset(mentor_langs))
    mentee = make_mentee(languages=frozenset(mentee_langs))
    cs = candidates(rules, [mentor], [mentee], HERNE)
    assert bool(pairs_of(cs)) is allowed
    if not allowed:
        assert cs.blocked[0] == {Rule.SHARED_LANGUAGE: 1}


@pytest.mark.parametrize(
    ("travel", "allowed"),
    [
        ({}, False),  # neither places nor radius: only the own quarter
        ({"travel_places": frozenset({"sodingen"})}, True),
        ({"travel_radius_km": 5.0}, False),  # Röhlinghausen to Sodingen is about 7.6 km
        ({"travel_radius_km": 8.0}, True),
    ],
)
def test_travel(travel, allowed):
    mentor = make_mentor(place="roehlinghausen", **travel)
    cs = candidates(RULES, [mentor], [make_mentee(place="sodingen")], HERNE)
    assert bool(pairs_of(cs)) is allowed
    if not allowed:
        assert cs.blocked[0] == {Rule.TRAVEL: 1}


def test_own_quarter_is_always_reachable():
    mentor = make_mentor(place="wanne", travel_places=frozenset({"crange"}))
    cs = candidates(RULES, [mentor], [make_mentee(place="wanne")], HERNE)
    assert pairs_of(cs) == {("m1", "e1")}


@pytest.mark.parametrize("side", ["mentor", "mentee"])
def test_exclusions_of_either_side(side):
    mentors = [make_mentor("m1"), make_mentor("m2")]
    mentees = [make_mentee("e1"), make_mentee("e2")]
    if side == "mentor":
        mentors[0] = make_mentor("m1", excluded=frozenset({"e1"}))
    else:
        mentees[0] = make_mentee("e1", excluded=frozenset({"m1"}))
    cs = candidates(RULES, mentors, mentees, HERNE)
    assert pairs_of(cs) == {("m2", "e1"), ("m1", "e2"), ("m2", "e2")}


def test_exclusion_blocking_everyone_is_named():
    mentee = make_mentee(excluded=frozenset({"m1"}))
    cs = candidates(RULES, [make_mentor()], [mentee], HERNE)
    assert cs.blocked[0] == {Rule.EXCLUDED: 1}


def test_capacity_left():
    mentors = [make_mentor("m1", capacity_left=0), make_mentor("m2", capacity_left=2)]
    cs = candidates(RULES, mentors, [make_mentee()], HERNE)
    assert pairs_of(cs) == {("m2", "e1")}
    cs = candidates(RULES, mentors[:1], [make_mentee()], HERNE)
    assert cs.blocked[0] == {Rule.CAPACITY: 1}


def test_programme_codes_when_given():
    mentors = [make_mentor("m1", programmes=frozenset({"familienpaten"})), make_mentor("m2")]
    mentees = [make_mentee("e1"), make_mentee("e2", programme="familienpaten")]
    cs = candidates(RULES, mentors, mentees, HERNE)
    assert pairs_of(cs) == {("m2", "e1")}
    assert cs.blocked[1] == {Rule.PROGRAMME: 2}


def test_blocked_counts_rank_the_most_blocking_rule_first():
    mentors = [
        make_mentor("m1", place="sodingen"),
        make_mentor("m2", place="sodingen"),
        make_mentor("m3", police_certificate_valid=False),
    ]
    cs = candidates(RULES, mentors, [make_mentee(involves_minor=True)], HERNE)
    assert list(cs.blocked[0].items()) == [(Rule.TRAVEL, 2), (Rule.POLICE_CERTIFICATE, 1)]


def test_keeps_best_per_mentee_and_each_mentors_best():
    mentors = [
        make_mentor(f"m{i}", expertise=frozenset({"mathe"}) if i < 3 else frozenset())
        for i in range(6)
    ]
    mentees = [make_mentee("e1", needs=frozenset({"mathe"})), make_mentee("e2")]
    cs = candidates(RULES, mentors, mentees, HERNE, max_per_mentee=2)
    got = pairs_of(cs)
    # Each mentee keeps at least its two best; every mentor keeps its own best mentee.
    assert {m for m, e in got if e == "e1"} >= {"m0", "m1"}
    assert {m for m, _e in got} == {f"m{i}" for i in range(6)}


def test_candidates_keep_every_rule_on_random_profiles():
    rng = np.random.default_rng(7)
    codes = [p.code for p in HERNE]
    mentors = [
        make_mentor(
            f"m{i}",
            place=codes[rng.integers(len(codes))],
            travel_radius_km=float(rng.choice([1.0, 3.0])),
            capacity_left=int(rng.integers(0, 3)),
            police_certificate_valid=bool(rng.random() < 0.5),
            languages=frozenset(rng.choice(["de", "ar", "uk"], 2).tolist()),
        )
        for i in range(40)
    ]
    mentees = [
        make_mentee(
            f"e{j}",
            age=int(rng.integers(10, 30)),
            place=codes[rng.integers(len(codes))],
            involves_minor=bool(rng.random() < 0.5),
            languages=frozenset(rng.choice(["ar", "uk", "tr"], 1).tolist()),
            excluded=frozenset({f"m{j % 40}"}),
        )
        for j in range(60)
    ]
    rules = ProgrammeRules("p", 14, 27, requires_shared_language=True)
    cs = candidates(rules, mentors, mentees, HERNE, max_per_mentee=1000)
    enc = encode(rules, mentors, mentees, HERNE)
    grid_m, grid_e = np.meshgrid(np.arange(40), np.arange(60))
    ok = allowed_pairs(enc, grid_m.ravel(), grid_e.ravel())
    expected = {
        (f"m{i}", f"e{j}") for i, j in zip(grid_m.ravel()[ok], grid_e.ravel()[ok], strict=True)
    }
    assert pairs_of(cs) == expected
    for mentor, mentee in expected:
        m, e = mentors[int(mentor[1:])], mentees[int(mentee[1:])]
        assert m.capacity_left > 0 and 14 <= e.age <= 27
        assert m.languages & e.languages
        assert m.police_certificate_valid or not e.involves_minor
        assert m.id not in e.excluded
        km = {p.code: p for p in HERNE}
        a, b = km[m.place], km[e.place]
        assert m.place == e.place or haversine_km(a.lat, a.lon, b.lat, b.lon) <= m.travel_radius_km


def test_haversine_is_about_right():
    # Herne-Mitte to Sodingen: roughly 2.5 km.
    assert 2.0 < haversine_km(51.538, 7.219, 51.535, 7.255) < 3.0


def test_rule_labels_and_explanations_are_german_msgids():
    for rule in Rule:
        assert rule.label and rule.explanation and rule.mentor_explanation
    assert Rule.SHARED_LANGUAGE.explanation == "niemand spricht eine gemeinsame Sprache"
