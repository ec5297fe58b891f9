"""Every view of the lägesbild, got and posted by the whole cast — someone not signed in,
Kil's coordinator, Eda's coordinator, a Läsare and a Redaktör: the published pages are
everyone's to read and nobody's to post to; staff's pages are staff's; only an editor
publishes or changes the introduction."""

import pytest
from django.test import TestCase

from situation import services
from situation.models import Picture
from tests.confirming import as_data, confirming_form
from tests.helpers import CAST, refused_by_the_admin
from tests.html import form_as_shown

NOT_STAFF = {"anonymous", "owner", "outsider"}
PICTURES = "/admin/situation/picture/"


@pytest.mark.parametrize("role", CAST)
def test_everyone_reads_the_published_lagesbild_and_nobody_posts_to_it(
    cast, role, picture, overlaps, skills
):
    with TestCase.captureOnCommitCallbacks(execute=False):
        services.picture_publish(picture=picture)
    client = cast[role]
    for url in [
        "/arshjul/2027/lagesbild/",
        f"/arshjul/2027/lagesbild/{skills.pk}/",
        "/arshjul/2027/lagesbild.pdf",
    ]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert "Lägesbild 2027" in page.content.decode()
        assert "anna@kil.example.org" not in page.content.decode()
        assert client.post(url, {"introduction": "Ändrad"}).status_code == 405, url


@pytest.mark.parametrize("role", CAST)
def test_only_staff_read_the_lagesbild_as_it_stands(cast, role, picture, overlaps, skills):
    for url in [
        PICTURES,
        f"{PICTURES}{picture.pk}/change/",
        f"{PICTURES}{picture.pk}/lagesbild/",
        f"{PICTURES}{picture.pk}/lagesbild/{skills.pk}/",
    ]:
        page = cast[role].get(url)
        if role in NOT_STAFF:
            assert refused_by_the_admin(page, role), url
        else:
            assert page.status_code == 200, url
    staff_page = cast[role].post(f"{PICTURES}{picture.pk}/lagesbild/{skills.pk}/", {})
    assert refused_by_the_admin(staff_page, role) or staff_page.status_code == 405


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_publishes(cast, role, picture, overlaps):
    client = cast[role]
    asked = client.post(PICTURES, {"action": "publish", "_selected_action": [picture.pk]})
    if role == "editor":
        form = confirming_form(asked)
        with TestCase.captureOnCommitCallbacks(execute=False):
            client.post(form["action"] or PICTURES, as_data(form["fields"]))
    elif role in NOT_STAFF:
        assert refused_by_the_admin(asked, role)
    picture.refresh_from_db()
    assert picture.is_published == (role == "editor")


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_changes_the_introduction(cast, role, picture):
    url = f"{PICTURES}{picture.pk}/change/"
    shown = form_as_shown(cast["editor"].get(url))
    changed = cast[role].post(url, {**shown, "introduction": "Ny text."})
    picture.refresh_from_db()
    if role == "editor":
        assert changed.status_code == 302 and picture.introduction == "Ny text."
    else:
        assert refused_by_the_admin(changed, role) and picture.introduction != "Ny text."


@pytest.mark.parametrize("role", CAST)
def test_only_an_editor_adds_a_lagesbild(cast, role, cycle):
    cast[role].post(f"{PICTURES}add/", {"cycle": cycle.pk, "introduction": "Ny."})
    assert Picture.objects.filter(cycle=cycle).exists() == (role == "editor")
