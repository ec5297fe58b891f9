"""The indicators' figures (the analysis's charts with their words and tables, an indicator's own
page, each small line of the overview) are drawn once per version of their data and kept in the
shared cache — and never shown stale: a value edited or imported, an indicator renamed, or
another language, and the reader sees them anew. The page cache is off here, so that what is
tested is the figures' own cache."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from indicators.models import Indicator, IndicatorValue
from tests.indicators.helpers import publish

URL = "/arshjul/2027/nulagesanalys/"
FIGURE = "indicators/includes/figure.html"
IMPORT = "/admin/indicators/indicatorvalue/import/"


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE = False


@pytest.fixture
def published(analysis, editor_client):
    publish(editor_client, analysis)
    return analysis


def _page(visitor) -> str:
    response = visitor.get(URL)
    assert response.status_code == 200
    return response.content.decode().replace("\xa0", " ")


def _figures_drawn(visitor) -> int:
    response = visitor.get(URL)
    return sum(1 for t in response.templates if t.name == FIGURE)


def test_a_second_visit_draws_no_figure_again(published, visitor):
    assert _figures_drawn(visitor) == 2  # employment and solar power
    assert _figures_drawn(visitor) == 0
    assert "2023: <strong>80,2 %</strong>" in _page(visitor)  # the kept figure, as drawn


def test_a_value_edited_shows_at_once_in_the_figure_chart_and_table(
    published, visitor, places, employment
):
    assert "2023: <strong>80,2 %</strong>" in _page(visitor)
    value = IndicatorValue.objects.get(indicator=employment, geography=places["county"], year=2023)
    value.value = Decimal("81.7")
    value.save()
    page = _page(visitor)
    assert "2023: <strong>81,7 %</strong>" in page and "80,2 %" not in page
    assert "2023: 81,7 %" in page  # the chart's description for screen readers
    assert '<th scope="row">2023</th><td>81,7 %</td>' in page  # the table beside it


def test_values_imported_show_a_new_year_with_no_stale_chart(published, visitor, editor_client):
    assert "2024" not in _page(visitor)
    content = "Indikator;År;Geografi;Värde\nN00914;2024;0017;81,4\n".encode()
    preview = editor_client.post(IMPORT, {"file": SimpleUploadedFile("varden.csv", content)})
    signed = preview.content.decode().split('name="signed" value="')[1].split('"')[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        editor_client.post(IMPORT, {"signed": signed}, follow=True)
    page = _page(visitor)
    assert "2024: <strong>81,4 %</strong>" in page
    assert '<th scope="row">2024</th><td>81,4 %</td>' in page
    assert ">2024</text>" in page  # on the chart's axis


def test_an_indicator_renamed_is_renamed_in_its_chart(published, visitor, employment):
    _page(visitor)
    Indicator.objects.filter(pk=employment.pk).update(name="Sysselsättningsgrad")
    from arshjul.lib import page_cache

    page_cache.rows_changed(Indicator)  # as every bulk write of the app tells
    page = _page(visitor)
    assert '-title">Sysselsättningsgrad</title>' in page
    assert "Andel förvärvsarbetande" not in page


def test_each_language_has_its_own_figures(published, visitor):
    assert "Källa:" in _page(visitor)
    visitor.get("/sprak/en/?next=/")
    page = _page(visitor)
    assert "Source:" in page and "Källa:" not in page


def test_queries_do_not_grow_with_the_figures_drawn_or_kept(
    published, visitor, area, places, django_assert_max_num_queries
):
    visitor.get(URL)
    with django_assert_max_num_queries(5):  # the cycle, the sections, indicators, values
        visitor.get(URL)
    section = published.sections.get(title="Demografi")
    more = Indicator.objects.bulk_create(
        Indicator(code=f"X-{n}", name=f"Extra {n}", area=area, unit="%", source="other")
        for n in range(46)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=i, geography=places["county"], year=y, value=Decimal(y % 7))
        for i in more
        for y in range(2015, 2025)
    )
    section.indicators.add(*more)
    with django_assert_max_num_queries(5):  # 48 figures drawn
        assert _figures_drawn(visitor) == 48
    with django_assert_max_num_queries(5):  # 48 figures kept
        assert _figures_drawn(visitor) == 0


def test_the_overview_and_an_indicators_page_show_a_value_edited_at_once(
    published, visitor, places, employment
):
    overview, own_page = "/indikatorer/", "/indikatorer/N00914/"
    assert "till 80,2 % 2023" in visitor.get(overview).content.decode().replace("\xa0", " ")
    assert "Kil</th><td>82,6 %" in visitor.get(own_page).content.decode().replace("\xa0", " ")
    for place, year, new in [("county", 2023, "81.7"), ("kil", 2023, "90.1")]:
        value = IndicatorValue.objects.get(indicator=employment, geography=places[place], year=year)
        value.value = Decimal(new)
        value.save()
    shown = visitor.get(overview).content.decode().replace("\xa0", " ")
    assert "till 81,7 % 2023" in shown and "80,2 %" not in shown
    shown = visitor.get(own_page).content.decode().replace("\xa0", " ")
    assert "Kil</th><td>90,1 %" in shown and "82,6 %" not in shown
    assert "2023: <strong>81,7 %</strong>" in shown


def test_the_overview_draws_each_indicator_once_in_as_few_queries_for_many(
    published, visitor, area, places, django_assert_max_num_queries
):
    def drawn() -> int:
        response = visitor.get("/indikatorer/")
        return sum(1 for t in response.templates if t.name.endswith("overview_item.html"))

    assert drawn() == 2  # employment and solar power
    more = Indicator.objects.bulk_create(
        Indicator(code=f"X-{n}", name=f"Extra {n}", area=area, unit="%", source="other")
        for n in range(46)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=i, geography=places["county"], year=y, value=Decimal(y % 7))
        for i in more
        for y in range(2015, 2025)
    )
    from arshjul.lib import page_cache

    page_cache.rows_changed(Indicator)
    with django_assert_max_num_queries(3):  # areas, indicators, values
        assert drawn() == 48
    with django_assert_max_num_queries(2):
        assert drawn() == 0
