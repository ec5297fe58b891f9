"""The developers' page "Öppna data", as a researcher, an analyst or a developer with curl
reads it: every dataset with its files, its API and its data dictionary, every link working,
the licence staff chose, curl examples with the site's own address, the same for everyone."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Area, Geography, Indicator, IndicatorValue
from opendata.datasets import DATASETS
from opendata.models import CatalogueSettings

URL = "/oppna-data/"
# The catalogue's addresses, linked from the page.
CATALOGUE = ["/oppna-data/katalog.rdf", "/oppna-data/katalog.jsonld"]


def main_of(page) -> str:
    text = page.content.decode()
    return text.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]


def links_in(text: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', text)]


def words(text: str) -> str:
    """The text as read: inline tags (links, code) leave no gap, blocks do."""
    inline = re.sub(r"</?(a|code|strong|span)\b[^>]*>", "", text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


@pytest.fixture
def values(db):
    """N00914 for the county and one municipality, 2015–2025."""
    area = Area.objects.create(name="Stärka konkurrenskraften")
    county = Geography.objects.create(code="0017", name="Värmland", level="county")
    kil = Geography.objects.create(code="1715", name="Kils kommun", level="municipality")
    indicator = Indicator.objects.create(
        code="N00914",
        name="Andel förvärvsarbetande 20–64 år",
        area=area,
        unit="%",
        source="kolada",
        levels="municipalities",
    )
    for year in range(2013, 2026):
        for place in [county, kil]:
            IndicatorValue.objects.create(
                indicator=indicator, geography=place, year=year, value=Decimal("78.5")
            )
    return indicator


def test_the_page_shows_every_dataset_with_its_files_api_and_data_dictionary(values, client):
    page = client.get(URL)
    assert page.status_code == 200
    main = main_of(page)
    text = words(main)
    assert "Öppna data" in text
    hrefs = links_in(main)
    for slug, dataset in DATASETS.items():
        assert str(dataset.title) in text
        assert str(dataset.description) in text
        for path in [f"{slug}-excel.csv", f"{slug}.csv", f"{slug}.xlsx"]:
            assert f"/oppna-data/filer/{path}" in hrefs
        assert reverse(dataset.api_url_name) in hrefs
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in main
            assert str(column.heading) in text
            assert str(column.description) in text
    assert "/oppna-data/datapackage.json" in hrefs
    for address in ["/api/v1/docs/", "/api/v1/schema/", *CATALOGUE]:
        assert address in hrefs
    assert "Åren 2013–2025." in text


def test_a_dataset_of_one_year_says_the_year_not_a_span(values, client):
    IndicatorValue.objects.exclude(year=2025).delete()

    text = words(main_of(client.get(URL)))

    assert "Året 2025." in text
    assert "2025–2025" not in text


def test_the_data_dictionary_stacks_on_a_phone_with_each_cell_labelled(values, client):
    main = main_of(client.get(URL))
    tables = re.findall(r"<table[^>]*>.*?</table>", main, flags=re.S)
    assert len(tables) == len(DATASETS)
    for table in tables:
        assert "stacks-on-phones" in table and "<caption>" in table
        cells = re.findall(r"<td[^>]*>", table)
        assert cells and all("data-label=" in cell for cell in cells)


def test_every_link_on_the_page_answers(demo_data, client):
    main = main_of(client.get(URL))
    checked = 0
    for href in links_in(main):
        if href.startswith("#"):
            assert f'id="{href[1:]}"' in main, href
        elif href.startswith("/"):
            response = client.get(href)
            assert response.status_code == 200, href
            checked += 1
    assert checked >= 3 * len(DATASETS) + 3


def test_the_headings_go_down_one_level_at_a_time(values, client):
    levels = [int(n) for n in re.findall(r"<h([1-6])", main_of(client.get(URL)))]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after - before <= 1 for before, after in zip(levels, levels[1:], strict=False))


def test_the_page_states_the_licence_staff_chose(values, client):
    text = words(main_of(client.get(URL)))
    assert "Allt här publiceras under licensen CC0 1.0." in text
    assert "utan att ange oss som källa" in text
    CatalogueSettings.objects.create(
        licence=CatalogueSettings.Licence.CC_BY,
        contact_name="Regional utveckling",
        contact_email="oppnadata@region.example.se",
    )
    page = client.get(URL)
    text = words(main_of(page))
    assert "Allt här publiceras under licensen CC BY 4.0." in text
    assert "om du anger Årshjul som källa" in text
    assert "https://creativecommons.org/licenses/by/4.0/" in links_in(main_of(page))
    assert "Frågor om data: Regional utveckling, oppnadata@region.example.se." in text


def test_the_curl_examples_use_the_sites_address_and_the_csv_example_answers_with_those_values(
    values, client, settings
):
    settings.SITE_URL = "https://arshjul.region.example.se"
    text = words(main_of(client.get(URL)))
    json_example = (
        "curl 'https://arshjul.region.example.se/api/v1/values/"
        "?indicator=N00914&geography_level=municipality&year_from=2015&year_to=2025'"
    )
    assert json_example in text
    [csv_url] = re.findall(r"curl -o N00914\.csv '([^']+)'", text)
    assert csv_url.startswith("https://arshjul.region.example.se/oppna-data/filer/")
    answer = client.get(csv_url.removeprefix(settings.SITE_URL))
    assert answer.status_code == 200
    lines = answer.content.decode().splitlines()[1:]
    assert len(lines) == 11  # Kil, 2015–2025
    assert all(line.startswith("N00914,") and ",1715," in line for line in lines)
    assert "curl 'https://arshjul.region.example.se/oppna-data/katalog.jsonld'" in text


def test_the_footer_of_every_page_leads_to_open_data(db, client):
    footer = client.get("/tillganglighet/").content.decode().split("<footer", 1)[1]
    assert '<a href="/oppna-data/">Öppna data</a>' in footer


def test_an_anonymous_visitor_is_served_the_page_from_the_cache(
    values, client, django_assert_max_num_queries
):
    first = client.get(URL).content
    with django_assert_max_num_queries(0):
        assert client.get(URL).content == first
    CatalogueSettings.objects.create(licence=CatalogueSettings.Licence.CC_BY)
    assert "CC BY 4.0" in client.get(URL).content.decode()


def test_the_whole_cast_reads_the_same_page_and_nobody_posts_to_it(values, cast):
    first = main_of(cast["anonymous"].get(URL))
    for role, client in cast.items():
        page = client.get(URL)
        assert page.status_code == 200, role
        assert main_of(page) == first, role
        assert client.post(URL, {}).status_code == 405, role
