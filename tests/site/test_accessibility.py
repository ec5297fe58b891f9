"""Every public page in a real browser: axe-core finds no WCAG 2.2 AA violation, and the
keyboard reaches the content through the skip link with a visible focus."""

import re

import pytest
from playwright.sync_api import sync_playwright

from tests.site.helpers import CHROMIUM_ARGS, PUBLIC_PAGES, axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def page(chromium_path, transactional_db, demo_data, personal_pages, live_server):
    # Database work happens above; Playwright's sync API may not share a thread with the ORM.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=live_server.url, locale="sv-SE")
        yield page
        browser.close()


def test_every_public_page_has_no_wcag_22_aa_violations(page, personal_pages):
    found = {}
    for url in [*PUBLIC_PAGES, *personal_pages]:
        page.goto(url)
        if violations := axe_violations(page):
            found[url] = violations
    page.goto("/")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    if violations := axe_violations(page):
        found["/ (English)"] = violations
    assert found == {}


def test_the_coordinators_pages_have_no_wcag_22_aa_violations(
    chromium_path, transactional_db, coordinator_session, live_server
):
    _, session_id, pages = coordinator_session
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="sv-SE")
        context.add_cookies([{"name": "sessionid", "value": session_id, "url": live_server.url}])
        page = context.new_page()
        for url in pages:
            page.goto(url)
            if violations := axe_violations(page):
                found[url] = violations
        # A form sent back with errors: the summary, the messages beside the fields.
        page.goto(pages[2])
        page.fill("#id_p-0-email", "inte en adress")
        page.get_by_role("button", name="Anmäl deltagarna").click()
        page.wait_for_load_state()
        assert page.locator(".error-summary").is_visible()
        assert page.evaluate("document.activeElement.classList.contains('error-summary')")
        if violations := axe_violations(page):
            found["errors"] = violations
        browser.close()
    assert found == {}


def test_narrow_screens_and_zoom_have_no_violations_either(page):
    page.set_viewport_size({"width": 320, "height": 640})  # WCAG 1.4.10 reflow
    page.goto("/")
    assert axe_violations(page) == []
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False, "the page scrolls sideways at 320 px"


def test_the_first_tab_reaches_the_skip_link_and_it_moves_focus_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till huvudinnehållet"
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0, "the skip link must be visible when focused"

    page.keyboard.press("Enter")

    # The jump is a navigation to the fragment: wait for it rather than race the browser.
    page.wait_for_url(re.compile(r".*#main$"))
    assert page.evaluate("document.activeElement.id") == "main"


def test_keyboard_focus_is_visible_on_links_and_buttons(page):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the site name, the first link after the skip link
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
    )
    assert style[0] != "none" and style[1] != "0px", style
    assert style[2] != "none", style


def test_a_focused_bootstrap_button_shows_the_dark_ring_not_the_pale_glow(page):
    """WCAG 2.4.13/1.4.11: the focus indicator of a button has at least 3:1 against white —
    the dark ring (#1b1b1b, 17:1), where Bootstrap's own glow was under 2:1."""
    page.goto("/arshjul/2027/moten/konferens/anmal/")
    button = page.locator("form .btn-primary").first
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focused from the keyboard: :focus-visible
    # Bootstrap eases the ring in: wait for it to settle, then read it.
    page.wait_for_function(
        "b => getComputedStyle(b).boxShadow.startsWith('rgb(27, 27, 27)')",
        arg=button.element_handle(),
        timeout=3000,
    )
    style = button.evaluate(
        "b => { const s = getComputedStyle(b); return [s.outlineStyle, s.boxShadow]; }"
    )
    assert style[0] == "solid", style
    assert "rgb(27, 27, 27)" in style[1], style
