"""Plain German reasons for proposals and for people left unmatched; the translation hook."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from mentoring.matching import ProgrammeRules, Rule, Translator, propose, top_candidates
from mentoring.matching.text import number

from .conftest import HERNE, LABELS, RULES, make_mentee, make_mentor

ELECTRICIAN = make_mentor(
    "m1",
    occupation="Elektriker",
    career_fields=frozenset({"elektro"}),
    availability=frozenset({"tue-afternoon", "sat-morning"}),
)
APPRENTICE = make_mentee(
    "e1",
    career_fields=frozenset({"elektro"}),
    career_goal="Ausbildung als Elektroniker",
    availability=frozenset({"tue-afternoon"}),
    waiting_days=94,
)


def reasons_for(mentor, mentee, rules=RULES, **kwargs):
    result = propose(rules, [mentor], [mentee], HERNE, LABELS, **kwargs)
    (proposal,) = result.proposals
    return proposal.reasons


def test_the_example_from_the_issue():
    reasons = reasons_for(ELECTRICIAN, APPRENTICE)
    assert reasons == [
        "früher Elektriker – sucht Ausbildung als Elektroniker",
        "beide dienstags nachmittags frei",
        "Beide in Herne-Eickel",
        "wartet seit 94 Tagen",
    ]


@pytest.mark.parametrize(
    ("mentor_place", "mentee_place", "expected"),
    [
        ("mitte", "mitte", "Beide in Herne-Mitte"),
        ("mitte", "sued", "Beide im Stadtbezirk Herne-Mitte"),
        ("wanne", "sodingen", "6,9 km entfernt"),
    ],
)
def test_place_reason(mentor_place, mentee_place, expected):
    mentor = make_mentor(place=mentor_place, travel_radius_km=10.0)
    assert expected in reasons_for(mentor, make_mentee(place=mentee_place))


def test_two_slots_and_topics_and_language():
    mentor = make_mentor(
        availability=frozenset({"mon-morning", "tue-afternoon", "fri-evening"}),
        expertise=frozenset({"bewerbung", "mathe"}),
        languages=frozenset({"de", "ar"}),
    )
    mentee = make_mentee(
        availability=frozenset({"mon-morning", "tue-afternoon", "fri-evening"}),
        needs=frozenset({"bewerbung", "mathe"}),
        languages=frozenset({"de", "ar"}),
    )
    reasons = reasons_for(mentor, mentee)
    assert "beide montags vormittags und dienstags nachmittags frei" in reasons
    assert "kennt sich aus mit: Bewerbungen und Mathe" in reasons
    assert "beide sprechen Arabisch" in reasons
    assert len(reasons) <= 4


def test_german_alone_is_not_a_reason_and_short_waits_are_not_named():
    reasons = reasons_for(make_mentor(), make_mentee(waiting_days=5))
    assert not any("sprechen" in r or "wartet" in r for r in reasons)
    assert reasons_for(make_mentor(), make_mentee(waiting_days=1, place="eickel"))


def test_one_day_is_singular():
    mentor = make_mentor(waiting_days=0)
    rules = ProgrammeRules("p", max_waiting_days=1)
    tr = Translator(ngettext=lambda s, p, n: s if n == 1 else p)
    mentee = make_mentee(waiting_days=14)
    assert "wartet seit 14 Tagen" in reasons_for(mentor, mentee, rules, translate=tr)


def test_unmatched_because_of_a_rule():
    rules = ProgrammeRules("sprachlotsen", requires_shared_language=True)
    mentee = make_mentee(languages=frozenset({"uk"}))
    result = propose(rules, [make_mentor()], [mentee], HERNE, LABELS)
    (mentee_out, mentor_out) = result.unmatched
    assert mentee_out.person_id == "e1" and mentee_out.side == "mentee"
    assert mentee_out.reasons[0] == "Keine passende Person: niemand spricht eine gemeinsame Sprache"
    assert mentee_out.reasons[1] == "Gemeinsame Sprache schließt 1 von 1 aus"
    assert mentee_out.blocking_rules == [Rule.SHARED_LANGUAGE]
    assert mentor_out.side == "mentor"
    assert mentor_out.reasons[0] == "Keine passende Person: niemand spricht eine gemeinsame Sprache"


def test_unmatched_because_the_best_went_to_a_better_fit():
    mentees = [APPRENTICE, make_mentee("e2", place="eickel")]
    result = propose(RULES, [ELECTRICIAN], mentees, HERNE, LABELS)
    (unmatched,) = result.unmatched
    assert unmatched.person_id == "e2"
    assert unmatched.best_alternative == ("m1", "e1")
    assert unmatched.reasons == [
        "Es gab passende Personen, aber sie wurden anderen zugeteilt: m1 passte am besten, "
        "wurde aber mit e1 vermittelt, weil dort die Passung höher war (0,95 gegenüber 0,35)"
    ]


def test_names_replace_ids_in_reasons():
    mentees = [APPRENTICE, make_mentee("e2", place="eickel")]
    names = {"m1": "Herr Adler", "e1": "Familie Yilmaz"}
    result = propose(RULES, [ELECTRICIAN], mentees, HERNE, LABELS, names=names)
    assert (
        "Herr Adler passte am besten, wurde aber mit Familie Yilmaz vermittelt"
        in result.unmatched[0].reasons[0]
    )


def test_coverage_matches_more_people_and_names_who_took_the_place():
    # e1 fits m1 best but can also go to m2; e2 and e3 can only go to m1: coverage matches two
    # and leaves e2, whose best (m1) went to e3, the better fit.
    m1 = make_mentor("m1", expertise=frozenset({"mathe"}))
    m2 = make_mentor("m2", place="mitte", travel_places=frozenset({"eickel"}))
    e1 = make_mentee("e1", needs=frozenset({"mathe"}))
    e2 = make_mentee("e2", excluded=frozenset({"m2"}))
    e3 = make_mentee("e3", needs=frozenset({"mathe"}), excluded=frozenset({"m2"}), waiting_days=0)
    result = propose(RULES, [m1, m2], [e1, e2, e3], HERNE, LABELS)
    assert {(p.mentor_id, p.mentee_id) for p in result.proposals} == {("m1", "e3"), ("m2", "e1")}
    (left,) = result.unmatched
    assert left.person_id == "e2" and left.best_alternative == ("m1", "e3")
    assert "weil dort die Passung höher war" in left.reasons[0]


def test_mentor_left_over_hears_who_took_their_best_match():
    mentors = [ELECTRICIAN, make_mentor("m2", waiting_days=0)]
    result = propose(RULES, mentors, [APPRENTICE], HERNE, LABELS)
    (left,) = result.unmatched
    assert left.person_id == "m2" and left.side == "mentor"
    assert left.best_alternative == ("e1", "m1")
    assert "e1 passte am besten, wurde aber mit m1 vermittelt" in left.reasons[0]


def test_translate_hook_is_applied_to_every_text():
    catalogue = {
        "Beide in %(place)s": "Both in %(place)s",
        "beide %(slots)s frei": "both free %(slots)s",
        "dienstags": "on Tuesdays",
        "nachmittags": "in the afternoon",
    }
    reasons = reasons_for(ELECTRICIAN, APPRENTICE, translate=lambda s: catalogue.get(s, s))
    assert "Both in Herne-Eickel" in reasons
    assert "both free on Tuesdays in the afternoon" in reasons


def test_babel_extracts_the_german_msgids():
    root = Path(__file__).resolve().parents[2] / "mentoring" / "matching"
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(root):
        found |= {message} if isinstance(message, str) else set(message)
    assert {"Beide in %(place)s", "beide %(slots)s frei", "wartet seit %(num)d Tagen"} <= found
    assert {rule.label for rule in Rule} <= found and {rule.explanation for rule in Rule} <= found


def test_german_numbers():
    assert number(0.82) == "0,82"
    assert number(1234.5, 1) == "1.234,5"


def test_top_candidates_for_either_side():
    mentors = [ELECTRICIAN, make_mentor("m2"), make_mentor("m3", place="sodingen")]
    mentees = [APPRENTICE, make_mentee("e2")]
    best = top_candidates(RULES, mentors, mentees, HERNE, LABELS, for_mentee="e1")
    assert [c.mentor_id for c in best] == ["m1", "m2"]  # m3 cannot travel to Eickel
    assert best[0].reasons[0] == "früher Elektriker – sucht Ausbildung als Elektroniker"
    assert best[0].score > best[1].score
    for_mentor = top_candidates(RULES, mentors, mentees, HERNE, LABELS, for_mentor="m1", limit=1)
    assert [c.mentee_id for c in for_mentor] == ["e1"]
    with pytest.raises(ValueError):
        top_candidates(RULES, mentors, mentees, HERNE, for_mentee="e1", for_mentor="m1")
