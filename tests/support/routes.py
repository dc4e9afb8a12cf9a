"""The staff routes of the app and how to call each: for the access matrix and query counts."""

from mentoring.access import admin_required
from mentoring.extensions import db

STAFF_BLUEPRINTS = (
    "dashboard.",
    "intake.",
    "proposals.",
    "tandems.",
    "reports.",
    "privacy.",
    "outbox.",
)
# Admin-only routes are found through admin_required; list any that guard themselves here.
ADMIN_ONLY = {"privacy.audit_log"}
# URL parameters that name no record (a page per way in, open to every coordinator).
NOT_RECORDS = frozenset({"way"})
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
    "message_id": "message_id",
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
    if "way" in args:  # staff intake: the three ways a request comes in
        variants = [{"way": way} for way in ("selbst", "familie", "fachkraft")]
        args -= {"way"}
    for arg in sorted(args):
        assert arg in RESOLVERS, f"{rule.rule}: add a resolver for <{arg}> in {__file__}"
        for values in variants:
            values[arg] = ids[RESOLVERS[arg]]
    adapter = app.url_map.bind("localhost")
    return [adapter.build(rule.endpoint, values, method=_method(rule)) for values in variants]


def is_record_page(rule) -> bool:
    """A page about one record: another department's coordinator must get a 404."""
    return bool(set(rule.arguments) - NOT_RECORDS)


def _method(rule) -> str:
    return "GET" if "GET" in rule.methods else "POST"


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
