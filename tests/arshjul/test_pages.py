import pytest
from django.test import Client
from django.urls import path

import arshjul.urls

pytestmark = pytest.mark.django_db


def test_every_page_has_the_base_layout_in_swedish(client):
    page = client.get("/personuppgifter/").content.decode()
    assert '<html lang="sv">' in page
    assert 'href="#main"' in page and 'id="main"' in page
    assert page.count("<h1") == 1
    assert 'href="/personuppgifter/"' in page and 'href="/tillganglighet/"' in page
    assert "<footer" in page and "<header" in page and "<nav" in page


def test_the_accessibility_statement_has_what_the_law_asks_for(client):
    page = client.get("/tillganglighet/").content.decode()
    assert "<h1>Tillgänglighetsredogörelse</h1>" in page
    assert "delvis förenlig" in page
    assert "https://www.digg.se/tdosanmalan" in page
    assert "27 november 2026" in page


def test_an_unknown_page_gets_a_swedish_404_in_the_base_layout(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Sidan hittades inte" in page
    assert 'href="#main"' in page


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("trasig/", broken_view), *arshjul.urls.urlpatterns]


def test_a_server_error_gets_a_swedish_500_in_the_base_layout(settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/trasig/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Något gick fel" in page
    assert 'href="#main"' in page


def test_the_language_switch_turns_the_site_english_and_back(client):
    assert "Hoppa till huvudinnehållet" in client.get("/").content.decode()

    page = client.get("/tillganglighet/").content.decode()
    assert 'href="/sprak/en/?next=/tillganglighet/"' in page  # a link: no form, no token
    response = client.get("/sprak/en/?next=/tillganglighet/")
    assert response.status_code == 302 and response.url == "/tillganglighet/"
    page = client.get("/tillganglighet/").content.decode()
    assert '<html lang="en">' in page
    assert "Skip to main content" in page and "Accessibility statement" in page

    client.get("/sprak/sv/?next=/")
    assert "Hoppa till huvudinnehållet" in client.get("/").content.decode()


def test_the_language_switch_goes_back_only_to_this_site(client):
    response = client.get("/sprak/en/?next=https://elak.example.org/")
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/sprak/xx/").status_code == 404


def test_a_browser_asking_for_english_still_gets_swedish_until_the_visitor_switches(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="sv">' in page
    assert "Hoppa till huvudinnehållet" in page


def test_forms_are_protected_against_cross_site_requests():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/logga-in/", {"email": "anna@example.org"})
    assert response.status_code == 403


def test_static_files_are_served_by_the_app(client):
    # No CDN: the stylesheets the pages link to come from the app itself.
    page = client.get("/").content.decode()
    assert "/static/vendor/bootstrap-5.3.8/css/bootstrap.min.css" in page
    assert "//cdn" not in page and "https://" not in page.split("<body>")[0]
