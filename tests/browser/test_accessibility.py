"""axe-core (WCAG 2.1 A and AA rules) on every page, in German and Arabic, empty and with errors.

Staff pages are German only and checked logged in as the demo coordinator.
"""

import pytest

from tests.browser.helpers import fill_volunteer_form, submit
from tests.browser.pages import FORMS, LANGUAGES, PAGES, STAFF_FORMS, STAFF_PAGES


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_axe_violations(page, axe, path, lang):
    page.goto(f"{path}?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    axe(page)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", FORMS.values(), ids=FORMS.keys())
def test_form_with_errors_has_no_axe_violations(page, axe, path, lang):
    page.goto(f"{path}?lang={lang}")
    submit(page)
    assert page.locator("#error-summary").is_visible()
    assert page.locator("[aria-invalid=true]").count() > 0
    axe(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_thank_you_page_has_no_axe_violations(page, axe, lang):
    page.goto(f"/anmelden/ehrenamt?lang={lang}")
    fill_volunteer_form(page, email=f"axe-{lang}@example.org")
    submit(page)
    assert page.url.endswith("/anmelden/danke")
    axe(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_csrf_error_page_has_no_axe_violations(page, axe, lang):
    page.goto(f"/barrierefreiheit?lang={lang}")
    page.locator("form.feedback-form input[name=csrf_token]").evaluate("el => el.remove()")
    page.fill("#message", "Der Kontrast ist zu schwach.")
    with page.expect_navigation():
        page.locator("form.feedback-form button[type=submit]").click()
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == lang
    axe(page)


@pytest.mark.parametrize("path", STAFF_PAGES.values(), ids=STAFF_PAGES.keys())
def test_staff_page_has_no_axe_violations(staff_page, axe, staff_ids, path):
    response = staff_page.goto(path.format(**staff_ids))
    assert response.status == 200, staff_page.url
    assert staff_page.locator("html").get_attribute("lang") == "de"
    assert staff_page.locator("h1").count() == 1
    axe(staff_page)


@pytest.mark.parametrize("path, button", STAFF_FORMS.values(), ids=STAFF_FORMS.keys())
def test_staff_form_with_errors_has_no_axe_violations(staff_page, axe, staff_ids, path, button):
    staff_page.goto(path.format(**staff_ids))
    with staff_page.expect_navigation():
        staff_page.get_by_role("button", name=button).click()
    assert staff_page.locator("#error-summary").is_visible()
    assert staff_page.locator(".has-error").count() > 0  # radio groups: on the fieldset
    axe(staff_page)


def test_login_form_with_errors_has_no_axe_violations(page, axe):
    page.goto("/mitarbeitende/anmelden")
    axe(page)
    submit(page)
    assert page.locator("#error-summary").is_visible()
    axe(page)


@pytest.mark.parametrize("path", STAFF_PAGES.values(), ids=STAFF_PAGES.keys())
def test_staff_page_fits_a_narrow_screen(staff_page, axe, staff_ids, path):
    """At 320 px only wide tables may scroll, inside their own labelled, focusable region."""
    staff_page.set_viewport_size({"width": 320, "height": 640})
    staff_page.goto(path.format(**staff_ids))
    overflow = staff_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{staff_page.url} scrolls sideways by {overflow} px"
    axe(staff_page)  # scrolling tables must be reachable with the keyboard
