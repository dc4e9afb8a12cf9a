"""What axe cannot see: focus, tab order, labels, sizes, colour, reflow and zoom."""

import pytest

from tests.browser.helpers import submit
from tests.browser.pages import FORMS, LANGUAGES, PAGES

ACTIVE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, href: el.getAttribute('href'),
    hreflang: el.getAttribute('hreflang'), outline: parseFloat(style.outlineWidth) || 0,
    outlineStyle: style.outlineStyle, shadow: style.boxShadow,
  };
}"""

FOLLOWS_PREVIOUS = """prev => {
  const el = document.activeElement;
  if (!window.__lastFocus) { window.__lastFocus = el; return true; }
  const after = window.__lastFocus.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
  window.__lastFocus = el;
  return Boolean(after);
}"""


def tab(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(ACTIVE)


def has_visible_focus(stop: dict) -> bool:
    return (stop["outline"] >= 2 and stop["outlineStyle"] != "none") or stop["shadow"] != "none"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_first_tab_stops_are_skip_link_brand_languages_then_the_form(page, lang):
    page.goto(f"/anmelden/ehrenamt?lang={lang}")
    stops = [tab(page) for _ in range(8)]
    assert "skip-link" in stops[0]["cls"]
    assert "brand" in stops[1]["cls"]
    assert [s["hreflang"] for s in stops[2:7]] == ["de", "en", "ar", "uk", "tr"]
    assert stops[7]["id"] == "first_name"


@pytest.mark.parametrize("path", [FORMS["ehrenamt"], FORMS["unterstuetzung-fachkraft"], "/"])
def test_every_tab_stop_is_visible_and_follows_the_document_order(page, path):
    page.goto(path)
    assert page.locator("[tabindex]:not([tabindex='-1']):not([tabindex='0'])").count() == 0
    seen = 0
    for _ in range(250):
        stop = tab(page)
        if stop["tag"] == "body":
            break
        seen += 1
        assert has_visible_focus(stop), f"no visible focus on {stop}"
        assert page.evaluate(FOLLOWS_PREVIOUS, None), f"tab order jumps back at {stop}"
    assert seen > 8


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", FORMS.values(), ids=FORMS.keys())
def test_error_summary_gets_focus_and_links_to_the_fields(page, path, lang):
    page.goto(f"{path}?lang={lang}")
    submit(page)
    assert page.evaluate("document.activeElement.id") == "error-summary"
    links = page.locator("#error-summary a")
    assert links.count() > 0
    for href in links.evaluate_all("els => els.map(a => a.getAttribute('href'))"):
        assert page.locator(href).count() == 1, f"error link {href} points nowhere"
    in_page_order = page.evaluate(
        """() => [...document.querySelectorAll('#error-summary a')]
             .map(a => document.querySelector(a.getAttribute('href')))
             .every((el, i, all) => i === 0 || all[i - 1] === el
                    || all[i - 1].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)"""
    )
    assert in_page_order, "the error summary lists the fields in another order than the page"
    # Not by colour alone: every field marked in red also says in words what is wrong.
    for field in page.locator(".has-error").all():
        assert field.locator(".field-error").inner_text().strip()


UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden')
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
  .map(el => el.id || el.name)"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", FORMS.values(), ids=FORMS.keys())
def test_every_control_has_a_label(page, path, lang):
    page.goto(f"{path}?lang={lang}")
    assert page.evaluate(UNLABELLED) == []


SMALL_TARGETS = """() => {
  const small = [];
  const targets = document.querySelectorAll(
    '.site-header a, .site-footer a, .skip-link, button, .button, .choice, .error-summary a');
  for (const el of targets) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const isRow = el.classList.contains('choice');
    if (r.height < 44 || (!isRow && r.width < 44))
      small.push(`${el.textContent.trim()} ${r.width}x${r.height}`);
  }
  return small;
}"""


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("path", ["/", FORMS["ehrenamt"], FORMS["unterstuetzung-familie"]])
def test_click_targets_are_at_least_44_px(context, path, width):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    submit(page) if path != "/" else None
    page.focus(".skip-link")
    assert page.evaluate(SMALL_TARGETS) == []


def test_text_is_large_with_generous_line_height(page):
    page.goto("/")
    size, line = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('main p'));"
        " return [parseFloat(s.fontSize), parseFloat(s.lineHeight)]; }"
    )
    assert size >= 18
    assert line / size >= 1.5


def test_links_in_text_are_underlined_not_only_coloured(page):
    page.goto("/datenschutz")
    plain = page.evaluate(
        "() => [...document.querySelectorAll('main p a, main li a')]"
        ".filter(a => !getComputedStyle(a).textDecorationLine.includes('underline'))"
        ".map(a => a.textContent)"
    )
    assert plain == []


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1
                  || el.getBoundingClientRect().left < -1)
    .filter(el => !el.closest('.visually-hidden, .skip-link'))
    .map(el => el.tagName + (el.id ? '#' + el.id : '') + '.' + el.className);
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [320, 640], ids=["320px", "zoom200"])
def test_no_horizontal_scrolling_on_narrow_screens_and_at_200_percent(
    browser, live_server, width, lang
):
    # 200 % zoom of a 1280 px window lays the page out in 640 CSS px, at twice the pixel density.
    scale = 2 if width == 640 else 1
    ctx = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": 800},
        device_scale_factor=scale,
    )
    page = ctx.new_page()
    try:
        for path in [*PAGES.values(), *[f"{p}#with-errors" for p in FORMS.values()]]:
            page.goto(f"{path.split('#')[0]}?lang={lang}")
            if path.endswith("#with-errors"):
                submit(page)
            result = page.evaluate(OVERFLOW)
            assert result["scroll"] <= result["width"], f"{path} scrolls sideways: {result}"
    finally:
        ctx.close()


def test_phone_numbers_and_addresses_read_left_to_right_in_arabic(page):
    page.goto("/impressum?lang=ar")
    styles = page.evaluate(
        "() => [...document.querySelectorAll('a[href^=\"tel:\"], address')]"
        ".map(el => getComputedStyle(el).direction + ' ' + getComputedStyle(el).unicodeBidi)"
    )
    assert styles
    assert set(styles) == {"ltr isolate"}
