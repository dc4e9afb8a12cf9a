"""Every staff page renders in a number of SQL statements that does not grow with the data.

Each GET page (routes found as in the access matrix, so colleagues' pages are included) is
rendered with 10 and with 60 people per side; the statement counts must be the same up to a
small constant. A page that loads something per row fails at once (50 more rows).
"""

import pytest
from sqlalchemy import event

from mentoring.extensions import db
from mentoring.models import DuplicateSignup
from tests.dashboard.test_access_matrix import fetch, is_admin_only, staff_rules, urls
from tests.support.staff import (
    make_police_check,
    make_request,
    make_tandem_world,
    make_volunteer,
)

SLACK = 2
EXTRA_URLS = [
    "/dashboard/ehrenamtliche?q=test&waiting=30&duplicates=y",
    "/dashboard/ehrenamtliche?seite=2&sort=new",
    "/dashboard/anfragen?q=deniz&status=new&duplicates=y",
    "/dashboard/anfragen?seite=2",
]


@pytest.fixture
def count_queries(app):
    """count_queries(fn) → (result, number of SQL statements fn sent)."""
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)

    def run(fn):
        # A real request starts with an empty session; the test's session would answer
        # lazy loads from its identity map and hide per-row queries.
        db.session.remove()
        start = len(statements)
        result = fn()
        return result, len(statements) - start

    yield run
    event.remove(db.engine, "before_cursor_execute", before)


def add_people(n: int, staff_id: int) -> None:
    """n volunteers and n requests in department A, with flags, inspections and tandems."""
    for i in range(n):
        volunteer = make_volunteer(
            first_name="Max" if i % 7 == 0 else "Tina",
            last_name=f"Zahl{i // 2}",
            birth_year=1950 + i % 3,
            created_days_ago=i,
            commit=False,
        )
        mentee_request = make_request(
            person_first_name="Deniz" if i % 5 == 0 else f"Kind{i}",
            created_days_ago=i,
            commit=False,
        )
        db.session.flush()
        if i % 4 == 0:
            db.session.add(
                DuplicateSignup(reference=f"E-QC{n:02d}-{i:04d}", volunteer_id=volunteer.id)
            )
        db.session.commit()
        if i % 3 == 0:
            make_police_check(volunteer, staff_id=staff_id)
        if i % 5 == 0:
            make_tandem_world(volunteer, mentee_request, staff_id)


def page_urls(app, world) -> list[str]:
    found = []
    for rule in staff_rules(app):
        if (
            "GET" in rule.methods
            and not is_admin_only(app, rule)
            and not rule.rule.endswith((".pdf", ".csv", ".json"))
        ):
            found.extend(urls(app, rule, world))
    return found + EXTRA_URLS


def measure(client, count_queries, url_list) -> dict[str, int]:
    counts = {}
    for url in url_list:
        response, n = count_queries(lambda url=url: fetch(client, "GET", url))
        counts[url] = n if response.status_code == 200 else f"status {response.status_code}"
    return counts


def test_query_counts_do_not_grow_with_the_data(
    app, client_a, coordinator_a, world_a, count_queries
):
    staff_id = coordinator_a.id
    url_list = page_urls(app, world_a)
    assert "/dashboard/ehrenamtliche" in url_list
    add_people(9, staff_id)
    small = measure(client_a, count_queries, url_list)
    add_people(50, staff_id)
    large = measure(client_a, count_queries, url_list)
    failures = [
        f"{url}: {small[url]} statements with 10 people, {large[url]} with 60"
        for url in url_list
        if not (isinstance(small[url], int) and isinstance(large[url], int))
        or large[url] > small[url] + SLACK
    ]
    assert not failures, "\n".join(failures)


def test_intake_pages_are_cheap(app, client_a, coordinator_a, world_a, count_queries):
    """An absolute ceiling for the intake pages, so the bound stays small."""
    add_people(30, coordinator_a.id)
    for url, ceiling in [
        ("/dashboard/ehrenamtliche", 16),
        ("/dashboard/anfragen", 16),
        (f"/dashboard/ehrenamtliche/{world_a['volunteer_id']}", 25),
        (f"/dashboard/anfragen/{world_a['request_id']}", 20),
    ]:
        response, n = count_queries(lambda url=url: client_a.get(url))
        assert response.status_code == 200
        assert n <= ceiling, f"{url}: {n} statements"
