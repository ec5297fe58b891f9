"""What axe does not see, seen in a real browser: no page wider than a phone, form controls
whose edges can be seen (WCAG 1.4.11, 3:1 against white), and no page breaking its own
Content-Security-Policy."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import sync_playwright

from tests.site.helpers import CHROMIUM_ARGS, PUBLIC_PAGES
from tests.site.walker import ALL_PATTERNS, EXPECTED, ROLES, client_for

pytestmark = pytest.mark.browser

CONTRAST = """(selector) => {
  const el = document.querySelector(selector);
  const [r, g, b] = getComputedStyle(el).borderTopColor.match(/\\d+/g).map(Number);
  const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return 1.05 / (l + 0.05);
}"""


@pytest.fixture
def browser_context(chromium_path, transactional_db, coordinator_session, live_server):
    _, session_id, pages = coordinator_session
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="sv-SE")
        context.add_cookies([{"name": "sessionid", "value": session_id, "url": live_server.url}])
        yield context, pages
        browser.close()


def test_no_coordinator_page_is_wider_than_a_phone(browser_context):
    context, pages = browser_context
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    wide = {}
    for url in pages:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            wide[url] = width
    assert wide == {}


def test_the_participant_table_shows_status_and_actions_on_a_phone_without_sideways_scroll(
    browser_context,
):
    context, _pages = browser_context

    def register_a_long_name():
        from arshjul.models import Coordinator
        from registrations.services import Person, participants_register

        coordinator = Coordinator.objects.get(
            email="karin.lund@example.org", cycle__year=2027, organisation__name="Compare"
        )
        meeting = coordinator.cycle.meetings.get(slug="arbetsmote")
        participants_register(
            meeting=meeting,
            organisation=coordinator.organisation,
            people=[
                Person(
                    "Maximiliana Östergren-Wallenberg",
                    "maximiliana.ostergren-wallenberg@kompetensforsorjning.example.org",
                    role="Strategisk utvecklingsledare för kompetensförsörjning",
                    workshop_group=coordinator.cycle.cycle_challenges.last().challenge,
                )
            ],
        )

    with ThreadPoolExecutor(1) as worker:  # the ORM may not run in Playwright's thread
        worker.submit(register_a_long_name).result()
    page = context.new_page()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/min-organisation/")
    table = page.locator(".participant-table").first
    region = table.locator("xpath=..")
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth"), "the table scrolls sideways"
    # Each status and each action reads whole, on one line: not squeezed into a column a few
    # letters wide.
    lines = (
        "e => { const r = document.createRange(); r.selectNodeContents(e.firstChild);"
        " return r.getClientRects().length; }"
    )
    row = table.locator("tr", has_text="Maximiliana")
    for cell in [row.locator("td", has_text="Bekräftad"), *row.locator("a").all()]:
        assert cell.evaluate(lines) == 1, cell.inner_text()


def test_form_controls_have_edges_of_3_to_1_against_white(browser_context):
    context, pages = browser_context
    page = context.new_page()
    page.goto(pages[2])  # the add form: text inputs, a select, a checkbox
    for selector in ["input[type=text]", "input[type=email]", "select", "input[type=checkbox]"]:
        ratio = page.evaluate(CONTRAST, selector)
        assert ratio >= 3, (selector, round(ratio, 2))


def test_no_page_breaks_its_content_security_policy(browser_context, live_server):
    context, pages = browser_context
    page = context.new_page()
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    for url in [*PUBLIC_PAGES, *pages]:
        page.goto(url)
    assert violations == []


def test_the_admin_works_within_the_content_security_policy(
    chromium_path, transactional_db, demo_data, live_server
):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from meetings.models import Meeting

    staff = get_user_model().objects.get(username="personal")
    client = Client()
    client.force_login(staff)
    meeting = Meeting.objects.filter(slug="arbetsmote").first()
    pages = [
        "/admin/",
        "/admin/meetings/meeting/",
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        "/admin/meetings/meeting/add/",
        "/admin/registrations/participant/add/",
        "/admin/arshjul/cycle/",
        "/admin/arshjul/pdfjob/add/",
        "/admin/driftstatus/",
        "/admin/workshops/notes/",
        f"/admin/workshops/notes/{meeting.workshop_notes.order_by('pk').first().pk}/change/",
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live_server.url, locale="sv-SE")
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        violations = []
        page.on(
            "console", lambda m: "Content Security Policy" in m.text and violations.append(m.text)
        )
        for url in pages:
            page.goto(url)
        # The slug is still filled in from the title by the admin's script.
        page.goto("/admin/meetings/meeting/add/")
        page.fill("#id_title", "Nytt möte")
        page.locator("#id_title").dispatch_event("change")  # as leaving the field does
        assert page.input_value("#id_slug") == "nytt-mote"
        browser.close()
    assert violations == []


def test_the_overview_fits_a_laptop_and_keeps_the_organisation_in_view(
    chromium_path, transactional_db, demo_data, live_server
):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from arshjul.models import Cycle

    client = Client()
    client.force_login(get_user_model().objects.get(username="personal"))
    cycle = Cycle.objects.order_by("-year").first()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 800}
        )
        session = client.cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        page = context.new_page()
        page.goto(f"/admin/arshjul/cycle/{cycle.pk}/oversikt/")
        region = page.locator(".dashboard-table").locator("xpath=..")
        fits = region.evaluate("r => r.scrollWidth <= r.clientWidth")
        # Narrower (the sidebar open, a smaller screen) it scrolls within its region, the
        # organisation's column staying where it is.
        page.set_viewport_size({"width": 900, "height": 800})
        first = page.locator(".dashboard-table tbody th").first
        left = first.bounding_box()["x"]
        region.evaluate("r => { r.scrollLeft = 400; }")
        kept = first.bounding_box()["x"] == left
        browser.close()
    assert fits, "the overview is wider than a laptop's screen"
    assert kept, "the organisation's column scrolls away"


def test_a_coordinator_signs_in_with_the_link_in_a_real_browser(
    chromium_path, transactional_db, demo_data, live_server
):
    """The whole sign-in as a browser does it: the link's page, its button, the CSRF check
    (browsers send an Origin header the server must accept), the organisation's page."""
    from concurrent.futures import ThreadPoolExecutor

    from arshjul.models import OutgoingMail

    def latest_link():  # the ORM may not run in Playwright's thread
        mail = OutgoingMail.objects.filter(kind="signin_link").latest("pk")
        return next(word for word in mail.body_text.split() if "sesame=" in word)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
        page.goto("/logga-in/")
        page.fill("#id_email", "karin.lund@example.org")
        page.get_by_role("button", name="Skicka en inloggningslänk").click()
        page.wait_for_load_state()
        with ThreadPoolExecutor(1) as worker:
            link = worker.submit(latest_link).result()
        page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_load_state()
        assert "/min-organisation/" in page.url, page.content()[:2000]
        browser.close()


def too_wide(pages_by_role: dict, cookies: dict, live_server, chromium_path, width=320):
    """{url: width} of the pages wider than ``width`` (WCAG 1.4.10: no scrolling sideways at
    320 CSS px), each seen by its role in a browser of its own."""
    wide = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        for role, urls in pages_by_role.items():
            context = browser.new_context(base_url=live_server.url, locale="sv-SE")
            if role in cookies:
                context.add_cookies(
                    [{"name": "sessionid", "value": cookies[role], "url": live_server.url}]
                )
            page = context.new_page()
            page.set_viewport_size({"width": width, "height": 640})
            for url in urls:
                page.goto(url)
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > width:
                    wide[f"{url} ({role})"] = scroll_width
            context.close()
        browser.close()
    return wide


def test_no_page_the_walker_reaches_is_wider_than_320_px(chromium_path, world, live_server):
    """Every address of the site outside the admin, as the walker builds it, seen by the first
    of the cast who gets a page there: its coordinator, anyone, or staff."""
    clients = {role: client_for(role, world) for role in ROLES}
    pages_by_role: dict[str, list[str]] = {}
    for name, _route in ALL_PATTERNS:
        if name.startswith("admin:") or name not in EXPECTED:
            continue
        build, expected = EXPECTED[name]
        url = build(world)
        for role in ["owner", "anonymous", "editor"]:
            if expected[role] != 200:
                continue
            response = clients[role].get(url)
            if response.status_code == 200 and "text/html" in response["Content-Type"]:
                pages_by_role.setdefault(role, []).append(url)
                break
    cookies = {
        role: client.cookies["sessionid"].value
        for role, client in clients.items()
        if "sessionid" in client.cookies
    }
    assert sum(len(urls) for urls in pages_by_role.values()) > 30

    assert too_wide(pages_by_role, cookies, live_server, chromium_path) == {}


def test_no_page_of_the_demo_is_wider_than_320_px(
    chromium_path, transactional_db, coordinator_session, personal_pages, live_server
):
    """The same over the demo's words (long Swedish ones: "Kompetensförsörjning",
    "Tillgänglighetsredogörelse"): every public page, every personal link's, every
    coordinator's."""
    from arshjul.models import CycleChallenge

    _, session_id, coordinator_pages = coordinator_session
    # The working material of every focus challenge, not only the first one's.
    coordinator_pages += [
        f"/min-organisation/arbetsmaterial/{c.challenge_id}/"
        for c in CycleChallenge.objects.filter(cycle__year=2027)
    ]
    pages_by_role = {
        "anonymous": [*PUBLIC_PAGES, *personal_pages],
        "owner": coordinator_pages,
    }
    cookies = {"owner": session_id}

    assert too_wide(pages_by_role, cookies, live_server, chromium_path) == {}
