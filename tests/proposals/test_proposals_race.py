"""Two coordinators accept proposals for the same capacity-1 volunteer at the same moment.

Real concurrent transactions, no mocks: two threads, each with its own app context and session.
Both transactions are open before either commits (a Barrier). When the first reaches its INSERT
of the tandem it waits for the second one as well; with the row lock the second is stuck on
SELECT … FOR UPDATE (seen in pg_stat_activity), so the wait times out and the first commits.
Without the lock both would pass their capacity check and both would insert.
"""

import threading

import pytest
from sqlalchemy import event, func, select, text

from mentoring.extensions import db
from mentoring.models import Proposal, ProposalStatus, StaffUser, Tandem
from mentoring.operations import OperationError
from mentoring.operations.proposals import accept_proposal
from tests.support.factories import make_proposal, make_request, make_staff, make_volunteer

INSERT_WAIT_SECONDS = 3


def _race(app, proposal_ids, staff_ids):
    open_barrier = threading.Barrier(2, timeout=10)
    insert_barrier = threading.Barrier(2)
    results, lock_waits = {}, []

    def waiting_backends() -> int:
        with db.engine.connect() as conn:
            return conn.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            )

    def before_execute(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO TANDEMS"):
            try:
                insert_barrier.wait(timeout=INSERT_WAIT_SECONDS)
            except threading.BrokenBarrierError:
                # The other transaction did not get this far: it must be waiting for our lock.
                lock_waits.append(waiting_backends())

    def worker(name, proposal_id, staff_id):
        with app.app_context():
            try:
                staff = db.session.get(StaffUser, staff_id)  # the transaction is open now
                open_barrier.wait()
                accept_proposal(proposal_id=proposal_id, staff=staff)
                results[name] = "accepted"
            except OperationError as error:
                results[name] = str(error)
            finally:
                db.session.remove()

    event.listen(db.engine, "before_cursor_execute", before_execute)
    try:
        threads = [
            threading.Thread(target=worker, args=(n, p, s))
            for n, p, s in zip(("a", "b"), proposal_ids, staff_ids, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        event.remove(db.engine, "before_cursor_execute", before_execute)
    return results, lock_waits


@pytest.mark.postgres_only
def test_concurrent_accepts_never_exceed_capacity(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip(
            "races real concurrent transactions with row locks: needs PostgreSQL "
            "(SQLite has a single writer anyway)"
        )
    volunteer = make_volunteer(capacity=1, certificate="valid")
    first = make_proposal(volunteer, make_request())
    second = make_proposal(volunteer, make_request())
    staff = [make_staff().id, make_staff().id]

    results, lock_waits = _race(app, [first.id, second.id], staff)

    assert sorted(results) == ["a", "b"]
    outcomes = sorted(results.values())
    assert outcomes.count("accepted") == 1, results
    refused = next(r for r in outcomes if r != "accepted")
    assert "Kapazität" in refused or "geschlossen" in refused
    assert lock_waits and lock_waits[0] >= 1  # the other one really waited on the row lock
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Tandem)) == 1
    statuses = sorted(p.status for p in db.session.scalars(select(Proposal)))
    assert statuses == sorted([ProposalStatus.ACCEPTED, ProposalStatus.CLOSED])


@pytest.mark.postgres_only
def test_concurrent_accepts_for_the_same_request_give_one_tandem(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("races real concurrent transactions with row locks: needs PostgreSQL")
    request_row = make_request()
    first = make_proposal(make_volunteer(certificate="valid"), request_row)
    second = make_proposal(make_volunteer(certificate="valid"), request_row)
    results, _ = _race(app, [first.id, second.id], [make_staff().id, make_staff().id])
    assert sorted(results.values()).count("accepted") == 1, results
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Tandem)) == 1
