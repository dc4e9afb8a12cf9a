"""axe-core (WCAG 2.1 A and AA rules) on every page, in German and Arabic, empty and with errors."""

import pytest

from tests.browser.helpers import fill_volunteer_form, submit
from tests.browser.pages import FORMS, LANGUAGES, PAGES


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
