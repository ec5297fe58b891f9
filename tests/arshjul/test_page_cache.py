"""Public pages come whole from the shared cache — and never say anything stale: not after an
edit, not across midnight, not across the minute a registration opens or closes; never to
someone signed in; never with a CSRF token or cookie in them."""

import pytest
from django.test import Client

from meetings.models import Meeting
from meetings.services import meeting_save
from tests import factories
from tests.registrations.conftest import sign_in

pytestmark = pytest.mark.django_db

MEETING = "/arshjul/2027/moten/arbetsmote/"
PUBLIC = ["/", "/arshjul/", "/arshjul/2027/", "/arshjul/2027/moten/", MEETING,
          f"{MEETING}kalender.ics", "/arshjul/2027/kalender.ics", "/personuppgifter/",
          "/tillganglighet/"]  # fmt: skip


@pytest.fixture
def cycle(frozen_now):
    frozen_now(2026, 11, 27, 12)
    return factories.cycle_with_meetings(2027)


def test_a_public_page_is_served_from_the_cache_without_a_query(
    client, cycle, django_assert_num_queries
):
    for url in PUBLIC:
        first = client.get(url)
        assert first.status_code == 200, url
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.content == first.content, url


def test_anonymous_pages_carry_no_csrf_token_and_set_no_cookie(client, cycle):
    for url in PUBLIC:
        response = client.get(url)
        assert "csrfmiddlewaretoken" not in response.content.decode(errors="replace"), url
        assert not response.cookies, url


def test_an_edit_is_seen_at_once(client, cycle):
    assert "Arbetsmöte" in client.get(MEETING).content.decode()
    meeting = Meeting.objects.get(cycle=cycle, slug="arbetsmote")
    meeting.title = "Arbetsmöte om kompetens"
    meeting_save(meeting=meeting)
    assert "Arbetsmöte om kompetens" in client.get(MEETING).content.decode()
    assert "Arbetsmöte om kompetens" in client.get("/").content.decode()  # on the wheel too
    assert "Arbetsmöte om kompetens" in client.get(f"{MEETING}kalender.ics").content.decode()


def test_a_new_material_is_seen_at_once(client, cycle):
    assert "Program för dagen" not in client.get(MEETING).content.decode()
    factories.material(
        cycle, meeting=cycle.meetings.get(slug="arbetsmote"), title="Program för dagen"
    )
    assert "Program för dagen" in client.get(MEETING).content.decode()


def test_the_registration_state_is_never_stale_across_the_deadline(client, cycle, frozen_now):
    frozen_now(2026, 12, 19, 23, 59, 0)
    assert "Sista dagen att anmäla sig är i dag" in client.get(MEETING).content.decode()
    assert (
        "Sista dagen att anmäla sig är i dag" in client.get("/arshjul/2027/moten/").content.decode()
    )
    frozen_now(2026, 12, 20, 0, 0, 0)
    for url in [MEETING, "/arshjul/2027/moten/"]:
        html = client.get(url).content.decode()
        assert "Anmälan stängde 19 december" in html, url
        assert "Sista dagen" not in html, url


def test_days_left_change_at_midnight(client, cycle, frozen_now):
    frozen_now(2026, 12, 17, 23, 59, 0)
    assert "2 dagar kvar" in client.get(MEETING).content.decode()
    frozen_now(2026, 12, 18, 0, 0, 1)
    assert "1 dag kvar" in client.get(MEETING).content.decode()


def test_a_registration_opens_at_its_minute(client, cycle, frozen_now):
    meeting = Meeting.objects.get(cycle=cycle, slug="arbetsmote")
    meeting.registration_opens_at = factories.end_of_day(2026, 11, 27)  # 23:59:59
    meeting_save(meeting=meeting)
    frozen_now(2026, 11, 27, 23, 59, 58)
    assert "Anmälan öppnar" in client.get(MEETING).content.decode()
    frozen_now(2026, 11, 27, 23, 59, 59)
    assert "Anmälan öppnar" not in client.get(MEETING).content.decode()


def test_someone_signed_in_never_gets_a_cached_page_nor_leaves_one(client, cycle):
    org = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    coordinator = factories.coordinator(cycle, org, name="Anna", email="anna@kil.example.org")
    anonymous = Client()
    assert "Min organisation" not in anonymous.get("/").content.decode()
    sign_in(client, coordinator)
    assert "Min organisation" in client.get("/").content.decode()
    assert "Logga ut" in client.get(MEETING).content.decode()
    assert "Min organisation" not in anonymous.get(MEETING).content.decode()
    assert "no-store" in client.get("/")["Cache-Control"]


def test_each_language_has_its_own_cached_page(client, cycle):
    assert '<html lang="sv">' in client.get("/").content.decode()
    client.get("/sprak/en/?next=/")
    assert '<html lang="en">' in client.get("/").content.decode()
    assert '<html lang="sv">' in Client().get("/").content.decode()


def test_a_browser_asking_again_gets_304_not_modified(client, cycle):
    for url in [MEETING, f"{MEETING}kalender.ics"]:
        first = client.get(url)
        assert first["ETag"] and first["Last-Modified"], url
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url
        assert client.get(url)["ETag"] == first["ETag"]
        assert "no-cache" in first["Cache-Control"]


def test_a_head_request_is_answered_like_a_get(client, cycle):
    response = client.head(MEETING)
    assert response.status_code == 200 and response.content == b""
