"""Warnings and the common-language rule from the database: "Wer passt?", why nobody fits, and
one pair judged on its own (for proposals made by hand) say what the engine says."""

from datetime import timedelta

import pytest

from mentoring.clock import today
from mentoring.extensions import db
from mentoring.matching import Rule
from mentoring.pairing.fit import explain_pair, fitting_candidates, why_nobody_fits
from mentoring.safeguarding import add_years
from tests.support.factories import make_police_check, make_request, make_volunteer, programme

NO_LANGUAGE = (
    "Keine gemeinsame Sprache: die Anfrage nennt Arabisch und Kurdisch, die ehrenamtliche "
    "Person Deutsch und Italienisch"
)


def _shared_language_rule(code: str, on: bool):
    row = programme(code)
    row.requires_shared_language = on
    db.session.commit()
    return row


def _family_and_volunteer():
    """The issue's example: an Arabic/Kurdish-speaking family, a German/Italian volunteer."""
    family = make_request(
        programme_code="familienpaten", languages=("ar", "ku"), person_first_name="Amal"
    )
    volunteer = make_volunteer(
        programmes=("familienpaten",), languages=("de", "it"), certificate="valid"
    )
    return family, volunteer


def test_every_programme_has_the_common_language_rule_by_default(app):
    for code in ("ausbildungspaten", "familienpaten", "klein-trifft-gross", "sprachlotsen"):
        assert programme(code).requires_shared_language is True


def test_rule_on_the_family_is_never_offered_the_volunteer_and_the_why_not_says_so(app):
    family, volunteer = _family_and_volunteer()
    prog = programme("familienpaten")
    assert fitting_candidates(programme=prog, request_id=family.id) == []
    assert fitting_candidates(programme=prog, volunteer_id=volunteer.id) == []
    assert why_nobody_fits(programme=prog, request_id=family.id) == [
        "Keine passende Person: niemand spricht eine gemeinsame Sprache",
        "Gemeinsame Sprache schließt 1 von 1 aus",
        "Sprachen der Anfrage: Arabisch und Kurdisch",
    ]
    assert why_nobody_fits(programme=prog, volunteer_id=volunteer.id)[-1] == (
        "Sprachen der ehrenamtlichen Person: Deutsch und Italienisch"
    )
    judged = explain_pair(volunteer_id=volunteer.id, request_id=family.id)
    assert judged.broken_rules == [Rule.SHARED_LANGUAGE]
    assert judged.broken_rule_names == ["Gemeinsame Sprache"]
    assert judged.warnings == [NO_LANGUAGE]


def test_rule_off_the_pair_is_offered_with_the_warning(app):
    family, volunteer = _family_and_volunteer()
    prog = _shared_language_rule("familienpaten", False)
    (fit,) = fitting_candidates(programme=prog, request_id=family.id)
    assert fit.volunteer_id == volunteer.id and fit.warnings == [NO_LANGUAGE]
    (fit,) = fitting_candidates(programme=prog, volunteer_id=volunteer.id)
    assert fit.request_id == family.id and fit.warnings == [NO_LANGUAGE]
    assert why_nobody_fits(programme=prog, request_id=family.id) == []
    judged = explain_pair(volunteer_id=volunteer.id, request_id=family.id)
    assert judged.broken_rules == [] and judged.warnings == [NO_LANGUAGE]
    assert judged.reasons == fit.reasons and judged.score == fit.score


@pytest.mark.parametrize("days_left", [20, 100])
def test_certificate_due_for_re_inspection_within_the_warning_weeks(app, days_left):
    due = today() + timedelta(days=days_left)
    volunteer = make_volunteer(programmes=("familienpaten",))
    inspected = add_years(due, -5)
    make_police_check(volunteer, inspected_days_ago=(today() - inspected).days)
    family = make_request(programme_code="familienpaten")
    (fit,) = fitting_candidates(programme=programme("familienpaten"), request_id=family.id)
    warning = f"Erweitertes Führungszeugnis: erneute Einsichtnahme fällig am {due:%d.%m.%Y}"
    # POLICE_CHECK_WARN_WEEKS = 8: 20 days ahead is warned about, 100 days ahead is not yet.
    assert fit.warnings == ([warning] if days_left < 8 * 7 else [])


def test_warnings_from_the_volunteers_wishes_and_times(app):
    volunteer = make_volunteer(preferred_min_age=18, slots=("mon-morning",), certificate="valid")
    young = make_request(age=16, slots=("sat-morning",))
    (fit,) = fitting_candidates(programme=programme("ausbildungspaten"), volunteer_id=volunteer.id)
    assert fit.request_id == young.id
    assert fit.warnings == [
        "Keine gemeinsame freie Zeit: die Anfrage nennt samstags vormittags, die ehrenamtliche "
        "Person montags vormittags",
        "Alter nicht wie gewünscht: die ehrenamtliche Person wünscht ab 18 Jahren, hier 16 Jahre",
    ]


def test_a_pair_judged_on_its_own_names_every_broken_rule(app):
    volunteer = make_volunteer(
        programmes=("familienpaten",), place_code="sodingen", travel_radius_km=1.0
    )
    request_row = make_request(place_code="roehlinghausen", languages=("uk",))
    judged = explain_pair(volunteer_id=volunteer.id, request_id=request_row.id)
    assert judged.broken_rules == [
        Rule.PROGRAMME,
        Rule.POLICE_CERTIFICATE,
        Rule.SHARED_LANGUAGE,
        Rule.TRAVEL,
    ]
    assert judged.warnings[0].startswith("Keine gemeinsame Sprache")
    assert judged.warnings[1].startswith("Außerhalb der Reichweite")
    assert explain_pair(volunteer_id=volunteer.id, request_id=request_row.id + 999) is None
