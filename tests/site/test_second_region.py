"""The second region's site passes the same checks as the demo's: axe-core in a real browser
and the W3C HTML checker, on its own pages with its own identity (colour, logo, contacts)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import sync_playwright

from arshjul.models import Identity
from tests.helpers import NORDVIK, NORDVIK_PAGES
from tests.site.helpers import CHROMIUM_ARGS, axe_violations, vnu_problems

LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>'


def nordvik():
    call_command("load_region", str(NORDVIK), stdout=StringIO())
    # Staff then upload the region's logo in the admin.
    Identity.objects.update(logo=LOGO, logo_type="image/svg+xml")


@pytest.mark.browser
def test_every_page_of_the_second_region_passes_axe(chromium_path, transactional_db, live_server):
    nordvik()
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=live_server.url, locale="sv-SE")
        for url in NORDVIK_PAGES:
            page.goto(url)
            if violations := axe_violations(page):
                found[url] = violations
        browser.close()
    assert found == {}


@pytest.mark.django_db
def test_every_page_of_the_second_region_passes_the_w3c_checker(tmp_path):
    nordvik()
    client, files = Client(), []
    for number, url in enumerate(NORDVIK_PAGES):
        path = tmp_path / f"page{number}.html"
        path.write_bytes(client.get(url).content)
        files.append(str(path))
    problems = vnu_problems(files)
    assert problems == [], json.dumps(problems, indent=2, ensure_ascii=False)
