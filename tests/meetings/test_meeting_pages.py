import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from arshjul.models import Cycle
from meetings.models import Material, Meeting
from tests import factories

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_meeting_page_has_what_a_participant_needs(client, frozen_now):
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    factories.material(cycle, title="Preliminär nulägesanalys")  # for the whole cycle
    work = cycle.meetings.get(slug="arbetsmote")
    factories.material(cycle, meeting=work, title="Vägledning")

    html = page(client, "/arshjul/2027/moten/arbetsmote/")

    assert "<h1>Arbetsmöte</h1>" in html
    assert "Onsdag 13 januari 2027" in html and "kl. 09.00–16.00" in html
    assert "Nöjesfabriken, Västra Torggatan 26, Karlstad" in html
    assert "Samordnarna anmäler sin organisations deltagare" in html
    assert "22 dagar kvar" in html and "senast 19 december" in html
    assert "Demografi och utanförskap" in html  # the workshop groups
    assert "Preliminär nulägesanalys" in html and "Vägledning" in html
    assert "Maria Lindgren" in html and "mailto:maria.lindgren@example.org" in html
    assert 'href="/arshjul/2027/moten/arbetsmote/kalender.ics"' in html


def test_a_save_the_date_meeting_says_the_invitation_is_coming(client, frozen_now):
    frozen_now(2026, 11, 27, 12)
    factories.cycle_with_meetings(2027)

    html = page(client, "/arshjul/2027/moten/konferens/")

    assert "Spara datumet!" in html and "Inbjudan kommer" in html
    assert "29 september 2027" in html
    assert "Meddelas senare" in html  # no venue yet


def test_an_invitation_only_meeting_says_so(client, frozen_now):
    frozen_now(2026, 11, 27, 12)
    factories.cycle_with_meetings(2027)
    html = page(client, "/arshjul/2027/moten/riktningsmote/")
    assert "Endast för inbjudna" in html


def test_after_the_deadline_the_page_says_registration_closed(client, frozen_now):
    frozen_now(2026, 12, 20, 0, 0, 1)
    factories.cycle_with_meetings(2027)
    html = page(client, "/arshjul/2027/moten/arbetsmote/")
    assert "Anmälan stängde 19 december" in html
    assert "dagar kvar" not in html


def test_documentation_is_published_on_the_meetings_page_after_it(client, frozen_now):
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2023)
    work = cycle.meetings.get(slug="arbetsmote")
    work.documentation = "Drygt hundra sakkunniga deltog."
    work.save()
    factories.material(
        cycle, meeting=work, title="Sammanfattning", kind=Material.Kind.DOCUMENTATION
    )

    html = page(client, "/arshjul/2023/moten/arbetsmote/")

    assert "Dokumentation från mötet" in html
    assert "Drygt hundra sakkunniga deltog." in html and "Sammanfattning" in html


def test_unpublished_meetings_and_cycles_are_not_shown(client, frozen_now):
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    Meeting.objects.filter(slug="konferens").update(published=False)

    assert client.get("/arshjul/2027/moten/konferens/").status_code == 404
    assert client.get("/arshjul/2027/moten/konferens/kalender.ics").status_code == 404
    assert "Konferensen Värmland 2040" not in page(client, "/arshjul/2027/moten/")
    assert "Konferensen Värmland 2040" not in page(client, "/")  # nor on the wheel
    assert client.get("/arshjul/2027/moten/finns-inte/").status_code == 404

    cycle.status = Cycle.Status.DRAFT  # as staff do in the admin (a save)
    cycle.save()
    assert client.get("/arshjul/2027/moten/arbetsmote/").status_code == 404
    assert client.get("/arshjul/2027/moten/").status_code == 404
    assert client.get("/arshjul/2027/kalender.ics").status_code == 404


def test_the_meetings_list_shows_them_in_order_with_their_state(client, frozen_now):
    frozen_now(2026, 11, 27, 12)
    factories.cycle_with_meetings(2027)

    html = page(client, "/arshjul/2027/moten/")

    assert html.index("Arbetsmöte") < html.index("Riktningsmöte") < html.index("Konferensen")
    assert "22 dagar kvar att anmäla" in html and "Endast för inbjudna" in html
    assert "Inbjudan kommer" in html


def test_the_meetings_list_keeps_its_query_count_with_more_meetings(
    client, frozen_now, django_assert_max_num_queries
):
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    with CaptureQueriesContext(connection) as three:
        page(client, "/arshjul/2027/moten/")
    for n in range(27):
        factories.meeting(cycle, title=f"Möte {n}", date=datetime.date(2027, 5, 1 + n))
    with django_assert_max_num_queries(len(three)):
        html = page(client, "/arshjul/2027/moten/")
    assert "Möte 26" in html


def test_the_meeting_page_keeps_its_query_count_with_more_materials(
    client, frozen_now, django_assert_max_num_queries
):
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    work = cycle.meetings.get(slug="arbetsmote")
    factories.material(cycle, meeting=work)
    with CaptureQueriesContext(connection) as one:
        page(client, "/arshjul/2027/moten/arbetsmote/")
    for _ in range(20):
        factories.material(cycle, meeting=work)
        factories.material(cycle)
    with django_assert_max_num_queries(len(one)):
        page(client, "/arshjul/2027/moten/arbetsmote/")


def test_the_home_page_lists_the_latest_material_as_news(client, frozen_now):
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    now = datetime.datetime.now(datetime.UTC)
    factories.material(cycle, title="Äldre nyhet", published_from=now - datetime.timedelta(days=9))
    factories.material(cycle, title="Ny nyhet", published_from=now - datetime.timedelta(days=1))
    factories.material(cycle, title="Kommande", published_from=now + datetime.timedelta(days=1))

    html = page(client, "/")

    assert "Nyheter" in html
    assert html.index("Ny nyhet") < html.index("Äldre nyhet")
    assert "Kommande" not in html
