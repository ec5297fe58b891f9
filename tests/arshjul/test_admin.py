import pytest
from django.contrib.auth import get_user_model

from arshjul.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/",
    "/admin/arshjul/cycle/",
    "/admin/arshjul/cycle/add/",
    "/admin/arshjul/organisation/",
    "/admin/arshjul/organisation/add/",
    "/admin/arshjul/coordinator/",
    "/admin/arshjul/challenge/",
    "/admin/arshjul/strategy/",
    "/admin/meetings/meeting/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_a_signed_in_user_who_is_not_staff_cannot_use_the_admin(client):
    user = get_user_model().objects.create_user("someone", password="a-long-test-password")
    client.force_login(user)
    assert client.get("/admin/arshjul/organisation/").status_code == 302


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_staff_can_open_every_admin_page(staff_client, url):
    factories.cycle_with_meetings(2027)
    assert staff_client.get(url).status_code == 200


def test_staff_see_a_cycle_with_its_challenges_and_meetings(staff_client):
    cycle = factories.cycle_with_meetings(2027)
    page = staff_client.get(f"/admin/arshjul/cycle/{cycle.pk}/change/").content.decode()
    assert "demografi och utanförskap" in page
    assert "Riktningsmöte" in page


def test_staff_find_organisations_by_name_and_category(staff_client):
    factories.organisation(
        name="Karlstads kommun", category="municipality", municipality_code="1780"
    )
    factories.organisation(name="Compare", category="cluster")

    by_search = staff_client.get("/admin/arshjul/organisation/", {"q": "1780"}).content.decode()
    by_filter = staff_client.get(
        "/admin/arshjul/organisation/", {"category__exact": "cluster"}
    ).content.decode()

    assert "Karlstads kommun" in by_search and "Compare" not in by_search
    assert "Compare" in by_filter and "Karlstads kommun" not in by_filter


def test_a_municipality_without_its_code_is_refused_in_swedish(staff_client):
    response = staff_client.post(
        "/admin/arshjul/organisation/add/",
        {
            "name": "Kils kommun",
            "category": "municipality",
            "municipality_code": "",
            "contact_email": "kontakt@kil.example.org",
            "active": "on",
            "coordinators-TOTAL_FORMS": "0",
            "coordinators-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "kommunkod med fyra siffror" in response.content.decode()
    assert 'value="kontakt@kil.example.org"' in response.content.decode()
    assert not Organisation.objects.filter(name="Kils kommun").exists()


def test_two_organisations_cannot_share_a_municipality_code(staff_client):
    factories.organisation(name="Kils kommun", category="municipality", municipality_code="1715")
    response = staff_client.post(
        "/admin/arshjul/organisation/add/",
        {
            "name": "Kil igen",
            "category": "municipality",
            "municipality_code": "1715",
            "active": "on",
            "coordinators-TOTAL_FORMS": "0",
            "coordinators-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "har redan den här kommunkoden" in response.content.decode()
    assert Organisation.objects.filter(municipality_code="1715").count() == 1


@pytest.mark.parametrize("role", ["reader", "editor"])
def test_the_start_page_leads_with_the_cycles_and_their_overview(client, role, request):
    cycle = factories.cycle_with_meetings(2027)
    client.force_login(request.getfixturevalue(role))
    html = client.get("/admin/").content.decode()
    assert html.index("Årshjulen") < html.index('class="app-arshjul')
    assert f'href="/admin/arshjul/cycle/{cycle.pk}/oversikt/"' in html
    assert ("Redigera" in html) == (role == "editor")


def test_the_change_history_reads_in_swedish(editor_client):
    organisation = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    html = editor_client.get(
        f"/admin/arshjul/organisation/{organisation.pk}/history/"
    ).content.decode()
    assert "Ändringshistorik för Kils kommun" in html
    assert "Skapad" in html and "1 version" in html
    for english in ["View history", "Changed by", "Change reason", "None"]:
        assert english not in html


def test_the_outbox_counts_its_mails_in_words_that_read(editor_client):
    html = editor_client.get("/admin/arshjul/outgoingmail/").content.decode()
    assert "e-postmeddelanden i utkorgen" in html
