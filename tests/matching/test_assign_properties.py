"""Property tests: the assignment is feasible, exact, deterministic and never worse than greedy."""

from functools import cache

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring.matching import ProgrammeRules, assign, propose
from mentoring.matching.encode import haversine_km

from .conftest import HERNE, LABELS, make_mentee, make_mentor

SETTINGS = settings(max_examples=100, deadline=None)
score_values = st.one_of(
    st.integers(0, 10_000).map(lambda x: x / 10_000), st.sampled_from([0.0, 0.5, 1.0])
)


@st.composite
def instances(draw, max_mentors=4, max_mentees=5, max_pairs=10):
    n_mentors = draw(st.integers(0, max_mentors))
    n_mentees = draw(st.integers(0, max_mentees))
    capacities = draw(st.lists(st.integers(0, 3), min_size=n_mentors, max_size=n_mentors))
    pairs = []
    if n_mentors and n_mentees:
        edge = st.tuples(st.integers(0, n_mentors - 1), st.integers(0, n_mentees - 1))
        pairs = sorted(draw(st.sets(edge, max_size=max_pairs)))
    scores = draw(st.lists(score_values, min_size=len(pairs), max_size=len(pairs)))
    mentor = np.array([i for i, _j in pairs], dtype=np.int64)
    mentee = np.array([j for _i, j in pairs], dtype=np.int64)
    return mentor, mentee, np.array(scores, dtype=np.float64), np.array(capacities), n_mentees


def solve(instance, **kwargs):
    mentor, mentee, score, capacities, n_mentees = instance
    return assign((mentor, mentee, score), capacities, n_mentees=n_mentees, **kwargs)


def points(result) -> int:
    return int(round(result.total * 10_000))


def brute_force(instance):
    """Return the best (matched, points) and the best points over all feasible assignments."""
    mentor, mentee, score, capacities, n_mentees = instance
    options = [
        [(int(mentor[k]), int(round(score[k] * 10_000))) for k in np.flatnonzero(mentee == j)]
        for j in range(n_mentees)
    ]

    @cache
    def best(j, left):
        if j == n_mentees:
            return (0, 0), 0
        skip_lex, skip_pts = best(j + 1, left)
        lex, pts = skip_lex, skip_pts
        for i, p in options[j]:
            if left[i] > 0:
                rest = left[:i] + (left[i] - 1,) + left[i + 1 :]
                sub_lex, sub_pts = best(j + 1, rest)
                lex = max(lex, (sub_lex[0] + 1, sub_lex[1] + p))
                pts = max(pts, sub_pts + p)
        return lex, pts

    return best(0, tuple(int(c) for c in capacities))


def assert_feasible(instance, result):
    mentor, mentee, score, capacities, n_mentees = instance
    allowed = {(int(i), int(j)): s for i, j, s in zip(mentor, mentee, score, strict=True)}
    assert len(set(result.mentee.tolist())) == result.matched == result.mentee.size
    used = np.bincount(result.mentor, minlength=capacities.size)
    assert (used <= capacities).all()
    for i, j, s in zip(
        result.mentor.tolist(), result.mentee.tolist(), result.score.tolist(), strict=True
    ):
        assert round(allowed[(i, j)], 4) == s


@SETTINGS
@given(instances())
def test_optimal_equals_brute_force(instance):
    best_lex, best_points = brute_force(instance)
    coverage = solve(instance)
    assert_feasible(instance, coverage)
    assert (coverage.matched, points(coverage)) == best_lex
    by_score = solve(instance, objective="score")
    assert_feasible(instance, by_score)
    assert points(by_score) == best_points


@SETTINGS
@given(instances(max_mentors=8, max_mentees=12, max_pairs=40))
def test_never_worse_than_greedy_and_coverage_first(instance):
    coverage = solve(instance)
    by_score = solve(instance, objective="score")
    greedy = solve(instance, method="greedy")
    for result in (coverage, by_score, greedy):
        assert_feasible(instance, result)
    assert (coverage.matched, points(coverage)) >= (greedy.matched, points(greedy))
    assert points(by_score) >= points(greedy)
    assert coverage.matched >= by_score.matched
    assert points(by_score) >= points(coverage)


@settings(max_examples=60, deadline=None)
@given(instances(max_mentors=8, max_mentees=15, max_pairs=50))
def test_coverage_matches_networkx_min_cost_flow(instance):
    mentor, mentee, score, capacities, n_mentees = instance
    graph = nx.DiGraph()
    flow = int(min(capacities.sum(), n_mentees))
    graph.add_node("s", demand=-flow)
    graph.add_node("t", demand=flow)
    graph.add_edge("s", "t", capacity=flow, weight=0)
    for i, c in enumerate(capacities.tolist()):
        graph.add_edge("s", ("m", i), capacity=c, weight=0)
    for j in range(n_mentees):
        graph.add_edge(("e", j), "t", capacity=1, weight=0)
    big = 10_000 * (n_mentees + 1)
    for i, j, s in zip(mentor.tolist(), mentee.tolist(), score.tolist(), strict=True):
        graph.add_edge(("m", i), ("e", j), capacity=1, weight=-(big + round(s * 10_000)))
    cost = nx.cost_of_flow(graph, nx.min_cost_flow(graph))
    result = solve(instance)
    assert -(result.matched * big + points(result)) == cost


@SETTINGS
@given(instances(max_mentors=6, max_mentees=8, max_pairs=30), st.randoms(use_true_random=False))
def test_deterministic_whatever_the_input_order(instance, random):
    mentor, mentee, score, capacities, n_mentees = instance
    order = list(range(mentor.size))
    random.shuffle(order)
    shuffled = (mentor[order], mentee[order], score[order], capacities, n_mentees)
    for kwargs in ({}, {"objective": "score"}, {"method": "greedy"}):
        a, b = solve(instance, **kwargs), solve(shuffled, **kwargs)
        assert a.mentor.tolist() == b.mentor.tolist() and a.mentee.tolist() == b.mentee.tolist()


def test_ties_go_to_the_higher_priority_mentee():
    # One seat, two equal mentees: the lower rank (longer waiting, then smaller id) wins.
    pairs = (np.array([0, 0]), np.array([0, 1]), np.array([0.5, 0.5]))
    for method in ("optimal", "greedy"):
        first = assign(pairs, [1], n_mentees=2, method=method)
        assert first.mentee.tolist() == [0]
        second = assign(pairs, [1], n_mentees=2, method=method, mentee_rank=np.array([1, 0]))
        assert second.mentee.tolist() == [1]


def test_coverage_gives_up_score_for_more_people():
    # m0 fits e0 best, but only m0 can take e1: coverage matches both, score keeps the 0.9.
    pairs = (np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([0.9, 0.2, 0.1]))
    coverage = assign(pairs, [1, 1], n_mentees=2)
    assert coverage.matched == 2 and coverage.total == pytest.approx(0.3)
    by_score = assign(pairs, [1, 1], n_mentees=2, objective="score")
    assert by_score.matched == 1 and by_score.total == pytest.approx(0.9)
    greedy = assign(pairs, [1, 1], n_mentees=2, method="greedy")
    assert greedy.matched == 1 and greedy.total == pytest.approx(0.9)


def test_empty_and_bad_arguments():
    empty = (np.array([], dtype=int), np.array([], dtype=int), np.array([]))
    result = assign(empty, [], n_mentees=0)
    assert result.matched == 0 and result.total == 0
    with pytest.raises(ValueError, match="objective"):
        assign(empty, [], objective="fastest")
    with pytest.raises(ValueError, match="method"):
        assign(empty, [], method="magic")


codes = [p.code for p in HERNE]
PLACES = {p.code: p for p in HERNE}
langs = st.frozensets(st.sampled_from(["de", "ar", "uk"]), min_size=1, max_size=2)


@st.composite
def programmes(draw):
    n_mentors, n_mentees = draw(st.integers(0, 5)), draw(st.integers(0, 7))
    mentors = [
        make_mentor(
            f"m{i}",
            capacity_left=draw(st.integers(0, 2)),
            place=draw(st.sampled_from(codes)),
            travel_radius_km=draw(st.sampled_from([None, 2.0, 5.0])),
            travel_places=draw(st.frozensets(st.sampled_from(codes), max_size=2)),
            languages=draw(langs),
            police_certificate_valid=draw(st.booleans()),
            expertise=draw(st.frozensets(st.sampled_from(["mathe", "bewerbung"]))),
            availability=draw(st.frozensets(st.sampled_from(["mon-morning", "tue-afternoon"]))),
            excluded=draw(st.frozensets(st.sampled_from([f"e{j}" for j in range(7)]), max_size=2)),
            waiting_days=draw(st.integers(0, 200)),
        )
        for i in range(n_mentors)
    ]
    mentees = [
        make_mentee(
            f"e{j}",
            age=draw(st.one_of(st.none(), st.integers(10, 30))),
            involves_minor=draw(st.booleans()),
            place=draw(st.sampled_from(codes)),
            languages=draw(langs),
            needs=draw(st.frozensets(st.sampled_from(["mathe", "bewerbung"]))),
            availability=draw(st.frozensets(st.sampled_from(["mon-morning", "tue-afternoon"]))),
            excluded=draw(st.frozensets(st.sampled_from([f"m{i}" for i in range(5)]), max_size=2)),
            waiting_days=draw(st.integers(0, 200)),
        )
        for j in range(n_mentees)
    ]
    rules = ProgrammeRules(
        "p",
        min_age=draw(st.sampled_from([None, 14])),
        max_age=draw(st.sampled_from([None, 27])),
        requires_police_certificate=draw(st.booleans()),
        requires_shared_language=draw(st.booleans()),
    )
    return rules, mentors, mentees


def breaks_a_rule(rules, mentor, mentee) -> bool:
    """Check the hard rules independently of the engine."""
    if (rules.min_age is not None or rules.max_age is not None) and mentee.age is None:
        return True
    if rules.min_age is not None and mentee.age < rules.min_age:
        return True
    if rules.max_age is not None and mentee.age > rules.max_age:
        return True
    if (
        rules.requires_police_certificate or mentee.involves_minor
    ) and not mentor.police_certificate_valid:
        return True
    if rules.requires_shared_language and not mentor.languages & mentee.languages:
        return True
    a, b = PLACES[mentor.place], PLACES[mentee.place]
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    near = mentor.travel_radius_km is not None and km <= mentor.travel_radius_km
    if not (mentee.place == mentor.place or mentee.place in mentor.travel_places or near):
        return True
    return mentee.id in mentor.excluded or mentor.id in mentee.excluded


@settings(max_examples=80, deadline=None)
@given(programmes(), st.sampled_from(["coverage", "score"]), st.sampled_from(["optimal", "greedy"]))
def test_proposals_never_break_a_hard_rule_or_a_capacity(programme, objective, method):
    rules, mentors, mentees = programme
    result = propose(rules, mentors, mentees, HERNE, LABELS, objective=objective, method=method)
    by_id = {m.id: m for m in mentors} | {e.id: e for e in mentees}
    load = {}
    for p in result.proposals:
        assert not breaks_a_rule(rules, by_id[p.mentor_id], by_id[p.mentee_id])
        assert p.reasons and 0 <= p.score <= 1
        load[p.mentor_id] = load.get(p.mentor_id, 0) + 1
    assert all(load[m] <= by_id[m].capacity_left for m in load)
    assert len({p.mentee_id for p in result.proposals}) == len(result.proposals)
    matched = {p.mentee_id for p in result.proposals}
    unmatched = {u.person_id for u in result.unmatched if u.side == "mentee"}
    assert matched | unmatched == {e.id for e in mentees} and not matched & unmatched
    assert all(u.reasons for u in result.unmatched)


@settings(max_examples=60, deadline=None)
@given(programmes(), st.randoms(use_true_random=False))
def test_same_people_in_another_order_give_the_same_proposals(programme, random):
    rules, mentors, mentees = programme
    first = propose(rules, mentors, mentees, HERNE, LABELS)
    mentors, mentees = list(mentors), list(mentees)
    random.shuffle(mentors)
    random.shuffle(mentees)
    again = propose(rules, mentors, mentees, HERNE, LABELS)
    assert sorted((p.mentor_id, p.mentee_id) for p in first.proposals) == sorted(
        (p.mentor_id, p.mentee_id) for p in again.proposals
    )
