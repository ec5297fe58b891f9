"""The year's report on the web: public once published, a heading per section, tables with
captions, the lägesbild's gaps and matches per challenge, staff's words made safe, and a link
from the cycle's page."""

from tests.followup.helpers import text_of

URL = "/arshjul/2027/uppfoljningsrapport/"


def test_nobody_reads_a_report_before_it_is_published(report, visitor):
    assert visitor.get(URL).status_code == 404
    assert visitor.get("/arshjul/2027/uppfoljningsrapport.pdf").status_code == 404


def test_the_published_report_has_a_heading_per_section(published, visitor):
    page = visitor.get(URL).content.decode()
    assert "<h1>Uppföljningsrapport 2027</h1>" in page
    for heading in [
        "Vilka som deltog",
        "Ledningsenkäten",
        "Indikatorerna per insatsområde",
        "Lägesbilden per utmaning",
        "Riktningsmötets slutsatser",
        "Det som kommer härnäst",
    ]:
        assert f">{heading}</h2>" in page, heading


def test_it_shows_who_took_part_in_a_table_with_a_caption(published, taking_part, visitor):
    page = visitor.get(URL).content.decode()
    assert "<caption" in page and "Deltagare på Arbetsmöte efter organisationskategori" in page
    words = text_of(page)
    assert "8 personer från 4 organisationer." in words
    assert "2026: 4 personer från 2 organisationer." in words
    assert "Ej i registret 1 2 0 0" in words
    assert "Kommun 2 5 1 2" in words


def test_it_says_there_are_no_gaps_when_the_lagesbild_has_none(published, visitor):
    words = text_of(visitor.get(URL).content.decode())
    for name in ["demografi och utanförskap", "kompetensförsörjning och matchningsproblematik"]:
        assert name in words
    assert words.count("Inga glapp hittades.") == 2
    assert words.count("Inga samarbetsmöjligheter hittades.") == 2


def test_it_shows_the_gaps_and_matches_of_the_published_lagesbild(
    published, known_picture, visitor
):
    words = text_of(visitor.get(URL).content.decode())
    assert "En kategori saknas: Inga lärosäten arbetar med utmaningen." in words
    assert (
        "Samma nätverk: Nätverket Unga in – Två organisationer nämner samma nätverk. "
        "(Kils kommun, Eda kommun)" in words
    )
    assert words.count("Inga glapp hittades.") == 1


def test_staffs_words_are_made_safe(published, conference, visitor):
    page = visitor.get(URL).content.decode()
    assert "<strong>kroka arm</strong>" in page
    assert "<script>alert" not in page
    assert "Konferensen Värmland 2040 , 29 september 2027. Tema: kompetens" in text_of(page)


def test_the_cycle_page_links_to_the_report_once_published(report, visitor, editor_client):
    assert URL not in visitor.get("/arshjul/2027/").content.decode()
    from followup import services

    services.report_publish(report=report)
    assert URL in visitor.get("/arshjul/2027/").content.decode()


def test_a_draft_reports_page_follows_the_cycle_from_the_page_cache(
    published, taking_part, visitor, kil
):
    from tests.followup.helpers import participants

    assert "8 personer från 4 organisationer." in text_of(visitor.get(URL).content.decode())
    participants(taking_part, kil, 1, prefix="late")
    assert "9 personer från 4 organisationer." in text_of(visitor.get(URL).content.decode())


def test_the_page_takes_the_same_number_of_queries_for_5_and_60_organisations(
    published, previous_cycle, django_assert_max_num_queries
):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests import factories
    from tests.followup.helpers import participants

    def organisations(start, count):
        for n in range(start, start + count):
            org = factories.organisation(name=f"Organisation {n}", category="other")
            for meeting in [*published.cycle.meetings.all(), *previous_cycle.meetings.all()]:
                participants(meeting, org, 2, prefix=f"o{n}-{meeting.pk}")

    anew = URL + "?anew"  # a page with a query is never served from the page cache
    organisations(0, 5)
    with CaptureQueriesContext(connection) as few:
        assert Client().get(anew).status_code == 200
    organisations(5, 55)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = Client().get(anew)
    assert "120 personer från 60 organisationer." in text_of(page.content.decode())


def test_the_published_report_is_on_the_cycles_wheel_with_a_link(published):
    from followup.wheel import report_steps

    [step] = report_steps([published.cycle])
    assert (step.title, step.url) == ("Uppföljningsrapport 2027", URL)
