"""Role × endpoint matrix over every staff route, including routes added later.

The routes come from app.url_map (endpoints of the dashboard, reports and privacy blueprints);
URL parameters are filled with ids of records in department A. A new parameter name needs one
line in RESOLVERS (tests/support/routes.py), and the test says so.

Expectations:
  anonymous             GET → login page; POST → login page or CSRF refusal; nothing changes
  coordinator of B      GET record page → 404; GET list page → 200 without A's people;
                        POST → 404; nothing changes
  coordinator of A      GET → 200
  admin                 GET → 200
Admin-only routes answer 404 to both coordinators.
"""

from sqlalchemy import select

from mentoring.extensions import db
from tests.support.forms import csrf_token
from tests.support.routes import fetch, is_admin_only, is_record_page, staff_rules, urls


def snapshot() -> dict:
    """Every row of every table except the audit log (refusals may be logged)."""
    state = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            if table.name != "audit_log":
                rows = conn.execute(select(table)).all()
                state[table.name] = sorted(map(repr, rows))
    return state


def _report(failures: list[str]) -> str:
    return "\n".join(failures)


def test_matrix_sees_the_routes(app):
    endpoints = {r.endpoint for r in staff_rules(app)}
    for expected in (
        "intake.volunteers",
        "intake.volunteer_detail",
        "intake.requests",
        "intake.request_detail",
        "intake.volunteer_police_check",
        "intake.volunteer_import",
        "proposals.run",
        "proposals.accept",
        "tandems.index",
        "tandems.detail",
        "dashboard.index",
    ):
        assert expected in endpoints


def test_anonymous_is_sent_to_login_and_changes_nothing(app, client, world_a):
    before = snapshot()
    token = csrf_token(client.get("/mitarbeitende/anmelden").get_data(as_text=True))
    failures = []
    for rule in staff_rules(app):
        for url in urls(app, rule, world_a):
            if "GET" in rule.methods:
                response = fetch(client, "GET", url)
                if (
                    response.status_code != 302
                    or "/mitarbeitende/anmelden" not in response.headers.get("Location", "")
                ):
                    failures.append(f"GET {url}: {response.status_code}")
            if "POST" in rule.methods:
                bare = fetch(client, "POST", url)
                with_token = fetch(client, "POST", url, data={"csrf_token": token})
                if bare.status_code not in (302, 400) or with_token.status_code != 302:
                    failures.append(f"POST {url}: {bare.status_code}/{with_token.status_code}")
    assert not failures, _report(failures)
    assert snapshot() == before


def test_coordinator_of_another_department_sees_nothing(app, client_b, world_a):
    before = snapshot()
    token = csrf_token(client_b.get("/dashboard/").get_data(as_text=True))
    failures = []
    for rule in staff_rules(app):
        for url in urls(app, rule, world_a):
            record_page = is_record_page(rule)
            if "GET" in rule.methods:
                response = fetch(client_b, "GET", url)
                expected = 404 if record_page or is_admin_only(app, rule) else 200
                if response.status_code != expected:
                    failures.append(f"GET {url}: {response.status_code}, expected {expected}")
                elif expected == 200:
                    body = response.get_data().decode("utf-8", "replace")
                    shown = [m for m in world_a["markers"] if m in body]
                    if shown:
                        failures.append(f"GET {url} shows department A's {shown}")
            if "POST" in rule.methods and (record_page or is_admin_only(app, rule)):
                response = fetch(client_b, "POST", url, data={"csrf_token": token})
                if response.status_code != 404:
                    failures.append(f"POST {url}: {response.status_code}, expected 404")
    assert not failures, _report(failures)
    assert snapshot() == before


def test_coordinator_of_the_department_may_open_every_page(app, client_a, world_a):
    failures = []
    for rule in staff_rules(app):
        if "GET" not in rule.methods:
            continue
        expected = 404 if is_admin_only(app, rule) else 200
        for url in urls(app, rule, world_a):
            status = fetch(client_a, "GET", url).status_code
            if status != expected:
                failures.append(f"GET {url}: {status}, expected {expected}")
    assert not failures, _report(failures)


def test_admin_may_open_every_page(app, admin_client, world_a):
    failures = []
    for rule in staff_rules(app):
        if "GET" not in rule.methods:
            continue
        for url in urls(app, rule, world_a):
            status = fetch(admin_client, "GET", url).status_code
            if status != 200:
                failures.append(f"GET {url}: {status}")
    assert not failures, _report(failures)


def test_matrix_covers_every_route_under_dashboard(app):
    covered = {r.endpoint for r in staff_rules(app)}
    under = {r.endpoint for r in app.url_map.iter_rules() if r.rule.startswith("/dashboard")}
    assert under <= covered, f"add the blueprint to STAFF_BLUEPRINTS: {sorted(under - covered)}"
