""" "Wer passt?" narrows the other side in SQL first; the result must equal the full engine's."""

import random
from datetime import timedelta

import pytest
from sqlalchemy import select

from mentoring import clock, matching
from mentoring.extensions import db
from mentoring.models import (
    MenteeRequest,
    Place,
    Programme,
    RequestStatus,
    Tag,
    TagKind,
    Volunteer,
    VolunteerStatus,
)
from mentoring.operations import OperationError
from mentoring.pairing.engine_input import build_engine_input, db_id, mentee_key, mentor_key
from mentoring.pairing.fit import fitting_candidates
from tests.support.factories import make_request, make_volunteer

PROGRAMMES = ("ausbildungspaten", "familienpaten", "klein-trifft-gross", "sprachlotsen")
LANGUAGES = ("de", "en", "ar", "tr", "uk")


def _small_world(seed: int) -> None:
    rng = random.Random(seed)
    places = list(db.session.scalars(select(Place.code).order_by(Place.id)))
    tags = list(db.session.scalars(select(Tag.code).where(Tag.kind == TagKind.EXPERTISE)))
    for _ in range(40):
        make_volunteer(
            programmes=tuple(rng.sample(PROGRAMMES, rng.randint(1, 2))),
            status=rng.choice([VolunteerStatus.READY] * 4 + [VolunteerStatus.SCREENING]),
            place_code=rng.choice(places),
            capacity=rng.randint(1, 2),
            languages=tuple(rng.sample(LANGUAGES, rng.randint(1, 2))),
            tags=tuple(rng.sample(tags, 2)),
            slots=tuple(rng.sample(["tue-afternoon", "wed-evening", "sat-morning"], 2)),
            certificate=rng.choice(["valid", "valid", "expired", None]),
            created_days_ago=rng.randint(0, 200),
            travel_radius_km=rng.choice([None, 0.5, 2.0, 4.0, 8.0]),
            preferred_max_age=rng.choice([None, None, 12, 20]),
        )
    for _ in range(60):
        make_request(
            programme_code=rng.choice(PROGRAMMES),
            age=rng.randint(0, 30),
            status=rng.choice([RequestStatus.OPEN] * 4 + [RequestStatus.NEW]),
            place_code=rng.choice(places),
            languages=tuple(rng.sample(LANGUAGES, rng.randint(1, 2))),
            tags=tuple(rng.sample(tags, 2)),
            slots=tuple(rng.sample(["tue-afternoon", "wed-evening", "sat-morning"], 1)),
            created_days_ago=rng.randint(0, 200),
        )


def _expected(full, **person) -> list[tuple[int, int, float, list[str], list[str]]]:
    found = matching.top_candidates(
        full.rules, full.mentors, full.mentees, full.places, full.labels, limit=50, **person
    )
    return [
        (db_id(c.mentor_id), db_id(c.mentee_id), round(c.score, 9), c.reasons, c.warnings)
        for c in found
    ]


def _found(**person) -> list[tuple[int, int, float, list[str], list[str]]]:
    try:
        found = fitting_candidates(limit=50, **person)
    except OperationError:
        return None
    return [(f.volunteer_id, f.request_id, round(f.score, 9), f.reasons, f.warnings) for f in found]


@pytest.mark.parametrize(("seed", "shared_language"), [(1, True), (2, True), (1, False)])
def test_who_fits_equals_the_full_engine_for_every_person(app, seed, shared_language):
    _small_world(seed)
    for code in PROGRAMMES:
        db.session.scalar(
            select(Programme).where(Programme.code == code)
        ).requires_shared_language = shared_language
    db.session.commit()
    compared = warned = 0
    for code in PROGRAMMES:
        p = db.session.scalar(select(Programme).where(Programme.code == code))
        full = build_engine_input(p)
        mentors = {m.id for m in full.mentors}
        mentees = {e.id for e in full.mentees}
        for vid in db.session.scalars(select(Volunteer.id).order_by(Volunteer.id)):
            found = _found(programme=p, volunteer_id=vid)
            if mentor_key(vid) not in mentors:
                assert found is None
                continue
            assert found == _expected(full, for_mentor=mentor_key(vid))
            compared += bool(found)
            warned += any(f[4] for f in found)
        for rid in db.session.scalars(
            select(MenteeRequest.id).where(MenteeRequest.programme_id == p.id)
        ):
            found = _found(programme=p, request_id=rid)
            if mentee_key(rid) not in mentees:
                assert found is None
                continue
            assert found == _expected(full, for_mentee=mentee_key(rid))
            compared += bool(found)
    assert compared > 20  # the world is not so sparse that nothing is compared
    assert warned  # and some pairs carry warnings


def test_matchable_and_open_mean_the_same_in_python_and_sql(app):
    _small_world(3)
    make_volunteer(status=VolunteerStatus.ACTIVE)
    make_request(consent_withdrawn=True)
    # Pauses and holds: running (until today or later, or without an end) and over.
    for offset in (-1, 0, 10):
        make_volunteer(paused_until=clock.today() + timedelta(days=offset))
        make_request(on_hold=True, on_hold_until=clock.today() + timedelta(days=offset))
    make_request(on_hold=True)
    for model, flag in (
        (Volunteer, Volunteer.is_matchable),
        (MenteeRequest, MenteeRequest.is_open),
        (Volunteer, Volunteer.is_paused),
        (MenteeRequest, MenteeRequest.is_held),
    ):
        in_sql = set(db.session.scalars(select(model.id).where(flag)))
        rows = db.session.scalars(select(model)).all()
        in_python = {row.id for row in rows if getattr(row, flag.key)}
        assert in_sql == in_python
        assert 0 < len(in_sql) < len(rows)


def test_who_fits_leaves_out_paused_volunteers_and_held_requests_until_expiry(app):
    programme = db.session.scalar(select(Programme).where(Programme.code == "ausbildungspaten"))
    volunteer = make_volunteer(certificate="valid", place_code="wanne")
    mentee_request = make_request(place_code="wanne")
    found = fitting_candidates(programme=programme, request_id=mentee_request.id)
    assert [f.volunteer_id for f in found] == [volunteer.id]

    volunteer.paused_until = clock.today()
    db.session.commit()
    assert fitting_candidates(programme=programme, request_id=mentee_request.id) == []
    with pytest.raises(OperationError, match="pausiert bis"):
        fitting_candidates(programme=programme, volunteer_id=volunteer.id)
    volunteer.paused_until = clock.today() - timedelta(days=1)  # the pause is over
    mentee_request.on_hold, mentee_request.on_hold_until = True, clock.today()
    db.session.commit()
    assert fitting_candidates(programme=programme, volunteer_id=volunteer.id) == []
    with pytest.raises(OperationError, match="zurückgestellt bis"):
        fitting_candidates(programme=programme, request_id=mentee_request.id)
    mentee_request.on_hold_until = clock.today() - timedelta(days=1)
    db.session.commit()
    assert [
        f.request_id for f in fitting_candidates(programme=programme, volunteer_id=volunteer.id)
    ] == [mentee_request.id]
    full = build_engine_input(programme)
    assert mentor_key(volunteer.id) in {m.id for m in full.mentors}
    assert mentee_key(mentee_request.id) in {m.id for m in full.mentees}
