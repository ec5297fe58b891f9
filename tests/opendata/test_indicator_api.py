"""The indicators' API as a developer with curl reads it: the same values as the indicator
pages, filtered and paginated, numbers as numbers; errors as JSON in Swedish and English."""

import json
from decimal import Decimal

import pytest

from indicators import selectors
from indicators.models import Indicator
from tests.opendata.indicator_data import strategy

API = "/api/v1"


@pytest.fixture
def world(db):
    return strategy()


def readable(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def get(client, url, **headers):
    answer = client.get(url, **headers)
    assert answer["Content-Type"].startswith("application/json"), answer["Content-Type"]
    return answer, json.loads(answer.content)


def rows(client, url) -> list[dict]:
    answer, body = get(client, url)
    assert answer.status_code == 200, body
    return body["results"]


def test_the_api_gives_the_values_the_indicator_page_shows(world, client):
    page = readable(client.get("/indikatorer/N00914/"))
    series = rows(client, f"{API}/indicators/N00914/values/?gender=T")
    county = [r for r in series if r["geography"] == "0017"]
    kil = next(r for r in series if r["geography"] == "1715" and r["year"] == 2023)

    assert county[-1]["year"] == 2023 and county[-1]["value"] == 80.2
    assert "80,2 %" in page  # the county's latest, as the page words it
    assert kil["value"] == 82.6 and "82,6 %" in page  # a municipality's latest

    shown = selectors.series_for([world["employment"]])[world["employment"].pk]
    assert [(r["year"], Decimal(str(r["value"]))) for r in county] == [
        (v.year, v.value) for v in shown.county
    ]
    assert {
        (r["geography_name"], Decimal(str(r["value"]))) for r in series if r["year"] == 2023
    } >= {(v.geography.name, v.value) for v in shown.municipalities}


def test_a_value_has_the_columns_of_the_bulk_file_with_numbers_as_numbers(world, client):
    from opendata.datasets import VALUE_COLUMNS

    value = rows(client, f"{API}/values/?indicator=N00914&geography=0017&year_from=2023&gender=T")
    assert value == [
        {
            "indicator": "N00914",
            "indicator_name": "Andel förvärvsarbetande 20–64 år",
            "geography": "0017",
            "geography_name": "Värmland",
            "geography_level": "county",
            "year": 2023,
            "gender": "T",
            "value": 80.2,
            "unit": "%",
            "source": "Källa: Kolada",
            "is_demo": False,
        }
    ]
    assert list(value[0]) == [c.name for c in VALUE_COLUMNS]


def test_an_indicator_says_what_it_measures_and_where_its_values_are(world, client, settings):
    site = settings.SITE_URL
    answer, indicator = get(client, f"{API}/indicators/N00914/")
    assert answer.status_code == 200
    assert indicator == {
        "code": "N00914",
        "name": "Andel förvärvsarbetande 20–64 år",
        "area": "Stärka konkurrenskraften",
        "goal_number": 11,
        "goal": "Fler i arbete",
        "unit": "%",
        "source": "kolada",
        "kolada_kpi": "N00914",
        "desired_direction": "up",
        "levels": "municipalities",
        "target_value": 82.5,
        "target_year": 2030,
        "area_id": world["growth"].pk,
        "description": "",
        "decimals": 1,
        "is_demo": False,
        "links": {
            "values": f"{site}/api/v1/indicators/N00914/values/",
            "page": f"{site}/indikatorer/N00914/",
            "csv": f"{site}/oppna-data/filer/indikatorvarden.csv",
            "csv_excel": f"{site}/oppna-data/filer/indikatorvarden-excel.csv",
            "xlsx": f"{site}/oppna-data/filer/indikatorvarden.xlsx",
        },
    }
    for link in indicator["links"].values():
        assert client.get(link.removeprefix(site)).status_code == 200, link


def test_an_indicator_with_demo_values_says_so(world, client):
    solar = get(client, f"{API}/indicators/VS-SOL/")[1]
    assert solar["is_demo"] is True and solar["goal"] is None and solar["kolada_kpi"] is None
    assert all(v["is_demo"] for v in rows(client, f"{API}/indicators/VS-SOL/values/"))


def test_the_indicators_come_in_the_strategys_order_and_filter_by_area_and_source(world, client):
    assert [i["code"] for i in rows(client, f"{API}/indicators/")] == ["VS-SOL", "N00914"]
    growth = world["growth"].pk
    assert [i["code"] for i in rows(client, f"{API}/indicators/?area={growth}")] == ["N00914"]
    assert [i["code"] for i in rows(client, f"{API}/indicators/?source=other")] == ["VS-SOL"]
    assert rows(client, f"{API}/indicators/?source=scb") == []


def test_the_areas_come_with_their_goals_and_the_places_with_their_codes(world, client):
    areas = rows(client, f"{API}/areas/")
    assert [(a["name"], a["goals"]) for a in areas] == [
        ("Ett klimatsmart Värmland", []),
        ("Stärka konkurrenskraften", [{"number": 11, "text": "Fler i arbete"}]),
    ]
    assert rows(client, f"{API}/goals/") == [
        {"number": 11, "text": "Fler i arbete", "area_id": world["growth"].pk}
    ]
    assert rows(client, f"{API}/geographies/") == [
        {"code": "0017", "name": "Värmland", "level": "county"},
        {"code": "1715", "name": "Kil", "level": "municipality"},
        {"code": "1780", "name": "Karlstad", "level": "municipality"},
    ]


def _places_years(found):
    return [(r["indicator"], r["geography"], r["gender"], r["year"]) for r in found]


@pytest.mark.parametrize(
    "query, expected",
    [
        (
            "indicator=N00914&geography_level=municipality",
            [
                ("N00914", "1715", "T", 2022),
                ("N00914", "1715", "T", 2023),
                ("N00914", "1780", "T", 2022),
                ("N00914", "1780", "T", 2023),
            ],
        ),
        (
            "geography=1780,1715&year_from=2023",
            [("N00914", "1715", "T", 2023), ("N00914", "1780", "T", 2023)],
        ),
        ("indicator=VS-SOL,N00914&geography=0017&year_to=2021", [("N00914", "0017", "T", 2021)]),
        (
            "indicator=N00914&indicator=VS-SOL&year_from=2022&year_to=2022&geography_level=county",
            [("VS-SOL", "0017", "T", 2022), ("N00914", "0017", "T", 2022)],
        ),
        ("gender=K", [("N00914", "0017", "K", 2023)]),
        ("area={climate}&year_from=2023", [("VS-SOL", "0017", "T", 2023)]),
    ],
)
def test_the_values_filter_by_indicator_place_level_gender_years_and_area(
    world, client, query, expected
):
    query = query.format(climate=world["climate"].pk)
    assert _places_years(rows(client, f"{API}/values/?{query}")) == expected


def test_an_indicators_series_filters_the_same_way(world, client):
    series = get(
        client, f"{API}/indicators/N00914/values/?geography_level=municipality&year_from=2023"
    )[1]
    assert series["count"] == 2
    assert _places_years(series["results"]) == [
        ("N00914", "1715", "T", 2023),
        ("N00914", "1780", "T", 2023),
    ]


def test_the_values_come_in_pages_that_say_how_many_and_link_each_other(world, client, settings):
    site = settings.SITE_URL
    first = get(client, f"{API}/values/?page_size=4")[1]
    second = get(client, first["next"].removeprefix(site))[1]
    last = get(client, second["next"].removeprefix(site))[1]
    assert first["count"] == second["count"] == last["count"] == 11
    assert first["previous"] is None
    assert first["next"] == f"{site}/api/v1/values/?page=2&page_size=4"
    assert second["previous"] == f"{site}/api/v1/values/?page_size=4"
    assert last["next"] is None and len(last["results"]) == 3
    everything = rows(client, f"{API}/values/")
    assert first["results"] + second["results"] + last["results"] == everything


def test_a_page_is_at_most_a_thousand_rows(world, client):
    assert get(client, f"{API}/values/?page_size=5000")[1]["count"] == 11
    assert len(rows(client, f"{API}/values/?page_size=5000")) == 11


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/indicators/NOPE/",
        f"{API}/indicators/NOPE/values/",
        f"{API}/indicators/%00/values/",  # no code at all: asked of nobody
        f"{API}/indicatorer/",
    ],
)
def test_what_does_not_exist_is_a_404_in_swedish_and_english(world, client, url):
    answer, body = get(client, url)
    assert answer.status_code == 404
    assert body["error"]["code"] == "not_found"
    assert set(body["error"]["message"]) == {"sv", "en"}
    if "/indicators/" in url:
        assert body["error"]["message"] == {
            "sv": "Det finns ingen indikator med den koden. Indikatorerna listas på "
            "/api/v1/indicators/.",
            "en": "There is no indicator with that code. They are listed at /api/v1/indicators/.",
        }


def test_a_page_past_the_last_is_a_404(world, client):
    assert get(client, f"{API}/values/?page=99")[0].status_code == 404


@pytest.mark.parametrize(
    "query, parameter, words",
    [
        ("year_from=abc", "year_from", "heltal"),
        ("year_to=20x5", "year_to", "heltal"),
        ("year_from=2024&year_to=2020", "year_from", "Första året kommer efter det sista"),
        ("indicator=N00914,NOPE", "indicator", "Ingen indikator har koden NOPE."),
        ("geography=9999", "geography", "Ingen plats har koden 9999."),
        ("indicator=N00914,%00", "indicator", "En kod är en kort rad"),
        ("geography=" + "1" * 41, "geography", "En kod är en kort rad"),
        ("geography_level=region", "geography_level", "giltigt val"),
        ("gender=X", "gender", "giltigt val"),
        ("area=abc", "area", "heltal"),
        ("area=999", "area", "Det finns inget insatsområde med det id:t."),
        ("page_size=many", "page_size", "heltal"),
        ("page=0", "page", "heltal"),
        ("year_form=2015", "year_form", "API:et känner inte till parametern"),
    ],
)
def test_a_bad_filter_is_a_400_that_names_the_parameter_in_swedish(
    world, client, query, parameter, words
):
    answer, body = get(client, f"{API}/values/?{query}")
    assert answer.status_code == 400
    assert body["error"]["code"] == "invalid"
    assert body["error"]["message"]["sv"] == "Frågan har värden som API:et inte förstår."
    assert body["error"]["message"]["en"] == "The request has values the API does not understand."
    assert list(body["error"]["details"]) == [parameter]
    assert words in body["error"]["details"][parameter][0]


def test_the_other_endpoints_refuse_parameters_they_do_not_take(world, client):
    for url in [
        f"{API}/indicators/N00914/?year_from=2020",
        f"{API}/indicators/N00914/values/?indicator=VS-SOL",
        f"{API}/indicators/N00914/values/?page=2",
        f"{API}/areas/?source=kolada",
        f"{API}/indicators/?year_from=2020",
    ]:
        answer, body = get(client, url)
        assert answer.status_code == 400, url
        assert body["error"]["code"] == "invalid"


def test_an_answer_has_an_etag_and_an_unchanged_one_is_not_sent_again(world, client):
    url = f"{API}/values/?indicator=N00914"
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    elsewhere = client.get(f"{API}/values/?indicator=VS-SOL", HTTP_IF_NONE_MATCH=first["ETag"])
    assert elsewhere.status_code == 200


def test_any_site_may_read_the_api_from_its_scripts(world, client):
    answer = client.get(f"{API}/indicators/", HTTP_ORIGIN="https://analys.example.org")
    assert answer["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in answer


def test_a_post_is_a_405_in_json(world, client):
    answer = client.post(f"{API}/values/", {"value": 1})
    body = json.loads(answer.content)
    assert answer.status_code == 405 and body["error"]["code"] == "method_not_allowed"
    assert "kan bara läsas (GET)" in body["error"]["message"]["sv"]


def test_an_address_asking_too_often_is_told_to_wait(world, client, settings):
    settings.OPEN_DATA_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get(f"{API}/indicators/").status_code == 200
    answer, body = get(client, f"{API}/values/")
    assert answer.status_code == 429
    assert answer["Retry-After"] == "60"
    assert body["error"]["code"] == "throttled"
    assert "Vänta en minut" in body["error"]["message"]["sv"]


def test_an_answer_from_the_cache_changes_when_a_value_is_saved(
    world, client, django_assert_max_num_queries
):
    url = f"{API}/indicators/N00914/values/?geography=0017&gender=T"
    assert rows(client, url)[-1]["value"] == 80.2
    with django_assert_max_num_queries(0):
        assert rows(client, url)[-1]["value"] == 80.2  # from the page cache
    value = world["employment"].values.get(geography=world["county"], year=2023, gender="T")
    value.value = Decimal("80.9")
    value.save()
    assert rows(client, url)[-1]["value"] == 80.9
    detail = f"{API}/indicators/VS-SOL/"
    assert get(client, detail)[1]["is_demo"] is True
    world["solar"].values.update(is_demo=False)
    Indicator.objects.get(code="VS-SOL").save()
    assert get(client, detail)[1]["is_demo"] is False
