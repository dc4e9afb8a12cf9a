"""Role × endpoint matrix over every staff route, including routes added later.

The routes come from app.url_map (endpoints of the staff blueprints in STAFF_BLUEPRINTS);
URL parameters are filled with ids of records in department A. A new parameter name needs one
line in RESOLVERS below, and the test says so.

Expectations:
  anonymous             GET → login page; POST → login page or CSRF refusal; nothing changes
  coordinator of B      GET record page → 404; GET list page → 200 without A's people;
                        POST → 404; nothing changes
  coordinator of A      GET → 200
  admin                 GET → 200
Admin-only routes answer 404 to both coordinators.
"""

from sqlalchemy import select

from mentoring.access import admin_required
from mentoring.extensions import db
from tests.conftest import csrf_token

STAFF_BLUEPRINTS = ("dashboard.", "intake.", "proposals.", "tandems.", "reports.", "privacy.")
# Admin-only routes are found through admin_required; list any that guard themselves here.
ADMIN_ONLY = {"privacy.audit_log"}
# URL parameter → key of the world_a fixture.
RESOLVERS = {
    "volunteer_id": "volunteer_id",
    "request_id": "request_id",
    "proposal_id": "proposal_id",
    "tandem_id": "tandem_id",
    "run_id": "run_id",
    "check_in_id": "check_in_id",
    "note_id": "note_id",
    "programme_id": "programme_id",
}


def _inner_functions(func, depth=0):
    """The function and the functions its decorators closed over."""
    yield func
    for cell in getattr(func, "__closure__", None) or ():
        content = cell.cell_contents
        if callable(content) and hasattr(content, "__code__") and depth < 5:
            yield from _inner_functions(content, depth + 1)


# admin_required's own inner function, recognisable by its code object.
_ADMIN_CODE = next(
    f.__code__
    for f in _inner_functions(admin_required(lambda: None))
    if f.__code__.co_filename.endswith("access.py")
)


def staff_rules(app):
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith(STAFF_BLUEPRINTS)]
    return sorted(rules, key=lambda r: r.rule)


def is_admin_only(app, rule) -> bool:
    view = app.view_functions[rule.endpoint]
    return rule.endpoint in ADMIN_ONLY or any(
        f.__code__ is _ADMIN_CODE for f in _inner_functions(view)
    )


def urls(app, rule, ids) -> list[str]:
    """Every URL of the rule for department A's records (privacy pages: both kinds of person)."""
    args = set(rule.arguments)
    variants = [{}]
    if "kind" in args:
        variants = [
            {"kind": "volunteer", "person_id": ids["volunteer_id"]},
            {"kind": "request", "person_id": ids["request_id"]},
        ]
        args -= {"kind", "person_id"}
    for arg in sorted(args):
        assert arg in RESOLVERS, f"{rule.rule}: add a resolver for <{arg}> in {__file__}"
        for values in variants:
            values[arg] = ids[RESOLVERS[arg]]
    adapter = app.url_map.bind("localhost")
    return [adapter.build(rule.endpoint, values, method=_method(rule)) for values in variants]


def _method(rule) -> str:
    return "GET" if "GET" in rule.methods else "POST"


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


class _Crash:
    """Stands in for a response when a view raised (TESTING propagates exceptions)."""

    def __init__(self, error: Exception):
        self.status_code = f"exception {type(error).__name__}: {error}"
        self.headers = {}

    def get_data(self):
        return b""


def fetch(client, method: str, url: str, **kwargs):
    """One request; a crash becomes a failure line instead of ending the whole matrix."""
    try:
        return client.open(url, method=method, **kwargs)
    except Exception as error:  # noqa: BLE001
        db.session.rollback()
        return _Crash(error)


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


def test_matrix_covers_every_route_under_dashboard(app):
    covered = {r.endpoint for r in staff_rules(app)}
    under = {r.endpoint for r in app.url_map.iter_rules() if r.rule.startswith("/dashboard")}
    assert under <= covered, f"add the blueprint to STAFF_BLUEPRINTS: {sorted(under - covered)}"


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
            record_page = bool(rule.arguments)
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
