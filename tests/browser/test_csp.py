"""The Content-Security-Policy holds in a real browser: no violation on the public pages."""

import pytest

PAGES = [
    "/",
    "/anmelden/ehrenamt",
    "/anmelden/unterstuetzung",
    "/anmelden/unterstuetzung/selbst",
    "/anmelden/unterstuetzung/familie",
    "/anmelden/unterstuetzung/fachkraft",
    "/anmelden/ehrenamt?lang=ar",
]
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.mark.parametrize("path", PAGES)
def test_no_csp_violation(context, path):
    context.add_init_script(WATCH)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    response = page.goto(path)
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    violations = page.evaluate("window.__cspViolations")
    assert violations == [], violations
    assert not [text for text in console if "Content Security Policy" in text], console


def test_language_switch_script_still_works_under_the_csp(context):
    """forms.js (a file, allowed) keeps typed input when the language changes."""
    page = context.new_page()
    page.goto("/anmelden/ehrenamt")
    page.fill("#first_name", "Gisela")
    with page.expect_navigation():
        page.locator(".language-switch a[hreflang=en]").click()
    assert page.input_value("#first_name") == "Gisela"
