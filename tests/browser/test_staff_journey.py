"""A coordinator's day in the real browser: log in, run matching, accept, record the first meeting.

The live server is shared with the other browser tests, so the journey takes whatever open
proposal the run offers and never counts rows.
"""

import re
from datetime import date

from tests.support.login import log_in_page

PROGRAMME = "Ausbildungspaten"
INTRODUCED = "Kennenlernen hat stattgefunden"  # the TandemStatus label in mentoring/labels.py


def test_coordinator_matches_and_records_the_first_meeting(page, live_server):
    log_in_page(page)
    page.get_by_role("navigation", name="Bereiche").get_by_role("link", name="Vermittlung").click()
    assert page.locator("h1").inner_text() == "Vermittlung"

    row = page.locator(
        "table.data-table tbody tr", has=page.get_by_role("link", name=PROGRAMME, exact=True)
    )
    open_requests, ready_volunteers = (
        int(row.locator("td.number").nth(i).inner_text()) for i in (0, 1)
    )
    assert open_requests > 0 and ready_volunteers > 0, (open_requests, ready_volunteers)
    row.get_by_role("link", name=PROGRAMME, exact=True).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Vorschläge berechnen").click()

    assert re.search(r"/dashboard/matching/\d+$", page.url), page.url
    proposal = page.locator("li.proposal.status-open").first
    reasons = proposal.locator("ul.reasons li")
    assert reasons.count() > 0
    assert reasons.first.inner_text().strip()
    assert reasons.first.is_visible()
    with page.expect_navigation():
        proposal.get_by_role("button", name=re.compile("^Annehmen")).click()

    match = re.search(r"/dashboard/tandems/(\d+)$", page.url)
    assert match, page.url
    tandem_id = int(match.group(1))
    assert page.get_by_text("Vorschlag angenommen").is_visible()

    today = date.today()
    page.fill("input[type=date][name='meeting-met_on']", today.isoformat())
    page.check("input[type=checkbox][name='meeting-coordinator_present']")
    with page.expect_navigation():
        page.get_by_role("button", name="Erstes Treffen eintragen").click()

    assert page.get_by_text("Das erste Treffen ist eingetragen").is_visible()
    status = page.locator("dl.facts dt:text-is('Status') + dd")
    assert status.inner_text().strip() == INTRODUCED
    rows = live_server.query("SELECT status, first_meeting_on FROM tandems WHERE id = ?", tandem_id)
    assert rows == [("introduced", today.isoformat())], rows
