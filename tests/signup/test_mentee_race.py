"""Twenty identical mentee sign-ups at the same moment: one request stored, twenty thank-yous.

Real concurrent requests, no mocks: twenty threads, each with its own test client (and so its
own app context, session and connection). All of them pass the duplicate check before any of
them inserts (a Barrier in front of the INSERT); the unique sign-up key then lets exactly one
insert win, and the others see the constraint, roll back and are flagged as duplicates.
"""

import contextlib
import threading

import pytest
from sqlalchemy import event, func, select

from mentoring.extensions import db
from mentoring.models import DuplicateSignup, MenteeRequest
from tests.support.forms import csrf_token, mentee_form

SIGNUPS = 20
URL = "/anmelden/unterstuetzung/fachkraft"


@pytest.mark.postgres_only
def test_identical_sign_ups_at_the_same_moment_store_one_request(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("races real concurrent transactions: needs PostgreSQL")
    data = mentee_form()
    clients = [app.test_client() for _ in range(SIGNUPS)]
    tokens = [csrf_token(c.get(URL).get_data(as_text=True)) for c in clients]
    start = threading.Barrier(SIGNUPS, timeout=30)
    before_insert = threading.Barrier(SIGNUPS)
    results: dict[int, object] = {}

    def hold_inserts(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO MENTEE_REQUESTS"):
            # Every sign-up passes its duplicate check before any inserts; a broken barrier means
            # some waited for a pooled connection: they race a little later.
            with contextlib.suppress(threading.BrokenBarrierError):
                before_insert.wait(timeout=5)

    def sign_up(i):
        with app.app_context():  # this thread's own context (the client clears its `g`)
            try:
                start.wait()
                response = clients[i].post(URL, data={"csrf_token": tokens[i], **data})
                thanks = clients[i].get("/anmelden/danke")
                results[i] = (
                    response.status_code,
                    response.location,
                    thanks.status_code,
                    thanks.get_data(as_text=True),
                )
            except Exception as error:  # noqa: BLE001
                results[i] = error

    event.listen(db.engine, "before_cursor_execute", hold_inserts)
    try:
        threads = [threading.Thread(target=sign_up, args=(i,)) for i in range(SIGNUPS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        event.remove(db.engine, "before_cursor_execute", hold_inserts)

    assert len(results) == SIGNUPS
    for i, result in results.items():
        assert not isinstance(result, Exception), (i, result)
        status, location, thanks_status, thanks_page = result
        assert status == 302 and location.endswith("/anmelden/danke"), (i, status)
        assert thanks_status == 200 and "Vielen Dank für Ihre Anmeldung" in thanks_page, i
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(MenteeRequest)) == 1
    assert db.session.scalar(select(func.count()).select_from(DuplicateSignup)) == SIGNUPS - 1
