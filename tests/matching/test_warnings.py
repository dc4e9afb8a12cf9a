"""Warnings name a pair's weak points; the common-language rule decides whether such a pair is
proposed at all. Runs, "who fits?" and a single pair judged on its own say the same."""

from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring.matching import (
    Labels,
    ProgrammeRules,
    Rule,
    explain_pair,
    propose,
    top_candidates,
    why_nobody_fits,
)
from mentoring.matching.encode import haversine_km

from .conftest import HERNE, LABELS, RULES
from .conftest import make_mentee as _make_mentee
from .conftest import make_mentor as _make_mentor


def make_mentor(id="m1", **overrides):
    """A volunteer free on Tuesday afternoons (the other factories give no free time)."""
    return _make_mentor(id, **{"availability": frozenset({"tue-afternoon"}), **overrides})


def make_mentee(id="e1", **overrides):
    """A mentee free on Tuesday afternoons."""
    return _make_mentee(id, **{"availability": frozenset({"tue-afternoon"}), **overrides})


PLACES = {p.code: p for p in HERNE}
KURDISH = Labels(languages={**LABELS.languages, "ku": "Kurdisch", "it": "Italienisch"})
# The example: an Arabic/Kurdish-speaking family and a German/Italian-speaking volunteer.
FAMILY = make_mentee("e1", languages=frozenset({"ar", "ku"}))
VOLUNTEER = make_mentor("m1", languages=frozenset({"de", "it"}))
NO_LANGUAGE = (
    "Keine gemeinsame Sprache: die Anfrage nennt Arabisch und Kurdisch, die ehrenamtliche "
    "Person Deutsch und Italienisch"
)


def warnings_of(mentor, mentee, rules=RULES, labels=LABELS):
    return explain_pair(rules, mentor, mentee, HERNE, labels).warnings


def test_a_pair_without_weak_points_has_no_warnings():
    assert warnings_of(make_mentor(), make_mentee()) == []


def test_no_common_language_with_the_rule_off_is_proposed_with_a_warning():
    rules = ProgrammeRules("familienpaten", requires_shared_language=False)
    result = propose(rules, [VOLUNTEER], [FAMILY], HERNE, KURDISH)
    (proposal,) = result.proposals
    assert proposal.warnings == [NO_LANGUAGE]
    (candidate,) = top_candidates(rules, [VOLUNTEER], [FAMILY], HERNE, KURDISH, for_mentee="e1")
    assert candidate.warnings == [NO_LANGUAGE]


def test_no_common_language_with_the_rule_on_is_never_proposed_and_the_why_not_says_so():
    rules = ProgrammeRules("familienpaten", requires_shared_language=True)
    result = propose(rules, [VOLUNTEER], [FAMILY], HERNE, KURDISH)
    assert result.proposals == []
    family, volunteer = result.unmatched
    assert family.reasons == [
        "Keine passende Person: niemand spricht eine gemeinsame Sprache",
        "Gemeinsame Sprache schließt 1 von 1 aus",
        "Sprachen der Anfrage: Arabisch und Kurdisch",
    ]
    assert volunteer.reasons[-1] == "Sprachen der ehrenamtlichen Person: Deutsch und Italienisch"
    assert top_candidates(rules, [VOLUNTEER], [FAMILY], HERNE, KURDISH, for_mentee="e1") == []
    assert (
        why_nobody_fits(rules, [VOLUNTEER], [FAMILY], HERNE, KURDISH, for_mentee="e1")
        == family.reasons
    )
    assert why_nobody_fits(rules, [VOLUNTEER], [FAMILY], HERNE, KURDISH, for_mentor="m1") == (
        volunteer.reasons
    )
    judged = explain_pair(rules, VOLUNTEER, FAMILY, HERNE, KURDISH)
    assert judged.broken_rules == [Rule.SHARED_LANGUAGE]
    assert judged.warnings == [NO_LANGUAGE]


def test_why_nobody_fits_is_empty_when_somebody_fits():
    rules = ProgrammeRules("familienpaten", requires_shared_language=False)
    assert why_nobody_fits(rules, [VOLUNTEER], [FAMILY], HERNE, KURDISH, for_mentee="e1") == []
    with pytest.raises(ValueError):
        why_nobody_fits(rules, [VOLUNTEER], [FAMILY], HERNE)


def test_languages_not_given_are_named_as_such():
    mentee = make_mentee(languages=frozenset())
    assert warnings_of(make_mentor(), mentee) == [
        "Keine gemeinsame Sprache: die Anfrage nennt keine Sprache, die ehrenamtliche Person "
        "Deutsch"
    ]


@pytest.mark.parametrize(
    ("mentor_slots", "mentee_slots", "expected"),
    [
        ({"tue-afternoon"}, {"tue-afternoon", "sat-morning"}, None),
        (
            {"mon-morning"},
            {"tue-afternoon"},
            "Keine gemeinsame freie Zeit: die Anfrage nennt dienstags nachmittags, die "
            "ehrenamtliche Person montags vormittags",
        ),
        (
            {"mon-morning", "mon-evening", "tue-morning", "wed-morning"},
            set(),
            "Keine gemeinsame freie Zeit: die Anfrage nennt keine Zeit, die ehrenamtliche Person "
            "montags vormittags, montags abends, dienstags vormittags und 1 weitere",
        ),
    ],
)
def test_no_shared_free_time(mentor_slots, mentee_slots, expected):
    mentor = make_mentor(availability=frozenset(mentor_slots))
    mentee = make_mentee(availability=frozenset(mentee_slots))
    assert warnings_of(mentor, mentee) == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("travel", "expected"),
    [
        ({"travel_radius_km": 8.0}, None),
        ({"travel_places": frozenset({"sodingen"}), "travel_radius_km": 2.0}, None),
        (
            {"travel_radius_km": 5.0},
            "Außerhalb der Reichweite: 7,8 km entfernt, die ehrenamtliche Person fährt bis 5,0 km",
        ),
        (
            {},
            "Außerhalb der Reichweite: 7,8 km entfernt und nicht in den Stadtteilen, die die "
            "ehrenamtliche Person angegeben hat",
        ),
    ],
)
def test_beyond_the_volunteers_reach(travel, expected):
    # Only a pair judged on its own can be out of reach: for runs, reach is a hard rule.
    mentor = make_mentor(place="roehlinghausen", **travel)
    judged = explain_pair(RULES, mentor, make_mentee(place="sodingen"), HERNE, LABELS)
    assert judged.warnings == ([expected] if expected else [])
    assert (Rule.TRAVEL in judged.broken_rules) is bool(expected)


@pytest.mark.parametrize(
    ("low", "high", "age", "expected"),
    [
        (14, 18, 17, None),
        (14, 16, 17, "Alter nicht wie gewünscht: die ehrenamtliche Person wünscht 14 bis 16 "
         "Jahre, hier 17 Jahre"),
        (18, None, 17, "Alter nicht wie gewünscht: die ehrenamtliche Person wünscht ab 18 "
         "Jahren, hier 17 Jahre"),
        (None, 15, 17, "Alter nicht wie gewünscht: die ehrenamtliche Person wünscht bis 15 "
         "Jahre, hier 17 Jahre"),
        (None, None, 17, None),
    ],
)  # fmt: skip
def test_the_volunteers_age_wish(low, high, age, expected):
    mentor = make_mentor(preferred_min_age=low, preferred_max_age=high)
    judged = explain_pair(RULES, mentor, make_mentee(age=age), HERNE, LABELS)
    assert judged.warnings == ([expected] if expected else [])
    assert ("Alter wie gewünscht" in judged.reasons) is (expected is None and low is not None)


def test_the_mentees_wished_language():
    mentee = make_mentee(languages=frozenset({"de", "ar"}), preferred_languages=frozenset({"ar"}))
    assert warnings_of(make_mentor(), mentee) == ["Wunschsprache der Anfrage nicht dabei: Arabisch"]
    speaks = make_mentor(languages=frozenset({"de", "ar"}))
    assert warnings_of(speaks, mentee) == []


@pytest.mark.parametrize(
    ("programme_requires", "minor", "warned"),
    [(True, False, True), (False, True, True), (False, False, False)],
)
def test_certificate_due_for_re_inspection(programme_requires, minor, warned):
    rules = ProgrammeRules("p", requires_police_certificate=programme_requires)
    mentor = make_mentor(police_certificate_due_soon=date(2027, 1, 15))
    mentee = make_mentee(involves_minor=minor)
    expected = ["Erweitertes Führungszeugnis: erneute Einsichtnahme fällig am 15.01.2027"]
    assert warnings_of(mentor, mentee, rules) == (expected if warned else [])
    assert warnings_of(make_mentor(), mentee, rules) == []


def test_warnings_come_in_a_fixed_order():
    mentor = make_mentor(
        languages=frozenset({"it"}),
        availability=frozenset({"mon-morning"}),
        preferred_max_age=10,
        police_certificate_due_soon=date(2027, 1, 15),
    )
    mentee = make_mentee(
        languages=frozenset({"ar"}), availability=frozenset({"sun-evening"}), involves_minor=True
    )
    found = warnings_of(mentor, mentee)
    assert [w.split(":")[0] for w in found] == [
        "Keine gemeinsame Sprache",
        "Keine gemeinsame freie Zeit",
        "Alter nicht wie gewünscht",
        "Erweitertes Führungszeugnis",
    ]


def test_the_translate_hook_reaches_the_warnings():
    catalogue = {"Keine gemeinsame freie Zeit: die Anfrage nennt %(mentee)s, die ehrenamtliche "
                 "Person %(mentor)s": "No common free time: %(mentee)s / %(mentor)s",
                 "montags": "Mondays", "vormittags": "mornings", "keine Zeit": "none"}  # fmt: skip
    mentor = make_mentor(availability=frozenset({"mon-morning"}))
    found = explain_pair(
        RULES,
        mentor,
        make_mentee(availability=frozenset()),
        HERNE,
        LABELS,
        translate=lambda s: catalogue.get(s, s),
    )
    assert found.warnings == ["No common free time: none / Mondays mornings"]


def test_babel_extracts_the_warning_msgids():
    root = Path(__file__).resolve().parents[2] / "mentoring" / "matching"
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(root):
        found |= {message} if isinstance(message, str) else set(message)
    assert "Keine gemeinsame Sprache: die Anfrage nennt %(mentee)s, die ehrenamtliche " \
        "Person %(mentor)s" in found  # fmt: skip
    assert "Erweitertes Führungszeugnis: erneute Einsichtnahme fällig am %(date)s" in found
    assert "Sprachen der Anfrage: %(languages)s" in found


# Property: each warning appears exactly when its condition holds, judged independently. ------

LANGS = st.frozensets(st.sampled_from(["de", "ar", "uk", "ku"]), max_size=2)
SLOTS = st.frozensets(st.sampled_from(["mon-morning", "tue-afternoon", "sat-morning"]), max_size=2)
CODES = sorted(PLACES)


@st.composite
def pairs(draw):
    mentor = make_mentor(
        "m1",
        place=draw(st.sampled_from(CODES)),
        travel_places=draw(st.frozensets(st.sampled_from(CODES), max_size=2)),
        travel_radius_km=draw(st.sampled_from([None, 1.0, 4.0, 8.0])),
        languages=draw(LANGS),
        availability=draw(SLOTS),
        preferred_min_age=draw(st.sampled_from([None, 6, 14])),
        preferred_max_age=draw(st.sampled_from([None, 10, 20])),
        police_certificate_valid=draw(st.booleans()),
        police_certificate_due_soon=draw(st.sampled_from([None, date(2027, 1, 15)])),
    )
    mentee = make_mentee(
        "e1",
        age=draw(st.sampled_from([None, 5, 12, 17, 25])),
        involves_minor=draw(st.booleans()),
        place=draw(st.sampled_from(CODES)),
        languages=draw(LANGS),
        availability=draw(SLOTS),
        preferred_languages=draw(st.sampled_from([frozenset(), frozenset({"ar"})])),
    )
    rules = ProgrammeRules(
        "p",
        requires_police_certificate=draw(st.booleans()),
        requires_shared_language=draw(st.booleans()),
    )
    return rules, mentor, mentee


def expected_kinds(rules, mentor, mentee) -> list[str]:
    """The warnings a pair should carry, decided without the engine."""
    kinds = []
    if not mentor.languages & mentee.languages:
        kinds.append("Keine gemeinsame Sprache")
    if not mentor.availability & mentee.availability:
        kinds.append("Keine gemeinsame freie Zeit")
    a, b = PLACES[mentor.place], PLACES[mentee.place]
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    near = mentor.travel_radius_km is not None and km <= mentor.travel_radius_km
    if not (mentee.place == mentor.place or mentee.place in mentor.travel_places or near):
        kinds.append("Außerhalb der Reichweite")
    low, high = mentor.preferred_min_age, mentor.preferred_max_age
    if mentee.age is not None and (
        (low is not None and mentee.age < low) or (high is not None and mentee.age > high)
    ):
        kinds.append("Alter nicht wie gewünscht")
    if (
        mentee.preferred_languages
        and mentor.languages & mentee.languages
        and not mentor.languages & mentee.preferred_languages
    ):
        kinds.append("Wunschsprache der Anfrage nicht dabei")
    needs = rules.requires_police_certificate or mentee.involves_minor
    if needs and mentor.police_certificate_valid and mentor.police_certificate_due_soon:
        kinds.append("Erweitertes Führungszeugnis")
    return kinds


@settings(max_examples=300, deadline=None)
@given(pairs())
def test_each_warning_appears_exactly_when_it_should(pair):
    rules, mentor, mentee = pair
    judged = explain_pair(rules, mentor, mentee, HERNE, LABELS)
    assert [w.split(":")[0] for w in judged.warnings] == expected_kinds(rules, mentor, mentee)


@settings(max_examples=200, deadline=None)
@given(pairs())
def test_runs_who_fits_and_a_single_pair_agree(pair):
    rules, mentor, mentee = pair
    judged = explain_pair(rules, mentor, mentee, HERNE, LABELS)
    result = propose(rules, [mentor], [mentee], HERNE, LABELS)
    fits = top_candidates(rules, [mentor], [mentee], HERNE, LABELS, for_mentee="e1")
    if judged.broken_rules:
        assert result.proposals == [] and fits == []
        assert why_nobody_fits(rules, [mentor], [mentee], HERNE, LABELS, for_mentee="e1")
        return
    # The language rule on: no pair without a common language is ever allowed.
    assert not (rules.requires_shared_language and not mentor.languages & mentee.languages)
    (fit,) = fits
    assert (fit.warnings, fit.reasons, fit.score) == (
        judged.warnings,
        judged.reasons,
        judged.score,
    )
    for proposal in result.proposals:
        assert (proposal.warnings, proposal.reasons) == (judged.warnings, judged.reasons)
    assert why_nobody_fits(rules, [mentor], [mentee], HERNE, LABELS, for_mentee="e1") == []
