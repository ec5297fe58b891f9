"""A second region by data alone: examples/region-nordvik loaded on an empty database gives a
working site of that region, with no word of Värmland; a file with a bad row loads nothing."""

import shutil
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from arshjul.models import Cycle, Identity, Organisation
from indicators.models import Indicator, IndicatorValue
from meetings.models import Meeting
from tests.helpers import NORDVIK, NORDVIK_PAGES

pytestmark = pytest.mark.django_db


def load(folder=NORDVIK) -> str:
    out = StringIO()
    call_command("load_region", str(folder), stdout=out)
    return out.getvalue()


def test_the_example_region_gives_a_working_site_with_no_word_of_varmland():
    assert not Organisation.objects.exists()

    output = load()

    assert "organisationer.csv: 8 rader" in output and "Regionen är inläst." in output
    assert Identity.objects.get().organiser_name == "Region Nordvik"
    assert Cycle.objects.get().status == Cycle.Status.PUBLISHED
    assert Meeting.objects.filter(published=True).count() == 3
    assert IndicatorValue.objects.count() == 9
    client = Client()
    for url in NORDVIK_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Region Nordvik" in html, url
        assert "värmland" not in html.casefold(), url
    meeting = client.get("/arshjul/2027/moten/arbetsmote-om-strategin/").content.decode()
    assert "10 februari 2027" in meeting and "Kulturhuset Strandvik" in meeting
    indicator = client.get("/indikatorer/NV-1/").content.decode()
    assert "Andel unga 20–29 år av befolkningen" in indicator and "Fjällbacka" in indicator


def test_loading_twice_updates_and_adds_nothing():
    load()
    load()
    assert Organisation.objects.count() == 8
    assert Indicator.objects.count() == 2
    assert Meeting.objects.count() == 3


def test_a_bad_row_loads_nothing_and_says_where(tmp_path):
    folder = tmp_path / "region"
    shutil.copytree(NORDVIK, folder)
    goals = folder / "mal.csv"
    goals.write_text(
        goals.read_text(encoding="utf-8") + "3;Ett mål utan område;Finns inte\n", encoding="utf-8"
    )

    with pytest.raises(CommandError) as error:
        load(folder)

    message = str(error.value)
    assert "Inget är inläst. mal.csv" in message
    assert "rad 4: Insatsområde: Inget insatsområde heter Finns inte" in message
    assert not Organisation.objects.exists() and not Identity.objects.exists()


def test_a_missing_file_is_named(tmp_path):
    folder = tmp_path / "region"
    shutil.copytree(NORDVIK, folder)
    (folder / "moten.csv").unlink()
    with pytest.raises(CommandError, match="moten.csv:\n  Filen saknas"):
        load(folder)
    assert not Cycle.objects.exists()


def test_a_pale_colour_in_the_region_file_is_refused_with_the_reason(tmp_path):
    folder = tmp_path / "region"
    shutil.copytree(NORDVIK, folder)
    region = folder / "region.csv"
    region.write_text(region.read_text(encoding="utf-8").replace("#5b2a86", "#ffcc00"))
    with pytest.raises(CommandError, match="Kontrasten mellan #ffcc00 och vitt är 1,5:1"):
        load(folder)


def test_staff_read_in_a_file_in_the_admin_with_a_preview(editor_client):
    url = "/admin/arshjul/organisation/region/"
    upload = SimpleUploadedFile(
        "organisationer.csv", (NORDVIK / "organisationer.csv").read_bytes(), "text/csv"
    )
    preview = editor_client.post(url, {"kind": "organisationer", "file": upload})
    html = preview.content.decode()
    assert "Läs in 8 rader" in html and "Fjällbacka kommun" in html
    assert not Organisation.objects.exists()

    done = editor_client.post(
        url, {"kind": "organisationer", "signed": preview.context["signed"]}, follow=True
    )
    assert "8 rader är inlästa." in done.content.decode()
    assert Organisation.objects.get(name="Fjällbacka kommun").municipality_code == "2901"


def test_a_row_error_in_the_admin_is_shown_by_its_number(editor_client):
    content = b"Namn;Kategori;Kommunkod\nNy kommun;Kommun;12\nEtt lag;Fotboll;\n"
    upload = SimpleUploadedFile("organisationer.csv", content, "text/csv")
    html = editor_client.post(
        "/admin/arshjul/organisation/region/",
        {"kind": "organisationer", "file": upload},
    ).content.decode()
    assert "En kommunkod består av fyra siffror" in html
    assert "Välj en av: Region, Kommun" in html
    assert not Organisation.objects.exists()


def test_a_reader_cannot_read_in_files(reader_client):
    upload = SimpleUploadedFile("organisationer.csv", b"Namn;Kategori\nX;Kommun\n", "text/csv")
    response = reader_client.post(
        "/admin/arshjul/organisation/region/", {"kind": "organisationer", "file": upload}
    )
    assert response.status_code == 403
    assert not Organisation.objects.exists()
