"""Browser fixtures: the app served on 127.0.0.1 from its own SQLite file, and Debian's Chromium.

The live server never touches the database of the other tests (which TEST_DATABASE_URL may point
at PostgreSQL and which is emptied after every test): it migrates and seeds a temporary SQLite
file once per run and serves it from a thread.
"""

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.live_server import ROOT, live_config, serving
from tests.support.login import log_in_page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
STAFF_PROGRAMME = "Ausbildungspaten"  # open requests and ready volunteers in the demo data


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@dataclass
class LiveServer:
    url: str
    database: Path

    def query(self, sql: str, *params) -> list[tuple]:
        """Read the served database directly, the way an auditor would."""
        with sqlite3.connect(self.database) as conn:
            return conn.execute(sql, params).fetchall()


def _prepare_database(app) -> None:
    from flask_migrate import upgrade

    from mentoring.operations.reference import seed_reference_data

    with app.app_context():
        upgrade()
        seed_reference_data()
        try:  # demo data (staff account, people to match) once the loader exists
            from mentoring.demo.loader import load_demo
        except ImportError:
            return
        load_demo(volunteers=None, requests=None, seed=2021, if_empty=True)
        from tests.support.messages import sample_messages

        sample_messages()  # the outbox pages show every state


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, database_url):
    # database_url (tests/conftest.py) goes first: it sets TEST_DATABASE_URL before anything
    # imports config, whose TestConfig reads it once at import time.
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: browser tests skipped")
    from mentoring.factory import create_app

    database = tmp_path_factory.mktemp("live") / "live.sqlite"
    app = create_app(live_config(database))
    _prepare_database(app)
    with serving(app) as url:
        yield LiveServer(url=url, database=database)


@pytest.fixture(scope="session")
def browser(live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, live_server):
    """A fresh browser profile per test: no cookies, so no remembered language."""
    ctx = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="de-DE"
    )
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_SCRIPT.exists():
        pytest.skip("axe-core is missing: run `npm ci` (make install does it)")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def run_axe(page, axe_source: str) -> list[dict]:
    """Inject axe-core into the loaded page and return its WCAG 2.1 A/AA violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)  # not a <script> tag: the CSP allows no inline script
    result = page.evaluate(
        "tags => axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            lines.append(
                f"    {json.dumps(node['target'])}: {node['failureSummary'].splitlines()[-1]}"
            )
    return "\n".join(lines)


@pytest.fixture
def axe(axe_source):
    """axe(page): assert the page has no WCAG 2.1 A/AA violation, listing any found."""

    def check(page):
        violations = run_axe(page, axe_source)
        assert not violations, f"axe found violations on {page.url}:\n" + describe_violations(
            violations
        )

    return check


@pytest.fixture(scope="session")
def staff_state(browser, live_server):
    """The cookies of one login through the form, shared by every staff context."""
    ctx = browser.new_context(base_url=live_server.url, locale="de-DE")
    ctx.set_default_timeout(10_000)
    log_in_page(ctx.new_page())
    state = ctx.storage_state()
    ctx.close()
    return state


@pytest.fixture
def staff_context(browser, live_server, staff_state):
    """A browser profile logged in as the demo coordinator."""
    ctx = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        locale="de-DE",
        storage_state=staff_state,
    )
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def staff_page(staff_context):
    return staff_context.new_page()


@pytest.fixture(scope="session")
def staff_ids(browser, live_server, staff_state) -> dict[str, int]:
    """Ids for the staff pages; runs matching and accepts a proposal if no test has yet."""
    programme = live_server.query("SELECT id FROM programmes WHERE name = ?", STAFF_PROGRAMME)[0][0]
    ctx = browser.new_context(base_url=live_server.url, locale="de-DE", storage_state=staff_state)
    ctx.set_default_timeout(10_000)
    page = ctx.new_page()
    if not live_server.query("SELECT id FROM matching_runs WHERE programme_id = ?", programme):
        page.goto(f"/dashboard/matching/programm/{programme}")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
    if not live_server.query("SELECT id FROM tandems WHERE status = 'proposed'"):
        run = _latest(live_server, "SELECT max(id) FROM matching_runs")
        page.goto(f"/dashboard/matching/{run}")
        with page.expect_navigation():
            page.locator("li.proposal.status-open form button[type=submit]").first.click()
    ctx.close()
    return {
        "volunteer": _latest(live_server, "SELECT min(id) FROM volunteers"),
        "request": _latest(live_server, "SELECT min(id) FROM mentee_requests"),
        "programme": programme,
        "run": _latest(live_server, "SELECT max(id) FROM matching_runs"),
        "proposal": _latest(live_server, "SELECT max(id) FROM proposals WHERE status = 'open'"),
        "tandem": _latest(live_server, "SELECT max(id) FROM tandems WHERE status = 'proposed'"),
        "message": _latest(live_server, "SELECT min(id) FROM messages"),
    }


def _latest(live_server, sql: str) -> int:
    value = live_server.query(sql)[0][0]
    assert value is not None, sql
    return value
