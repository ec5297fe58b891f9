"""The catalogue's settings in the admin ("Öppna data-katalog"): one row, which a Redaktör adds
once and then changes, a Läsare reads, and nobody else sees; a person's address is refused as
the contact point."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from arshjul.models import Coordinator
from opendata.models import CatalogueSettings
from tests.helpers import CAST, refused_by_the_admin

pytestmark = pytest.mark.django_db

ADD = "/admin/opendata/cataloguesettings/add/"
LIST = "/admin/opendata/cataloguesettings/"
CC_BY = CatalogueSettings.Licence.CC_BY
FORM = {
    "licence": CC_BY,
    "contact_name": "Öppna data, Region Värmland",
    "contact_email": "oppnadata@regionvarmland.example.org",
    "description": "Region Värmlands öppna data om utvecklingsstrategin.",
}


def change_url(row) -> str:
    return f"/admin/opendata/cataloguesettings/{row.pk}/change/"


@pytest.mark.parametrize("role", CAST)
def test_only_a_redaktor_adds_the_settings(cast, role):
    response = cast[role].post(ADD, FORM)
    if role == "editor":
        assert response.status_code == 302
        assert CatalogueSettings.objects.get().licence == CC_BY
    else:
        assert refused_by_the_admin(response, role)
        assert not CatalogueSettings.objects.exists()


@pytest.mark.parametrize("role", CAST)
def test_only_a_redaktor_changes_the_settings(cast, role):
    row = CatalogueSettings.objects.create()
    response = cast[role].post(change_url(row), FORM)
    row.refresh_from_db()
    if role == "editor":
        assert response.status_code == 302
        assert (row.licence, row.contact_email) == (CC_BY, FORM["contact_email"])
    else:
        assert refused_by_the_admin(response, role)
        assert row.licence == CatalogueSettings.Licence.CC0


def test_the_settings_are_added_once_then_the_list_goes_to_them(editor_client):
    assert editor_client.get(LIST)["Location"] == ADD
    editor_client.post(ADD, FORM)
    row = CatalogueSettings.objects.get()
    assert editor_client.get(LIST)["Location"] == change_url(row)
    assert editor_client.get(ADD).status_code == 403
    html = editor_client.get(change_url(row)).content.decode()
    assert "Öppna data-katalog" in html
    assert "Ta bort" not in html  # nothing to delete: the catalogue always has settings


def test_a_lasare_reads_the_settings(reader_client):
    row = CatalogueSettings.objects.create(contact_email="oppnadata@region.example.org")
    assert reader_client.get(LIST)["Location"] == change_url(row)
    html = reader_client.get(change_url(row)).content.decode()
    assert "oppnadata@region.example.org" in html
    assert reader_client.post(change_url(row), FORM).status_code == 403


@pytest.mark.parametrize("whose", ["owner", "reader"])
def test_a_person_s_address_is_refused_as_the_contact_point(cast, editor_client, whose):
    """A coordinator's or a staff member's own address would be published to every portal
    that harvests the catalogue, and outlive their job there."""
    email = (
        Coordinator.objects.get(name="Anna Samordnare").email
        if whose == "owner"
        else get_user_model().objects.get(username="lasare").email
    )
    response = editor_client.post(ADD, {**FORM, "contact_email": email.upper()})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{email.upper()} är en persons adress" in html
    assert "Ange en funktionsadress" in html
    assert not CatalogueSettings.objects.exists()


def test_visitors_cannot_open_the_settings():
    response = Client().get(LIST)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
