"""Warnings in the real browser: a proposal's weak points on the run, the decline page and
"Wer passt?", visible as a heading with an icon (not colour alone), with no axe violation.

The demo data gives some proposals of the staff programme warnings (no shared free time, an
age wish not met); the test takes whichever open one the latest run holds.
"""

import json

import pytest

from tests.support.live_server import SCREENSHOTS


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _proposal_with_warnings(live_server, staff_ids) -> tuple[int, int, list[str]]:
    rows = live_server.query(
        "SELECT id, request_id, warnings FROM proposals "
        "WHERE run_id = ? AND status = 'open' AND warnings != '[]' ORDER BY id",
        staff_ids["run"],
    )
    if not rows:
        pytest.skip("the latest run holds no open proposal with warnings")
    proposal_id, request_id, warnings = rows[0]
    return proposal_id, request_id, json.loads(warnings)


def _check_warnings(box, warnings: list[str]) -> None:
    assert box.is_visible()
    assert box.get_by_role("heading", name="Zu beachten").is_visible()
    assert box.locator("svg.warning-icon").is_visible()  # the icon carries it besides colour
    assert box.locator("svg.warning-icon").get_attribute("aria-hidden") == "true"
    shown = [item.strip() for item in box.locator("li").all_inner_texts()]
    assert shown == warnings


def test_run_decline_and_who_fits_show_the_warnings(staff_page, axe, live_server, staff_ids):
    page = staff_page
    proposal_id, request_id, warnings = _proposal_with_warnings(live_server, staff_ids)

    page.goto(f"/dashboard/matching/{staff_ids['run']}#p{proposal_id}")  # the demo run: one page
    card = page.locator(f"li#p{proposal_id}")
    _check_warnings(card.locator(".pair-warnings"), warnings)
    card.scroll_into_view_if_needed()
    card.screenshot(path=str(SCREENSHOTS / "warnings-proposal.png"))
    axe(page)

    page.goto(f"/dashboard/vorschlaege/{proposal_id}/ablehnen")
    _check_warnings(page.locator(".pair-warnings"), warnings)
    _shot(page, "warnings-decline")
    axe(page)

    page.goto(f"/dashboard/anfragen/{request_id}/passende")
    boxes = page.locator("li.proposal .pair-warnings")
    assert boxes.count() >= 1
    texts = [t.strip() for t in boxes.locator("li").all_inner_texts()]
    assert set(warnings) <= set(texts)  # the proposed partner is among those who fit
    _shot(page, "warnings-wer-passt")
    axe(page)


# Open Sprachlots*innen requests whose languages no matchable volunteer of the programme speaks.
NO_SHARED_LANGUAGE = """
SELECT r.id FROM mentee_requests r JOIN programmes p ON p.id = r.programme_id
WHERE p.code = 'sprachlotsen' AND r.status = 'open' AND NOT EXISTS (
  SELECT 1 FROM volunteer_programmes vp
  JOIN volunteers v ON v.id = vp.volunteer_id
  JOIN volunteer_languages vl ON vl.volunteer_id = v.id
  WHERE vp.programme_id = p.id AND v.status IN ('ready', 'active')
    AND vl.language_code IN (
      SELECT language_code FROM request_languages WHERE request_id = r.id))
ORDER BY r.id
"""


def test_who_fits_says_why_nobody_fits_under_the_common_language_rule(staff_page, axe, live_server):
    rows = live_server.query(NO_SHARED_LANGUAGE)
    if not rows:
        pytest.skip("every request of the demo data shares a language with some volunteer")
    page = staff_page
    page.goto(f"/dashboard/anfragen/{rows[0][0]}/passende")
    assert page.get_by_text("Zurzeit passt niemand").is_visible()
    why = [t.strip() for t in page.locator("ul.why-not li").all_inner_texts()]
    assert why[0] == "Keine passende Person: niemand spricht eine gemeinsame Sprache"
    assert any(t.startswith("Gemeinsame Sprache schließt") for t in why)
    assert why[-1].startswith("Sprachen der Anfrage: ")
    _shot(page, "warnings-wer-passt-niemand")
    axe(page)
