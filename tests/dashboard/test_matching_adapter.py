"""The adapter turns rows into engine input: the right people, the right fields, few queries."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from mentoring.eligibility import AgeRange
from mentoring.extensions import db
from mentoring.models import (
    ConsentRecord,
    PairExclusion,
    RequestStatus,
    Tandem,
    TandemStatus,
    VolunteerStatus,
)
from mentoring.operations.matching import build_engine_input, engine_age, mentee_key, mentor_key
from tests.support.proposals import (
    days_ago,
    make_request,
    make_volunteer,
    programme,
)


def _by_id(items):
    return {item.id: item for item in items}


def test_volunteer_fields_reach_the_engine(app):
    volunteer = make_volunteer(
        capacity=2,
        languages=("de", "tr"),
        tags=("bewerbung", "elektro"),
        slots=("tue-afternoon", "thu-morning"),
        certificate="valid",
        occupation="Elektriker",
        created_days_ago=40,
    )
    data = build_engine_input(programme("ausbildungspaten"))
    mentor = _by_id(data.mentors)[mentor_key(volunteer.id)]
    assert mentor.capacity_left == 2
    assert mentor.place == "eickel"
    assert mentor.languages == {"de", "tr"}
    assert mentor.expertise == {"bewerbung"}
    assert mentor.career_fields == {"elektro"}
    assert mentor.availability == {"tue-afternoon", "thu-morning"}
    assert mentor.police_certificate_valid is True
    assert mentor.occupation == "Elektriker"
    assert mentor.travel_radius_km == 10.0
    assert mentor.waiting_days == 40
    assert data.names[mentor_key(volunteer.id)] == volunteer.full_name
    assert data.labels.career_field("elektro") != "elektro"  # German label from the Tag row
    assert {p.code for p in data.places} >= {"eickel", "wanne", "sodingen"}


def test_request_fields_reach_the_engine(app):
    request_row = make_request(
        age=16,
        languages=("de", "ar"),
        tags=("mathe", "it"),
        career_goal="Fachinformatiker",
        created_days_ago=12,
    )
    data = build_engine_input(programme("ausbildungspaten"))
    mentee = _by_id(data.mentees)[mentee_key(request_row.id)]
    assert mentee.age == 16
    assert mentee.involves_minor is True
    assert mentee.place == "wanne"
    assert mentee.languages == {"de", "ar"}
    assert mentee.needs == {"mathe"}
    assert mentee.career_fields == {"it"}
    assert mentee.career_goal == "Fachinformatiker"
    assert mentee.waiting_days == 12
    adult = make_request(age=22)
    data = build_engine_input(programme("ausbildungspaten"))
    assert _by_id(data.mentees)[mentee_key(adult.id)].involves_minor is False


def test_only_matchable_people_are_loaded(app):
    ready = make_volunteer()
    active = make_volunteer(status=VolunteerStatus.ACTIVE)
    make_volunteer(status=VolunteerStatus.SCREENING)
    make_volunteer(status=VolunteerStatus.NEW)
    make_volunteer(programmes=("sprachlotsen",))
    erased = make_volunteer()
    erased.erased_at = days_ago(1)
    open_request = make_request()
    make_request(status=RequestStatus.NEW)
    make_request(programme_code="sprachlotsen", age=30)
    withdrawn = make_request(consent_withdrawn=True)
    busy = make_request()
    db.session.add(
        Tandem(
            programme_id=busy.programme_id,
            volunteer_id=active.id,
            request_id=busy.id,
            status=TandemStatus.ACTIVE,
        )
    )
    db.session.commit()

    data = build_engine_input(programme("ausbildungspaten"))
    assert {m.id for m in data.mentors} == {mentor_key(ready.id), mentor_key(active.id)}
    assert {e.id for e in data.mentees} == {mentee_key(open_request.id)}
    assert mentee_key(withdrawn.id) not in {e.id for e in data.mentees}


def test_capacity_left_counts_only_occupying_tandems(app):
    volunteer = make_volunteer(capacity=3, status=VolunteerStatus.ACTIVE)
    for status in (TandemStatus.ACTIVE, TandemStatus.PAUSED, TandemStatus.ENDED):
        other = make_request(status=RequestStatus.MATCHED)
        db.session.add(
            Tandem(
                programme_id=other.programme_id,
                volunteer_id=volunteer.id,
                request_id=other.id,
                status=status,
            )
        )
    db.session.commit()
    mentor = _by_id(build_engine_input(programme("ausbildungspaten")).mentors)[
        mentor_key(volunteer.id)
    ]
    assert mentor.capacity_left == 1
    assert mentor.waiting_days == 0  # already busy: not waiting


def test_withdrawn_volunteer_consent_is_not_matched_but_renewed_consent_is(app):
    volunteer = make_volunteer()
    db.session.add(
        ConsentRecord(
            volunteer_id=volunteer.id,
            text_version="v1",
            given_by_name="G",
            given_by_role="self",
            on_behalf_of="self",
            withdrawn_at=days_ago(2),
        )
    )
    db.session.commit()
    assert mentor_key(volunteer.id) not in {
        m.id for m in build_engine_input(programme("ausbildungspaten")).mentors
    }
    db.session.add(
        ConsentRecord(
            volunteer_id=volunteer.id,
            text_version="v2",
            given_by_name="G",
            given_by_role="self",
            on_behalf_of="self",
        )
    )
    db.session.commit()
    assert mentor_key(volunteer.id) in {
        m.id for m in build_engine_input(programme("ausbildungspaten")).mentors
    }


def test_exclusions_reach_both_sides(app):
    volunteer = make_volunteer()
    request_row = make_request()
    db.session.add(
        PairExclusion(volunteer_id=volunteer.id, request_id=request_row.id, reason="not_suitable")
    )
    db.session.commit()
    data = build_engine_input(programme("ausbildungspaten"))
    assert _by_id(data.mentors)[mentor_key(volunteer.id)].excluded == {mentee_key(request_row.id)}
    assert _by_id(data.mentees)[mentee_key(request_row.id)].excluded == {mentor_key(volunteer.id)}


def test_certificate_states(app):
    valid = make_volunteer(certificate="valid")
    expired = make_volunteer(certificate="expired")
    conviction = make_volunteer(certificate="conviction")
    missing = make_volunteer()
    mentors = _by_id(build_engine_input(programme("ausbildungspaten")).mentors)
    assert mentors[mentor_key(valid.id)].police_certificate_valid is True
    for person in (expired, conviction, missing):
        assert mentors[mentor_key(person.id)].police_certificate_valid is False


@pytest.mark.parametrize(
    ("ages", "limits", "expected"),
    [
        (AgeRange(13, 14), (14, 27), 14),  # the month may make them 14: benefit of the doubt
        (AgeRange(27, 28), (14, 27), 27),
        (AgeRange(16, 16), (14, 27), 16),
        (AgeRange(30, 31), (14, 27), 30),  # fits no way: the engine refuses it
    ],
)
def test_engine_age(ages, limits, expected):
    assert engine_age(ages, *limits) == expected


def test_number_of_queries_does_not_grow_with_people(app):
    def count_queries(n):
        for _ in range(n):
            make_volunteer(tags=("bewerbung",), languages=("de", "en"), certificate="valid")
            make_request(tags=("mathe",))
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            build_engine_input(programme("ausbildungspaten"))
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    few = count_queries(2)
    many = count_queries(15)
    assert few == many
    assert many <= 16


def test_waiting_days_from_created_at(app):
    request_row = make_request(created_days_ago=0)
    request_row.created_at = days_ago(0) - timedelta(days=45)
    db.session.commit()
    mentee = _by_id(build_engine_input(programme("ausbildungspaten")).mentees)[
        mentee_key(request_row.id)
    ]
    assert mentee.waiting_days == 45


def test_who_fits_loads_one_person_but_ranks_like_the_whole_programme(app):
    from mentoring import matching
    from mentoring.operations.matching import db_id, fitting_candidates

    volunteers = [
        make_volunteer(place_code=code, certificate="valid", tags=tags)
        for code, tags in [("wanne", ("mathe",)), ("eickel", ()), ("sodingen", ("mathe",))]
    ]
    requests = [make_request(place_code=code, tags=("mathe",)) for code in ("wanne", "crange")]
    p = programme("ausbildungspaten")
    full = build_engine_input(p)
    for request_row in requests:
        expected = matching.top_candidates(
            full.rules,
            full.mentors,
            full.mentees,
            full.places,
            full.labels,
            for_mentee=mentee_key(request_row.id),
        )
        found = fitting_candidates(programme=p, request_id=request_row.id)
        assert [(f.volunteer_id, round(f.score, 6)) for f in found] == [
            (db_id(c.mentor_id), round(c.score, 6)) for c in expected
        ]
        assert len(found) == 3
    found = fitting_candidates(programme=p, volunteer_id=volunteers[0].id)
    assert {f.request_id for f in found} == {r.id for r in requests}
