"""The wheel where the organisations' people look: embedded in a listed site's frame (and no
other's), as an SVG file, as an A3 poster made once per version, and in calendars with every
kind of step."""

import io
import xml.etree.ElementTree as ET

import pypdf
import pytest
from django.test import Client

from arshjul.models import Identity, PdfJob
from pages import posters, wheel
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(frozen_now):
    frozen_now(2026, 11, 28, 10)
    cycle = factories.cycle_with_meetings(2027)
    factories.survey(cycle)  # a period (1 November–19 December) and a deadline
    return cycle


def test_the_embed_page_may_be_framed_by_the_listed_sites_only(cycle):
    Identity.objects.create(
        organiser_name="Region Test",
        embed_origins="https://intranat.kil.example.org\nhttp://localhost:8765\n",
    )
    for attempt in range(2):  # made anew, then from the page cache: the same header
        response = Client().get("/arshjul/2027/inbaddning/")
        assert response.status_code == 200, attempt
        policy = response["Content-Security-Policy"]
        ancestors = next(p for p in policy.split(";") if "frame-ancestors" in p).split()
        assert ancestors == [
            "frame-ancestors",
            "'self'",
            "https://intranat.kil.example.org",
            "http://localhost:8765",
        ]
        assert "X-Frame-Options" not in response
    html = response.content.decode()
    assert "Arbetsmöte" in html and 'target="_blank"' in html
    assert "site-header" not in html  # the wheel and its timeline alone


def test_every_other_page_still_refuses_to_be_framed(cycle):
    Identity.objects.create(embed_origins="https://intranat.kil.example.org")
    for url in ["/", "/arshjul/2027/", "/arshjul/2027/moten/arbetsmote/"]:
        response = Client().get(url)
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_new_site_in_the_list_may_frame_at_once(cycle):
    identity = Identity.objects.create(organiser_name="Region Test")
    assert "intranat" not in Client().get("/arshjul/2027/inbaddning/")["Content-Security-Policy"]
    identity.embed_origins = "https://intranat.eda.example.org"
    identity.save()
    policy = Client().get("/arshjul/2027/inbaddning/")["Content-Security-Policy"]
    assert "https://intranat.eda.example.org" in policy


def test_a_site_written_as_a_path_is_refused_with_an_example(editor_client):
    identity = Identity.objects.create(organiser_name="Region Test")
    html = editor_client.post(
        f"/admin/arshjul/identity/{identity.pk}/change/",
        {
            "organiser_name": "Region Test",
            "accent_colour": "#004b87",
            "embed_origins": "https://intranat.kil.se/startsida",
        },
    ).content.decode()
    assert "https://intranat.kil.se/startsida" in html
    assert "t.ex. https://intranat.kil.se" in html


def test_the_cycle_page_offers_the_snippet_the_poster_the_svg_and_webcal(cycle):
    html = Client().get("/arshjul/2027/").content.decode()
    snippet = html[html.index('<textarea id="embed-snippet"') : html.index("</textarea>")]
    assert "&lt;iframe src=" in snippet and "/arshjul/2027/inbaddning/" in snippet
    assert 'href="/arshjul/2027/affisch.pdf"' in html
    assert 'href="/arshjul/2027/arshjul.svg"' in html
    assert "webcal://" in html and "/arshjul/2027/kalender.ics" in html


def test_a_cycle_that_has_ended_offers_no_snippet_for_other_sites(cycle):
    factories.cycle_with_meetings(2023)
    html = Client().get("/arshjul/2023/").content.decode()
    assert "Det här årshjulet är avslutat." in html
    assert "embed-snippet" not in html
    assert 'href="/arshjul/2023/affisch.pdf"' in html  # the poster stays, as history


def test_the_svg_download_is_a_wheel_with_its_links_in_full(cycle, settings):
    settings.SITE_URL = "https://arshjul.example.org"
    response = Client().get("/arshjul/2027/arshjul.svg")
    assert response["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(response.content)  # noqa: S314 - our own file
    hrefs = [a.get("href") for a in root.iter("{http://www.w3.org/2000/svg}a")]
    assert len(hrefs) == len(wheel.steps_for(cycle))
    assert all(h.startswith("https://arshjul.example.org/arshjul/2027/") for h in hrefs)


def test_the_poster_has_every_step_and_is_made_once_per_version(
    cycle, private_files, django_capture_on_commit_callbacks
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        waiting = client.get("/arshjul/2027/affisch.pdf")
    assert waiting.status_code == 202
    assert "Affischen görs" in waiting.content.decode()
    job = PdfJob.objects.get(kind=posters.KIND)
    assert job.state == PdfJob.State.DONE, job.error

    poster = client.get("/arshjul/2027/affisch.pdf")
    assert poster["Content-Type"] == "application/pdf"
    pdf = pypdf.PdfReader(io.BytesIO(b"".join(poster.streaming_content)))
    page = pdf.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
        (1190.55, 841.89), abs=1
    )  # A3, landscape
    text = " ".join(page.extract_text().split())
    for step in wheel.steps_for(cycle):
        assert " ".join(step.title.split()) in text, step.title
    assert PdfJob.objects.filter(kind=posters.KIND).count() == 1  # served as it was made

    meeting = cycle.meetings.get(slug="arbetsmote")
    meeting.title = "Arbetsmöte om strategin"
    meeting.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get("/arshjul/2027/affisch.pdf").status_code == 202
    assert PdfJob.objects.filter(kind=posters.KIND).count() == 2  # a new version


def test_the_calendar_feed_holds_every_kind_of_step_with_periods_as_spans(cycle):
    ics = Client().get("/arshjul/2027/kalender.ics").content.decode().replace("\r\n ", "")
    assert "SUMMARY:Ledningsenkäten är öppen" in ics
    assert "DTSTART;VALUE=DATE:20261101" in ics and "DTEND;VALUE=DATE:20261220" in ics
    assert "SUMMARY:Sista dagen att svara: Ledningsenkäten" in ics
    assert "SUMMARY:Arbetsmöte" in ics
