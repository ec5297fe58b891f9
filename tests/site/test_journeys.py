"""Journeys as people make them, in a real browser, with axe on the pages they pass."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import sync_playwright

from tests.site.test_accessibility import CHROMIUM_ARGS, axe_violations

pytestmark = pytest.mark.browser


def in_a_thread(function):
    """The ORM may not run in Playwright's thread."""
    with ThreadPoolExecutor(1) as worker:
        return worker.submit(function).result()


def test_a_visitor_registers_for_the_conference_and_cancels_through_the_link(
    chromium_path, transactional_db, demo_data, live_server
):
    from arshjul.models import OutgoingMail
    from registrations.models import Participant

    def personal_link():
        mail = OutgoingMail.objects.filter(kind="participant_confirmed").latest("pk")
        link = next(word for word in mail.body_text.split() if "/anmalan/?nyckel=" in word)
        return link[link.index("/anmalan/") :]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
        page.goto("/arshjul/2027/moten/konferens/")
        page.get_by_role("link", name="Anmäl dig").click()
        assert axe_violations(page) == []
        page.get_by_label("Namn").fill("Vera Värmländsk")
        page.get_by_label("E-post").fill("vera@example.org")
        page.get_by_label("Din organisation, om den inte finns i listan").fill("Föreningen Framtid")
        page.get_by_role("button", name="Anmäl mig").click()
        page.wait_for_load_state()
        assert "Kolla din e-post" in page.content()
        assert axe_violations(page) == []

        page.goto(in_a_thread(personal_link))
        assert "Bekräftad" in page.content()
        assert axe_violations(page) == []
        page.get_by_role("button", name="Avanmäl mig").click()
        page.wait_for_load_state()
        assert "Din anmälan är avanmäld" in page.content()
        browser.close()
    statuses = in_a_thread(lambda: list(Participant.objects.values_list("status", flat=True)))
    assert "cancelled" in statuses
