"""The organiser's identity as data: in the header and footer, in every kind of e-mail, in a
calendar file and a PDF; the accent colour's contrast; the logo checked as uploads are."""

import io
import re
from pathlib import Path

import pypdf
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from arshjul.colours import accent_problem
from arshjul.identity import logo_checked
from arshjul.lib import outbox
from arshjul.lib.emails import make_message
from arshjul.models import Identity, PdfJob
from tests import factories

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>'


@pytest.fixture
def nordvik():
    return Identity.objects.create(
        organiser_name="Region Nordvik",
        logo=SVG,
        logo_type="image/svg+xml",
        accent_colour="#5b2a86",
        contact_name="Sara Nyholm",
        contact_email="arshjul@nordvik.example.org",
        contact_phone="0920-10 00 00",
        address="Box 100\n999 01 Nordvik",
        mail_signature="Hälsningar från utvecklingsenheten",
        reply_to="svar@nordvik.example.org",
    )


def test_the_header_and_footer_show_the_organiser(nordvik):
    factories.cycle_with_meetings(2027)
    html = Client().get("/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    footer = html[html.index("<footer") : html.index("</footer>")]
    assert "Region Nordvik" in header
    assert re.search(r'<img class="site-logo" src="/identitet/logotyp\?v=\d+"', header)
    assert "Sara Nyholm" in footer and "mailto:arshjul@nordvik.example.org" in footer
    assert "999 01 Nordvik" in footer


def test_the_logo_and_the_colour_are_served(nordvik):
    logo = Client().get("/identitet/logotyp")
    assert logo["Content-Type"] == "image/svg+xml" and logo.content == SVG
    assert "sandbox" in logo["Content-Security-Policy"]
    css = Client().get("/identitet/farg.css").content.decode()
    assert "--aj-blue: #5b2a86" in css


def test_a_new_name_shows_at_once_on_cached_pages(nordvik, settings):
    settings.PAGE_CACHE = True
    factories.cycle_with_meetings(2027)
    assert "Region Nordvik" in Client().get("/").content.decode()
    nordvik.organiser_name = "Region Sydvik"
    nordvik.save()
    html = Client().get("/").content.decode()
    assert "Region Sydvik" in html and "Region Nordvik" not in html


def all_mail_kinds() -> list[str]:
    folder = Path(__file__).resolve().parents[2] / "templates" / "emails"
    return sorted(p.name.removesuffix("_subject.txt") for p in folder.glob("*_subject.txt"))


@pytest.mark.parametrize("kind", all_mail_kinds())
def test_every_kind_of_e_mail_is_signed_by_the_organiser(nordvik, kind):
    rendered = make_message(kind, {"days": 2})
    assert "Hälsningar från utvecklingsenheten" in rendered.body_text
    assert "Region Nordvik" in rendered.body_text
    assert "Hälsningar från utvecklingsenheten" in rendered.body_html
    assert "Region Nordvik" in rendered.body_html
    assert (rendered.sender_name, rendered.reply_to) == (
        "Region Nordvik",
        "svar@nordvik.example.org",
    )


def test_a_sent_e_mail_is_from_the_organiser_with_its_reply_address(nordvik, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEFAULT_FROM_EMAIL = "arshjul@example.org"
    row = outbox.outbox_queue(
        kind="test", to="a@example.org", mail=make_message("test", {}), dedup_key="t1"
    )
    outbox.outbox_send(mail_id=row.pk)
    [sent] = mail.outbox
    assert sent.from_email == "Region Nordvik <arshjul@example.org>"
    assert sent.reply_to == ["svar@nordvik.example.org"]


def test_a_calendar_file_names_the_organiser(nordvik):
    factories.cycle_with_meetings(2027)
    ics = Client().get("/arshjul/2027/moten/arbetsmote/kalender.ics").content.decode()
    unfolded = ics.replace("\r\n ", "")
    assert 'ORGANIZER;CN="Region Nordvik":mailto:arshjul@nordvik.example.org' in unfolded or (
        "ORGANIZER;CN=Region Nordvik:mailto:arshjul@nordvik.example.org" in unfolded
    )


def test_a_pdf_carries_the_organiser(
    nordvik, staff_client, private_files, django_capture_on_commit_callbacks
):
    cycle = factories.cycle(2027)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"/admin/arshjul/cycle/{cycle.pk}/samordnare-pdf/")
    job = PdfJob.objects.get()
    text = pypdf.PdfReader(io.BytesIO(job.file.read())).pages[0].extract_text()
    assert "Region Nordvik" in text


@pytest.mark.parametrize(
    "colour, refused",
    [("#004b87", False), ("#5b2a86", False), ("#767676", False), ("#777777", True)],
)
def test_the_accent_needs_4_5_to_1_against_white(colour, refused):
    assert bool(accent_problem(colour)) == refused


def test_a_pale_colour_is_refused_in_the_admin_saying_which_and_why(nordvik, editor_client):
    url = f"/admin/arshjul/identity/{nordvik.pk}/change/"
    data = {
        "organiser_name": "Region Nordvik",
        "accent_colour": "#ffcc00",
        "contact_name": "Sara Nyholm",
        "contact_email": "",
        "contact_phone": "",
        "address": "",
        "mail_signature": "",
        "reply_to": "",
    }
    html = editor_client.post(url, data).content.decode()
    assert "Kontrasten mellan #ffcc00 och vitt är 1,5:1, under 4,5:1" in html
    assert 'value="Sara Nyholm"' in html  # nothing typed is lost
    nordvik.refresh_from_db()
    assert nordvik.accent_colour == "#5b2a86"


def test_staff_change_the_logo_and_the_colour_in_the_admin(nordvik, editor_client):
    url = f"/admin/arshjul/identity/{nordvik.pk}/change/"
    data = {
        "organiser_name": "Region Nordvik",
        "accent_colour": "#1d5c2e",
        "logo_file": SimpleUploadedFile("logo.png", PNG, content_type="image/png"),
    }
    assert editor_client.post(url, data).status_code == 302
    nordvik.refresh_from_db()
    assert (nordvik.accent_colour, nordvik.logo_type, bytes(nordvik.logo)) == (
        "#1d5c2e",
        "image/png",
        PNG,
    )
    assert "--aj-blue: #1d5c2e" in Client().get("/identitet/farg.css").content.decode()


def test_a_reader_sees_the_identity_and_changes_nothing(nordvik, reader_client):
    url = f"/admin/arshjul/identity/{nordvik.pk}/change/"
    assert reader_client.get(url).status_code == 200
    reader_client.post(url, {"organiser_name": "Annat", "accent_colour": "#000000"})
    nordvik.refresh_from_db()
    assert nordvik.organiser_name == "Region Nordvik"


def test_visitors_and_coordinators_cannot_open_the_identity_in_the_admin(nordvik):
    response = Client().get(f"/admin/arshjul/identity/{nordvik.pk}/change/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "name, content, reason",
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "skript",
        ),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "händelsehanterare",
        ),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<image x:href="https://evil.example/x.png"/></svg>',
            "utanför",
        ),
        (
            "logo.svg",
            b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>',
            "DOCTYPE",
        ),
        ("logo.png", b"<html>not a picture</html>", "SVG- eller PNG-fil"),
        ("logo.png", PNG + b"\x00" * (600 * 1024), "512 kB"),
    ],
)
def test_a_logo_is_checked_by_its_content(name, content, reason):
    with pytest.raises(ValueError, match=reason):
        logo_checked(name, content)


def test_a_plain_svg_and_a_png_are_accepted():
    assert logo_checked("logo.svg", SVG) == (SVG, "image/svg+xml")
    assert logo_checked("whatever.png", PNG) == (PNG, "image/png")


def test_without_an_identity_the_site_is_plain_arshjul():
    factories.cycle_with_meetings(2027)
    html = Client().get("/").content.decode()
    assert "site-logo" not in html and "site-contact" not in html
    assert "Ändra" not in make_message("test", {}).sender_name
