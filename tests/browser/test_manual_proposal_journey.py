"""A pair proposed by hand in the real browser: 'Wer passt?' → Als Paar vorschlagen → both sides
say yes → accept; axe on every page on the way, screenshots for the record.

The live server is shared with the other browser tests: the journey picks an open request that
nobody has a proposal for yet and never counts rows.
"""

import re
from datetime import date

from tests.support.live_server import SCREENSHOTS

PROGRAMME = "Ausbildungspaten"
STEPS = (
    "angefragt bei der/dem Ehrenamtlichen",
    "Ehrenamtliche/r hat zugesagt",
    "angefragt bei der Familie bzw. der jungen Person",
    "Familie bzw. junge Person hat zugesagt",
)


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _free_requests(live_server) -> list[int]:
    rows = live_server.query(
        """SELECT r.id FROM mentee_requests r JOIN programmes p ON p.id = r.programme_id
           WHERE p.name = ? AND r.status = 'open' AND r.erased_at IS NULL
           AND r.id NOT IN (SELECT request_id FROM proposals
                            WHERE status = 'open' AND request_id IS NOT NULL)
           ORDER BY r.id LIMIT 25""",
        PROGRAMME,
    )
    return [row[0] for row in rows]


def test_manual_proposal_both_agree_and_accept(staff_page, live_server, axe):
    page = staff_page
    for request_id in _free_requests(live_server):
        page.goto(f"/dashboard/anfragen/{request_id}/passende")
        buttons = page.get_by_role("button", name=re.compile("^Als Paar vorschlagen"))
        if buttons.count():
            break
    else:
        raise AssertionError("no open request with a fitting volunteer in the demo data")
    axe(page)
    _shot(page, "vorschlag-von-hand-wer-passt")
    with page.expect_navigation():
        buttons.first.click()

    match = re.search(r"/dashboard/vorschlaege/(\d+)$", page.url)
    assert match, page.url
    proposal_id = int(match.group(1))
    assert page.get_by_text("Vorschlag von Hand angelegt").is_visible()
    assert live_server.query(
        "SELECT source, status, created_by_id IS NOT NULL FROM proposals WHERE id = ?",
        proposal_id,
    ) == [("manual", "open", 1)]
    axe(page)
    _shot(page, "vorschlag-von-hand-angelegt")

    for step in STEPS:
        # Keyboard only: focus the radio button by its label, choose with the space bar.
        page.get_by_label(step).focus()
        page.keyboard.press("Space")
        assert page.get_by_label(step).is_checked()
        with page.expect_navigation():
            page.get_by_role("button", name="Schritt eintragen").click()
        assert page.get_by_text(f"Eingetragen: {step}.").is_visible()
    steps = live_server.query(
        "SELECT kind FROM proposal_steps WHERE proposal_id = ? ORDER BY id", proposal_id
    )
    assert [s for (s,) in steps] == [
        "volunteer_asked",
        "volunteer_agreed",
        "mentee_asked",
        "mentee_agreed",
    ]
    assert page.get_by_label("Kennenlernen vereinbart").is_visible()
    axe(page)
    _shot(page, "vorschlag-beide-zugesagt")

    # The queue of open proposals shows it with its last step; from there back to it.
    programme = live_server.query("SELECT id FROM programmes WHERE name = ?", PROGRAMME)[0][0]
    page.goto(f"/dashboard/matching/programm/{programme}/offen")
    assert page.locator("h1").inner_text().startswith("Offene Vorschläge")
    axe(page)
    _shot(page, "vorschlaege-offen")
    assert page.locator(f"tr#p{proposal_id}").get_by_text("hat zugesagt").is_visible()
    with page.expect_navigation():
        page.locator(f"tr#p{proposal_id}").get_by_role(
            "link", name=f"Vorschlag {proposal_id}"
        ).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Annehmen: Tandem anlegen").click()
    tandem = re.search(r"/dashboard/tandems/(\d+)$", page.url)
    assert tandem, page.url
    assert page.get_by_text("Vorschlag angenommen").is_visible()
    assert live_server.query(
        "SELECT status, proposal_id FROM tandems WHERE id = ?", int(tandem.group(1))
    ) == [("proposed", proposal_id)]
    # Ending the tandem needs the confirmation; it is reachable by keyboard (not submitted here).
    confirm = page.locator("input[type=checkbox][name='end-confirm']")
    confirm.focus()
    page.keyboard.press("Space")
    assert confirm.is_checked()
    axe(page)
    _shot(page, "vorschlag-tandem-angelegt")

    # First meeting today, then the correction form (a <details>, opened by keyboard).
    page.fill("input[type=date][name='meeting-met_on']", date.today().isoformat())
    page.check("input[type=checkbox][name='meeting-coordinator_present']")
    with page.expect_navigation():
        page.get_by_role("button", name="Erstes Treffen eintragen").click()
    summary = page.get_by_text("Datum des ersten Treffens berichtigen", exact=True)
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("input[name='correct-met_on']").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Datum berichtigen").click()
    # Sent empty: the page comes back with the error, the correction still open.
    assert page.locator("#error-summary").is_visible()
    assert page.locator("input[name='correct-met_on']").is_visible()
    axe(page)
    _shot(page, "tandem-erstes-treffen-berichtigen")
