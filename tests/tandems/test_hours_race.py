"""Two people enter the same month of the same tandem at the same moment: one row, no error.

Real concurrent transactions: two threads, each with its own session, both open before either
writes (a Barrier). record_hours locks the tandem row first, so the second waits, then finds
the first one's row and corrects it instead of inserting a second one.
"""

import threading
from decimal import Decimal

import pytest
from sqlalchemy import select

from mentoring.extensions import db
from mentoring.models import AuditEntry, StaffUser, VolunteerHours
from mentoring.operations.hours import record_hours
from tests.support.factories import make_request, make_staff, make_tandem, make_volunteer, today


@pytest.mark.postgres_only
def test_concurrent_entries_of_one_month_give_one_row(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("races real concurrent transactions with row locks: needs PostgreSQL")
    tandem = make_tandem(make_volunteer(), make_request())
    staff_ids = [make_staff().id, make_staff().id]
    barrier = threading.Barrier(2, timeout=10)
    results = {}

    def worker(name, staff_id, hours):
        with app.app_context():
            try:
                staff = db.session.get(StaffUser, staff_id)  # the transaction is open now
                barrier.wait()
                record_hours(tandem_id=tandem.id, month=today(), hours=Decimal(hours), staff=staff)
                results[name] = "ok"
            except Exception as error:  # noqa: BLE001 - any error is the failure we look for
                results[name] = repr(error)
            finally:
                db.session.remove()

    threads = [
        threading.Thread(target=worker, args=(name, staff_id, hours))
        for name, staff_id, hours in zip("ab", staff_ids, ("3", "5"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == {"a": "ok", "b": "ok"}
    rows = db.session.scalars(select(VolunteerHours)).all()
    assert len(rows) == 1 and rows[0].hours in (Decimal("3"), Decimal("5"))
    actions = sorted(db.session.scalars(select(AuditEntry.action)).all())
    assert actions == ["hours_corrected", "hours_recorded"]
