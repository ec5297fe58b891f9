"""Publishing the lägesbild: staff see first what will happen, then it is public as it was
— its history readable after an organisation is removed — with its PDF as material of the
direction meeting; the public pages name organisations, never their coordinators."""

import pytest
from django.test import TestCase

from arshjul.models import Organisation
from meetings.models import Material
from situation import compile, services
from situation.models import Picture
from tests.confirming import as_data, confirming_form

PICTURES = "/admin/situation/picture/"
PUBLIC = "/arshjul/2027/lagesbild/"


def publish(client, picture):
    """Publish with the admin's action as staff do: the confirmation first, then confirmed."""
    asked = client.post(PICTURES, {"action": "publish", "_selected_action": [picture.pk]})
    form = confirming_form(asked)
    with TestCase.captureOnCommitCallbacks(execute=False):
        done = client.post(form["action"] or PICTURES, as_data(form["fields"]), follow=True)
    return asked, done


def test_publishing_shows_what_will_happen_first_and_publishes_nothing_yet(
    editor_client, picture, overlaps
):
    asked = editor_client.post(PICTURES, {"action": "publish", "_selected_action": [picture.pk]})
    text = asked.content.decode()
    assert "blir offentlig" in text and "Riktningsmöte" in text
    assert "Kompetensförsörjning och matchningsproblematik".lower() in text.lower()
    picture.refresh_from_db()
    assert picture.published_at is None and picture.snapshot is None


def test_published_it_is_public_with_its_gaps_and_matches_and_without_contacts(
    editor_client, editor, picture, overlaps, skills, client
):
    publish(editor_client, picture)
    picture.refresh_from_db()
    assert picture.published_by == editor and picture.snapshot["challenges"]
    index = client.get(PUBLIC).content.decode()
    assert "<strong>ser det ut</strong>" in index and "<script>" not in index
    page = client.get(f"{PUBLIC}{skills.pk}/").content.decode()
    assert "Ingen validering för vårdyrken" in page  # G4
    assert "Idéburen sektor" in page  # G2
    assert "Region Värmlands kompetensnätverk" in page  # M1
    assert "Gemensam mentorbank" in page  # M3
    assert "anna@kil.example.org" not in page and "Anna Samordnare" not in page
    assert 'role="img"' in page and "<title id=" in page and "<desc id=" in page


def test_staff_see_the_coordinators_to_contact(reader_client, picture, overlaps, skills):
    url = f"{PICTURES}{picture.pk}/lagesbild/{skills.pk}/"
    page = reader_client.get(url).content.decode()
    assert "anna@kil.example.org" in page and "erik@eda.example.org" in page


def test_an_unpublished_lagesbild_is_not_public(client, picture, overlaps, skills):
    assert client.get(PUBLIC).status_code == 404
    assert client.get(f"{PUBLIC}{skills.pk}/").status_code == 404


def test_an_organisation_removed_later_still_reads_in_the_published_lagesbild(
    editor_client, picture, overlaps, skills, client, eda
):
    publish(editor_client, picture)
    Organisation.objects.filter(pk=eda.pk).delete()
    page = client.get(f"{PUBLIC}{skills.pk}/").content.decode()
    assert "Eda kommun" in page and "RV Kompetensnätverket" in page
    assert "Eda kommun" not in str(compile.picture(picture.cycle))  # as it stands now


def test_the_pdf_is_material_of_the_direction_meeting(editor_client, picture, overlaps):
    publish(editor_client, picture)
    picture.refresh_from_db()
    material = Material.objects.get(pk=picture.material_id)
    assert material.meeting.kind == "direction_meeting"
    assert material.url.endswith("/arshjul/2027/lagesbild.pdf")
    publish(editor_client, picture)  # again: the same material, kept up to date
    assert Material.objects.filter(meeting__kind="direction_meeting").count() == 1


def test_a_cycle_without_challenges_has_nothing_to_publish(editor, cycle):
    from situation.errors import PictureError

    cycle.cycle_challenges.all().delete()
    picture = Picture.objects.create(cycle=cycle)
    with pytest.raises(PictureError):
        services.picture_publish(picture=picture, user=editor)


def test_published_again_the_cached_public_page_shows_the_new_picture_at_once(
    editor_client, picture, overlaps, skills, client, material, society
):
    from .helpers import answer

    publish(editor_client, picture)
    url = f"{PUBLIC}{skills.pk}/"
    assert "Föreningarnas jobbspår" not in client.get(url).content.decode()
    answer(material, society, skills, ("initiative", "Föreningarnas jobbspår"))
    assert "Föreningarnas jobbspår" not in client.get(url).content.decode()  # the record
    publish(editor_client, picture)
    assert "Föreningarnas jobbspår" in client.get(url).content.decode()


def test_the_cycle_page_links_to_the_lagesbild_once_published(editor_client, picture, client):
    assert 'href="/arshjul/2027/lagesbild/"' not in client.get("/arshjul/2027/").content.decode()
    publish(editor_client, picture)
    page = client.get("/arshjul/2027/").content.decode()
    assert 'href="/arshjul/2027/lagesbild/"' in page and "Lägesbilden publiceras" in page
