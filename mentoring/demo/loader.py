"""Load the demo set or a synthetic set into the database (`flask demo load`)."""

from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import func, or_, select

from mentoring import clock
from mentoring.demo.generate import EMAIL_DOMAIN, demo_counts, generate
from mentoring.demo.reference import Reference
from mentoring.demo.staff import DEMO_STAFF_EMAIL, ensure_demo_staff
from mentoring.demo.store import store_people
from mentoring.exceptions import OperationError
from mentoring.extensions import db
from mentoring.models import DuplicateSignup, MenteeRequest, Volunteer

# Demo people have addresses in the reserved domain example.org (RFC 2606), which no real person
# can have: a record with any other address was not made by the loader.
DEMO_ADDRESS = f"%@{EMAIL_DOMAIN}"


def load_demo(
    *, volunteers: int | None, requests: int | None, seed: int = 2021, if_empty: bool = False
) -> str:
    """Store fictional people and the demo staff account; return a one-line German report.

    * volunteers and requests both None: the demo set of 60 volunteers and 150 requests over all
      active programmes and all places of Herne.
    * Either given: a synthetic set of that size built by the same generators (for load tests).
      A missing count follows the demo ratio: volunteers=N alone gives int(N * 2.5) requests,
      requests=M alone gives int(M / 2.5) volunteers.
    * if_empty: do nothing when any volunteer or request is stored (``make run`` calls this on
      every start).
    * Refused (OperationError) in production and on a database with people the loader did not
      make, so the demo account with its published password never joins real data.

    The demo staff account (DEMO_STAFF_EMAIL / DEMO_STAFF_PASSWORD, admin of all departments) is
    created unless it exists. Everything is written in one transaction (a failure rolls all of it
    back). Rows are written in bulk: COPY on PostgreSQL with ids reserved from the sequences,
    Core executemany with RETURNING elsewhere; neither collides with concurrent sign-ups. E-mail
    numbers start above the highest stored id, so repeated loads keep addresses unique.
    Ready volunteers get interview and training dates and, for programmes with minors, a police
    certificate inspection (by the demo account).
    """
    if if_empty and _people_exist():
        return "Demo-Daten nicht geladen: Es sind bereits Ehrenamtliche oder Anfragen gespeichert."
    refuse_outside_development()
    n_volunteers, n_requests = demo_counts(volunteers, requests)
    synthetic = volunteers is not None or requests is not None
    try:
        data = generate(
            Reference.from_database(),
            volunteers=n_volunteers,
            requests=n_requests,
            seed=seed,
            now=datetime.now(UTC),
            today=clock.today(),
            privacy_version=current_app.config["PRIVACY_TEXT_VERSION"],
            first_volunteer_number=(db.session.scalar(select(func.max(Volunteer.id))) or 0) + 1,
            first_request_number=(db.session.scalar(select(func.max(MenteeRequest.id))) or 0) + 1,
            taken_references=_taken_references(),
        )
        store_people(data, ensure_demo_staff())
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    label = "Synthetische Daten" if synthetic else "Demo-Daten"
    return (
        f"{label}: {len(data.volunteers)} Ehrenamtliche, {len(data.requests)} Anfragen, "
        f"Demo-Zugang {DEMO_STAFF_EMAIL}"
    )


def refuse_outside_development() -> None:
    """Demo data (and its account with a published password) never reach real data."""
    if current_app.config.get("MENTORING_ENV") == "production":
        raise OperationError(
            "Demo-Daten werden im Produktivbetrieb nicht geladen (MENTORING_ENV=production)."
        )
    if _real_people_exist():
        raise OperationError(
            "Demo-Daten nicht geladen: Die Datenbank enthält Anmeldungen, die nicht vom "
            "Demo-Lader stammen."
        )


def _real_people_exist() -> bool:
    return (
        # A sign-up without an e-mail address is never one of the demo's (they all have one).
        db.session.scalar(select(Volunteer.id).where(_not_demo(Volunteer.email)).limit(1))
        is not None
        or db.session.scalar(
            select(MenteeRequest.id).where(_not_demo(MenteeRequest.contact_email)).limit(1)
        )
        is not None
    )


def _not_demo(email_column):
    return or_(email_column.is_(None), ~email_column.like(DEMO_ADDRESS))


def _people_exist() -> bool:
    return (
        db.session.scalar(select(Volunteer.id).limit(1)) is not None
        or db.session.scalar(select(MenteeRequest.id).limit(1)) is not None
    )


def _taken_references() -> set[str]:
    taken: set[str] = set()
    for column in (Volunteer.reference, MenteeRequest.reference, DuplicateSignup.reference):
        taken.update(db.session.scalars(select(column)))
    return taken
