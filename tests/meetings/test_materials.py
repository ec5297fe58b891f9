import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings.models import Material
from tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% a tiny test document\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def upload(staff_client, cycle, name, content, **extra):
    return staff_client.post(
        "/admin/meetings/material/add/",
        {
            "cycle": cycle.pk,
            "audience": "everyone",
            "kind": "preparation",
            "title": "Nulägesanalys",
            "description": "Läs före mötet",
            "file": SimpleUploadedFile(name, content),
            "published_from_0": "2026-11-01",
            "published_from_1": "09:00",
            **extra,
        },
    )


def test_staff_upload_a_pdf_and_anyone_downloads_it_with_the_right_type(
    staff_client, client, media
):
    cycle = factories.cycle_with_meetings(2027)

    response = upload(staff_client, cycle, "nulägesanalys.pdf", PDF)

    assert response.status_code == 302
    material = Material.objects.get()
    download = client.get(f"/material/{material.pk}/{material.filename}")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.exe", b"MZ\x90\x00", "Filer av typen .exe kan inte laddas upp"),
        ("sida.html", b"<script>alert(1)</script>", "Filer av typen .html kan inte laddas upp"),
        ("falsk.pdf", b"<script>alert(1)</script>", "Filens innehåll stämmer inte med dess namn"),
        ("bild.png", PDF, "Filens innehåll stämmer inte med dess namn"),
    ],
)
def test_files_of_the_wrong_kind_are_refused(staff_client, media, name, content, message):
    cycle = factories.cycle_with_meetings(2027)
    response = upload(staff_client, cycle, name, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Läs före mötet" in html  # what was typed is kept
    assert not Material.objects.exists()


def test_a_file_over_the_size_limit_is_refused(staff_client, media, settings):
    settings.MATERIAL_MAX_MEGABYTES = 1
    cycle = factories.cycle_with_meetings(2027)
    response = upload(staff_client, cycle, "stor.pdf", PDF + b"0" * (1024 * 1024 + 1))
    assert "högst 1 MB" in response.content.decode()
    assert not Material.objects.exists()


def test_a_file_or_a_link_is_needed_but_not_both(staff_client, media):
    cycle = factories.cycle_with_meetings(2027)
    response = upload(staff_client, cycle, "a.pdf", PDF, url="https://example.org/a.pdf")
    assert "Ange antingen en fil eller en länk, inte båda." in response.content.decode()


def test_unpublished_material_cannot_be_downloaded(client, media):
    cycle = factories.cycle_with_meetings(2027)
    later = factories.material(
        cycle,
        url="",
        file=SimpleUploadedFile("senare.pdf", PDF),
        published_from=timezone.now() + datetime.timedelta(days=1),
    )
    hidden_meeting = factories.meeting(cycle, published=False)
    hidden = factories.material(
        cycle, meeting=hidden_meeting, url="", file=SimpleUploadedFile("dold.pdf", PDF)
    )
    for material in [later, hidden]:
        assert client.get(f"/material/{material.pk}/{material.filename}").status_code == 404
    visible = factories.material(cycle, url="", file=SimpleUploadedFile("synlig.pdf", PDF))
    assert client.get(f"/material/{visible.pk}/{visible.filename}").status_code == 200
    assert client.get(f"/material/{visible.pk}/annat-namn.pdf").status_code == 404
