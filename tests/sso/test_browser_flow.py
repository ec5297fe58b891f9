"""The whole sign-on in a real browser, against the provider in its own process: the button
on the admin's login page, the provider's login form, back in the admin with the role the
provider's group gives; the role gone when the group goes; signing out ends the provider's
session too (the next sign-in asks for the password again)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.site.helpers import CHROMIUM_ARGS, axe_violations
from tests.sso.helpers import EDITORS, PASSWORDS, READERS

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(sso, live_server, chromium_path, transactional_db):
    from arshjul.roles import sync_roles

    sync_roles()  # after the last transactional test's flush
    sso.register(
        [f"{live_server.url}/oidc/callback/", "http://testserver/oidc/callback/"],
        [f"{live_server.url}/admin/login/", "http://testserver/admin/login/"],
    )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = chromium.new_context(base_url=live_server.url, locale="sv-SE")
        yield context.new_page()
        chromium.close()


def sign_in(page, username):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_role("link", name="Logga in med regionens konto").click()
    expect(page.get_by_role("heading", name="Regionens inloggning")).to_be_visible()
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORDS[username])
    page.get_by_role("button", name="Logga in hos regionen").click()


def test_an_editor_signs_in_with_the_regions_account_and_loses_the_role_with_the_group(
    sso, browser
):
    page = browser
    sso.set_groups({"eva": [EDITORS]})
    sign_in(page, "eva")
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    page.goto("/admin/arshjul/cycle/add/")
    expect(page.locator("#cycle_form")).to_be_visible()

    # Signing out ends the provider's session: back at our login page.
    page.goto("/admin/")
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("**/admin/login/")

    # Out of the group: the provider asks for the password again, and we refuse, in Swedish.
    sso.set_groups({"eva": []})
    sign_in(page, "eva")
    expect(page.get_by_role("heading", name="Du har ingen behörighet till administrationen"))
    expect(page.get_by_role("link", name="arshjul-support@region.example.se")).to_be_visible()
    assert axe_violations(page) == []
    page.goto("/admin/")
    page.wait_for_url("**/admin/login/?next=/admin/")


def test_a_reader_reads_and_changes_nothing(sso, browser):
    page = browser
    sso.set_groups({"lars": [READERS]})
    sign_in(page, "lars")
    page.wait_for_url("**/admin/")
    response = page.goto("/admin/arshjul/cycle/")
    assert response.status == 200
    response = page.goto("/admin/arshjul/cycle/add/")
    assert response.status == 403


@pytest.mark.parametrize("width", [375, 1280])
def test_the_login_page_with_sign_on_fits_a_phone_and_a_desktop(sso, browser, settings, width):
    settings.STAFF_PASSWORD_LOGIN = "superusers"
    page = browser
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/admin/login/")
    button = page.get_by_role("link", name="Logga in med regionens konto")
    expect(button).to_be_visible()
    expect(page.get_by_role("heading", name="Nödinloggning för administratör")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = button.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 200  # a target anyone can hit (2.5.8)
    assert axe_violations(page) == []
    if shots := os.environ.get("SCREENSHOTS"):
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{shots}/oidc-login-{width}.png", full_page=True)
        sso.set_groups({})
        sign_in(page, "okand")
        page.screenshot(path=f"{shots}/oidc-no-access-{width}.png", full_page=True)
