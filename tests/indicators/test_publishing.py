"""Publishing the status analysis, next to the designed case: publishing again, the final one
as the work meeting's documentation, an analysis saved before it is published, both of a
cycle published, a cycle not yet published; the admin's lists; an indicator that does not
exist; a page that reads as few rows for many places as for two."""

from django.core.cache import caches
from django.test import Client, TestCase

from arshjul.models import PdfJob
from indicators import services
from indicators.models import Geography, StatusAnalysis
from meetings.models import Material
from tests.indicators.helpers import analysis_form, publish, values

ANALYSES = "/admin/indicators/statusanalysis/"


def test_publishing_again_keeps_the_day_it_was_first_published_and_lists_it_once(
    analysis, frozen_now, editor_client
):
    publish(editor_client, analysis)
    first = StatusAnalysis.objects.get().published_at
    frozen_now(2026, 12, 10, 9)
    publish(editor_client, analysis)
    assert StatusAnalysis.objects.get().published_at == first
    [material] = Material.objects.filter(title=analysis.title)
    assert material.published_from == first


def test_a_final_analysis_is_listed_as_the_work_meetings_documentation(
    cycle, employment, places, editor_client
):
    values(employment, places["county"], {2023: 80.2})
    final = StatusAnalysis.objects.create(cycle=cycle, stage="final", title="Nulägesanalys 2027")
    publish(editor_client, final)
    material = Material.objects.get(title="Nulägesanalys 2027")
    assert (material.meeting.slug, material.kind) == ("arbetsmote", "documentation")
    assert material.description == (
        "Årshjulets slutliga nulägesanalys, kompletterad med arbetsmötets resultat."
    )
    assert material.url.endswith("/arshjul/2027/nulagesanalys/")


def test_saving_an_analysis_not_yet_published_makes_no_pdf_and_no_news(analysis, editor_client):
    url = f"{ANALYSES}{analysis.pk}/change/"
    with TestCase.captureOnCommitCallbacks(execute=True):
        saved = editor_client.post(
            url, analysis_form(editor_client, analysis, summary="Ett utkast."), follow=True
        )
    assert "PDF:en görs om" not in saved.content.decode()
    analysis.refresh_from_db()
    assert (analysis.summary, analysis.changed_at, analysis.pdf_id) == ("Ett utkast.", None, None)
    assert not PdfJob.objects.exists()
    assert Client().get("/arshjul/2027/nulagesanalys/").status_code == 404


def test_once_both_are_published_the_final_analysis_is_the_one_shown(
    analysis, cycle, editor_client
):
    publish(editor_client, analysis)
    final = StatusAnalysis.objects.create(
        cycle=cycle, stage="final", title="Nulägesanalys 2027", summary="Det slutliga läget."
    )
    visitor = Client()
    assert (
        "Preliminär nulägesanalys 2027"
        in visitor.get("/arshjul/2027/nulagesanalys/").content.decode()
    )
    publish(editor_client, final)
    page = visitor.get("/arshjul/2027/nulagesanalys/").content.decode()
    assert "Det slutliga läget." in page and "Fler arbetar än förr." not in page


def test_the_analysis_of_a_cycle_not_yet_published_is_shown_to_nobody(analysis, cycle):
    services.analysis_publish(analysis=analysis)
    cycle.status = "draft"
    cycle.save()
    visitor = Client()
    assert visitor.get("/arshjul/2027/nulagesanalys/").status_code == 404
    assert visitor.get("/arshjul/2027/nulagesanalys.pdf").status_code == 404


def test_the_admins_list_links_the_page_of_a_published_analysis_only(
    analysis, cycle, reader_client
):
    StatusAnalysis.objects.create(cycle=cycle, stage="final", title="Nulägesanalys 2027")
    services.analysis_publish(analysis=analysis)
    listing = reader_client.get(ANALYSES).content.decode()
    assert listing.count('href="/arshjul/2027/nulagesanalys/">Visa</a>') == 1
    assert '<td class="field-page">–</td>' in listing  # the final one: no page yet


def test_the_import_of_values_is_offered_to_editors_only(reader_client, editor):
    offer = 'href="/admin/indicators/indicatorvalue/import/">Importera värden</a>'
    assert offer not in reader_client.get("/admin/indicators/indicatorvalue/").content.decode()
    editor_page = Client()
    editor_page.force_login(editor)
    assert offer in editor_page.get("/admin/indicators/indicatorvalue/").content.decode()


def test_an_indicator_that_does_not_exist_is_not_found(employment, client):
    assert client.get("/indikatorer/N00914/").status_code == 200
    assert client.get("/indikatorer/N99999/").status_code == 404


def test_an_indicators_page_reads_as_few_rows_for_forty_places_as_for_three(
    employment, places, client, django_assert_max_num_queries
):
    def made_anew():
        for cache in caches.all():  # not served from the page cache
            cache.clear()
        return client.get("/indikatorer/N00914/")

    for place in places.values():
        values(employment, place, {2022: 70, 2023: 71})
    with django_assert_max_num_queries(20) as three:
        made_anew()
    for n in range(37):
        place = Geography.objects.create(code=f"19{n:02d}", name=f"Ort {n}", level="municipality")
        values(employment, place, {2022: 60 + n, 2023: 61 + n})
    with django_assert_max_num_queries(len(three.captured_queries)):
        page = made_anew()
    assert "Ort 36" in page.content.decode()
