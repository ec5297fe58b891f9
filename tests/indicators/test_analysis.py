"""The status analysis on the web and as PDF; the indicator pages; their charts; the survey's
values flowing into its indicators; query counts that do not grow with the indicators."""

import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pypdf
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator, IndicatorValue
from meetings.models import Material
from tests import factories
from tests.confirming import confirm
from tests.indicators.helpers import publish

SVG = "{http://www.w3.org/2000/svg}"


def test_an_unpublished_analysis_is_not_shown(analysis, client, reader_client):
    assert client.get("/arshjul/2027/nulagesanalys/").status_code == 404
    publish(reader_client, analysis)  # a Läsare may not publish
    assert client.get("/arshjul/2027/nulagesanalys/").status_code == 404


def test_a_published_analysis_has_each_sections_text_and_charts_and_nothing_unsafe(
    analysis, client, editor_client
):
    done = publish(editor_client, analysis)
    assert "1 nulägesanalys är publicerad" in done.content.decode()
    html = client.get("/arshjul/2027/nulagesanalys/").content.decode()
    for text in [
        "Så här <strong>ser det ut</strong>.",
        "Fler arbetar än förr.",
        "Solelen växer långsamt.",
    ]:
        assert text in html
    # Shown as the text it is, never as markup: no script, no link to javascript:, no image.
    assert "<script>alert" not in html and 'href="javascript:' not in html and "<img" not in html
    assert "&lt;script&gt;alert" in html
    assert "↑ ökar, önskad riktning" in html  # employment, up and wanted
    assert "↓ minskar, inte önskad riktning" in html  # solar, down and not wanted
    # Each chart parses as SVG, with a title and a description.
    charts = [part.split("</svg>")[0] + "</svg>" for part in html.split("<svg")[1:]]
    assert len(charts) == 2
    for chart in charts:
        root = ET.fromstring("<svg" + chart)  # noqa: S314 - our own page
        assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    # Listed as material of the cycle's work meeting, and on the wheel.
    material = Material.objects.get(title="Preliminär nulägesanalys 2027")
    assert material.meeting.slug == "arbetsmote" and material.kind == "preparation"
    assert (
        "/arshjul/2027/nulagesanalys/"
        in client.get("/arshjul/2027/moten/arbetsmote/").content.decode()
    )
    cycle_page = client.get("/arshjul/2027/").content.decode()
    assert 'class="timeline-step timeline-publication"' in cycle_page


def test_the_pdf_has_each_sections_text_and_charts(analysis, client, editor_client, private_files):
    from tests.helpers import pango_available, require

    require(pango_available(), "WeasyPrint needs Pango to make PDFs")
    publish(editor_client, analysis)
    download = client.get("/arshjul/2027/nulagesanalys.pdf")
    assert download["Content-Type"] == "application/pdf"
    content = b"".join(download.streaming_content)
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in [
        "Preliminär nulägesanalys 2027",
        "Fler arbetar än förr.",
        "Solelen växer långsamt.",
        "Andel förvärvsarbetande 20–64 år",
        "2023: 80,2 %",
    ]:
        assert expected in text
    # The unsafe text is printed as text; no link in the PDF runs javascript.
    assert "<script>alert('x')</script>" in text
    links = [
        annotation.get_object().get("/A", {}).get("/URI", "")
        for page in reader.pages
        for annotation in page.get("/Annots", []) or []
    ]
    assert not [link for link in links if "javascript" in str(link)]


def test_the_indicator_pages_show_the_latest_value_trend_and_source(analysis, client):
    listing = client.get("/indikatorer/").content.decode()
    assert "Andel förvärvsarbetande 20–64 år" in listing and "80,2\xa0%" in listing
    page = client.get("/indikatorer/N00914/").content.decode()
    assert "Kommunerna, 2023" in page and "Kil" in page and "82,6\xa0%" in page
    assert page.count("<svg") == 2  # the trend, and the municipalities
    assert client.get("/indikatorer/FINNS-INTE/").status_code == 404


def publish_results(client, survey):
    """As staff do once the survey has closed: the action, then its confirmation."""
    url = "/admin/survey/survey/"
    first = client.post(url, {"action": "publish_results", "_selected_action": [survey.pk]})
    confirm(client, url, first)


def test_survey_results_published_become_the_survey_indicators_values(
    cycle, enk1, places, staff, staff_client, frozen_now
):
    survey = factories.survey(cycle)
    for n, answer in enumerate(["yes", "yes", "no", "yes"]):
        org = factories.organisation(name=f"Org {n}", category="other")
        factories.submitted_response(survey, factories.leadership_group(org), {"yes": answer})
    frozen_now(2026, 12, 20, 9)  # the survey has closed
    staff_client.force_login(staff)  # (a session of 27 November has expired)
    publish_results(staff_client, survey)
    value = IndicatorValue.objects.get(indicator=enk1)
    assert (value.year, value.geography, value.value) == (2026, places["county"], Decimal("75.0"))
    assert value.source_note == "Ledningsenkäten 2027"


def test_a_suppressed_survey_value_is_not_stored(
    cycle, enk1, places, staff, staff_client, frozen_now
):
    survey = factories.survey(cycle)
    org = factories.organisation(name="Ensam", category="other")
    factories.submitted_response(survey, factories.leadership_group(org), {"yes": "yes"})
    frozen_now(2026, 12, 20, 9)  # the survey has closed
    staff_client.force_login(staff)  # (a session of 27 November has expired)
    publish_results(staff_client, survey)
    assert survey.__class__.objects.get(pk=survey.pk).results_published_at is not None
    assert not IndicatorValue.objects.filter(indicator=enk1).exists()


def _queries(client, url) -> int:
    from django.core.cache import caches

    for cache in caches.all():  # the page made anew, not served from the page cache
        cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _more_indicators(area, places, count, section, start=0):
    """``count`` indicators more, each with ten years for every place, in the section."""
    fields = {"area": area, "unit": "%", "source": "other", "levels": "municipalities"}
    indicators = Indicator.objects.bulk_create(
        Indicator(code=f"X-{n}", name=f"Extra {n}", **fields) for n in range(start, start + count)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=i, geography=place, year=year, value=Decimal(year % 7))
        for i in indicators
        for year in range(2015, 2025)
        for place in places.values()
    )
    section.indicators.add(*indicators)


def test_the_pages_make_as_many_queries_for_48_indicators_as_for_5(
    analysis, area, places, client, editor_client
):
    publish(editor_client, analysis)
    section = analysis.sections.get(title="Demografi")
    _more_indicators(area, places, 3, section)  # 5 in all
    urls = ["/indikatorer/", "/arshjul/2027/nulagesanalys/"]
    with_5 = [_queries(client, url) for url in urls]
    _more_indicators(area, places, 43, section, start=3)  # 48
    assert [_queries(client, url) for url in urls] == with_5
