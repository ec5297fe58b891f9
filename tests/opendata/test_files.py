"""The bulk files, as an analyst with Excel, a program reading CSV and the national data
portal meet them: each dataset as CSV for Excel, plain CSV and XLSX, one data package that
describes them, the licence in every one, the same for everyone, made anew when the data or
the licence change, and as few queries for 8,000 rows as for 50."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import caches
from openpyxl import load_workbook

from indicators.models import Area, Geography, Goal, Indicator, IndicatorValue
from opendata.datasets import DATASETS
from opendata.models import CatalogueSettings

CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
VALUES = "/oppna-data/filer/indikatorvarden"
FILES = {
    "csv-excel": ("{}-excel.csv", "text/csv; charset=utf-8"),
    "csv": ("{}.csv", "text/csv; charset=utf-8"),
    "xlsx": ("{}.xlsx", XLSX),
}
EVERY_FILE = [
    f"/oppna-data/filer/{name.format(slug)}" for slug in DATASETS for name, _ in FILES.values()
]
MUNICIPALITIES = [
    ("1715", "Kils kommun"),
    ("1730", "Eda kommun"),
    ("1737", "Torsby kommun"),
    ("1760", "Storfors kommun"),
    ("1761", "Hammarö kommun"),
    ("1762", "Munkfors kommun"),
    ("1763", "Forshaga kommun"),
    ("1764", "Grums kommun"),
    ("1765", "Årjängs kommun"),
    ("1766", "Sunne kommun"),
    ("1780", "Karlstads kommun"),
    ("1781", "Kristinehamns kommun"),
    ("1782", "Filipstads kommun"),
    ("1783", "Hagfors kommun"),
    ("1784", "Arvika kommun"),
    ("1785", "Säffle kommun"),
]


@pytest.fixture
def places(db):
    """Värmland and its 16 municipalities: 17 places."""
    county = Geography.objects.create(code="0017", name="Värmland", level="county")
    return [county] + [
        Geography.objects.create(code=code, name=name, level="municipality")
        for code, name in MUNICIPALITIES
    ]


@pytest.fixture
def area(db):
    return Area.objects.create(name="Stärka konkurrenskraften")


@pytest.fixture
def employment(area, places):
    """N00914 with values for the county and two municipalities, one of them made up."""
    goal = Goal.objects.create(area=area, number=3, text="Fler i arbete")
    indicator = Indicator.objects.create(
        code="N00914",
        name="Andel förvärvsarbetande 20–64 år",
        area=area,
        goal=goal,
        unit="%",
        source="kolada",
        kolada_kpi="N00914",
        levels="municipalities",
        target_value=Decimal("80.5"),
        target_year=2030,
        position=1,
    )
    county, kil, eda = places[0], places[1], places[2]
    for place, year, value, demo in [
        (county, 2023, "78.500", False),
        (county, 2024, "79.125", False),
        (kil, 2024, "82.600", False),
        (eda, 2024, "-0.250", True),
    ]:
        IndicatorValue.objects.create(
            indicator=indicator, geography=place, year=year, value=Decimal(value), is_demo=demo
        )
    return indicator


@pytest.fixture
def awkward(area, places):
    """An indicator whose name has a comma and quotes, and one that starts like a formula."""
    quoted = Indicator.objects.create(
        code="VS-NOJD",
        name='Andel "nöjda", i %',
        area=area,
        unit="kr",
        source="other",
        position=3,
    )
    formula = Indicator.objects.create(
        code="VS-FORM", name="=SUMMA(1;2)", area=area, unit="st", source="other", position=2
    )
    IndicatorValue.objects.create(
        indicator=quoted, geography=places[0], year=2024, value=Decimal("123456.5")
    )
    IndicatorValue.objects.create(
        indicator=formula, geography=places[0], year=2024, value=Decimal("3")
    )
    return quoted, formula


def rows_of(response, delimiter: str) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def licence_of(response) -> str:
    """The licence in an XLSX file's properties."""
    workbook = load_workbook(io.BytesIO(response.content))
    return {p.name: p.value for p in workbook.custom_doc_props.props}["licence"]


def values_in_the_database() -> list[IndicatorValue]:
    """Every value, in the order the files promise: indicator (area, position, code), place
    (level, code), gender, year."""
    found = IndicatorValue.objects.select_related("indicator__area", "geography")
    return sorted(
        found,
        key=lambda v: (
            v.indicator.area.position,
            v.indicator.position,
            v.indicator.code,
            v.geography.level,
            v.geography.code,
            v.gender,
            v.year,
        ),
    )


def test_the_csv_for_excel_starts_with_a_bom_and_has_semicolons_decimal_commas_and_swedish_headings(
    employment, client
):
    response = client.get(f"{VALUES}-excel.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, *rows = rows_of(response, ";")
    assert header == [
        "Indikator",
        "Indikatorns namn",
        "Geografikod",
        "Geografiskt område",
        "Nivå",
        "År",
        "Kön",
        "Värde",
        "Enhet",
        "Källa",
        "Demodata",
    ]
    assert rows[0][:8] == ["N00914", "Andel förvärvsarbetande 20–64 år", "0017", "Värmland"] + [
        "county",
        "2023",
        "T",
        "78,5",
    ]
    assert [r[7] for r in rows] == ["78,5", "79,125", "82,6", "-0,25"]
    assert [r[10] for r in rows] == ["nej", "nej", "nej", "ja"]
    assert b"\r\n" in response.content


def test_the_plain_csv_has_points_the_columns_names_true_false_and_no_bom(employment, client):
    response = client.get(f"{VALUES}.csv")
    assert not response.content.startswith(b"\xef\xbb\xbf")
    header, *rows = rows_of(response, ",")
    assert header == [c.name for c in DATASETS["indikatorvarden"].columns]
    assert [r[7] for r in rows] == ["78.5", "79.125", "82.6", "-0.25"]
    assert [r[10] for r in rows] == ["false", "false", "false", "true"]
    # Nothing is empty, not nothing: the value's source was not given.
    assert [r[9] for r in rows] == ["", "", "", ""]


@pytest.mark.parametrize("variant, delimiter", [("-excel.csv", ";"), (".csv", ",")])
def test_both_csv_files_have_exactly_the_databases_values_in_order(
    variant, delimiter, employment, awkward, client
):
    header, *rows = rows_of(client.get(f"{VALUES}{variant}"), delimiter)
    expected = values_in_the_database()
    assert len(rows) == len(expected) == 6
    for row, value in zip(rows, expected, strict=True):
        assert row[0] == value.indicator.code
        assert row[2] == value.geography.code
        assert int(row[5]) == value.year
        assert row[6] == value.gender
        assert Decimal(row[7].replace(",", ".")) == value.value


def test_text_with_commas_and_quotes_is_quoted_as_rfc_4180_says(awkward, client):
    response = client.get(f"{VALUES}.csv")
    assert b'"Andel ""n\xc3\xb6jda"", i %"' in response.content
    names = [row[1] for row in rows_of(response, ",")[1:]]
    assert 'Andel "nöjda", i %' in names


def test_text_that_looks_like_a_formula_is_text_in_excel_and_as_it_is_for_machines(awkward, client):
    excel = [row[1] for row in rows_of(client.get(f"{VALUES}-excel.csv"), ";")[1:]]
    assert "'=SUMMA(1;2)" in excel
    plain = [row[1] for row in rows_of(client.get(f"{VALUES}.csv"), ",")[1:]]
    assert "=SUMMA(1;2)" in plain
    sheet = load_workbook(io.BytesIO(client.get(f"{VALUES}.xlsx").content)).worksheets[0]
    cell = next(c for c in sheet["B"] if c.value == "=SUMMA(1;2)")
    assert cell.data_type == "s"


def test_the_xlsx_has_numbers_as_numbers_a_frozen_header_and_a_data_dictionary(
    employment, awkward, client
):
    response = client.get(f"{VALUES}.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    data, about = workbook.worksheets
    assert about.title == "Beskrivning"
    assert data.freeze_panes == "A2"
    assert data.auto_filter.ref == "A1:K7"
    header = [c.value for c in data[1]]
    assert header[:3] == ["Indikator", "Indikatorns namn", "Geografikod"]
    assert all(c.font.bold for c in data[1])
    first = list(data[2])
    assert first[2].value == "0017"  # a code keeps its leading zero
    assert first[5].value == 2023 and first[5].number_format == "0"
    assert first[7].value == 78.5 and first[7].data_type == "n"
    assert first[7].number_format == "#,##0.0##"
    assert first[10].value is False
    assert data["H7"].value == 123456.5
    assert data.column_dimensions["B"].width > data.column_dimensions["G"].width

    described = [[c.value for c in row] for row in about.iter_rows()]
    flat = [v for row in described for v in row if v]
    assert "Indikatorernas värden" in flat
    assert f"CC0 1.0 ({CC0})" in flat
    for column in DATASETS["indikatorvarden"].columns:
        assert [column.name, str(column.heading)] in [row[:2] for row in described]
    assert any("demodata" in str(v).lower() for v in flat)  # the dataset's note

    props = workbook.properties
    assert props.title == "Indikatorernas värden"
    assert CC0 in props.description and "CC0 1.0" in props.description
    assert "tidsserier" in props.keywords
    assert licence_of(response) == CC0


def test_the_datapackage_describes_every_dataset_and_column(employment, client):
    response = client.get("/oppna-data/datapackage.json")
    assert response["Content-Type"] == "application/json"
    package = json.loads(response.content)
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"][0] == {"name": "CC0-1.0", "path": CC0, "title": "CC0 1.0"}
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(DATASETS)
    types = {"decimal": "number", "string": "string", "integer": "integer", "boolean": "boolean"}
    for slug, dataset in DATASETS.items():
        resource = resources[slug]
        assert resource["path"] == f"{settings.SITE_URL}/oppna-data/filer/{slug}.csv"
        assert resource["schema"]["missingValues"] == [""]
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == [c.name for c in dataset.columns]
        for found, column in zip(fields, dataset.columns, strict=True):
            assert found["title"] == str(column.heading)
            assert found["description"] == str(column.description)
            assert found["type"] == types.get(column.kind, found["type"])
        assert resource["licenses"][0]["path"] == CC0


def test_the_datapackages_files_answer_as_it_says(employment, client):
    package = json.loads(client.get("/oppna-data/datapackage.json").content)
    for resource in package["resources"]:
        path = resource["path"].split("://", 1)[1].split("/", 1)[1]
        response = client.get(f"/{path}")
        assert response.status_code == 200
        header = rows_of(response, ",")[0]
        assert header == [f["name"] for f in resource["schema"]["fields"]]


@pytest.mark.parametrize("path", [*EVERY_FILE, "/oppna-data/datapackage.json"])
def test_every_file_says_what_it_is_its_name_and_its_licence_from_the_cache_too(
    path, employment, client, django_assert_max_num_queries
):
    first = client.get(path)
    with django_assert_max_num_queries(0):
        again = client.get(path)  # from the shared page cache
    for response in [first, again]:
        assert response.status_code == 200
        if path.endswith("datapackage.json"):
            assert response["Content-Type"] == "application/json"
        else:
            name = path.rsplit("/", 1)[1]
            assert response["Content-Type"] == (XLSX if name.endswith(".xlsx") else FILES["csv"][1])
            assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        link = response["Link"]
        assert f'<{CC0}>; rel="license"' in link
        assert '/oppna-data/datapackage.json>; rel="describedby"' in link
    assert again.content == first.content


def test_a_licence_staff_change_shows_in_the_next_files(employment, client):
    assert licence_of(client.get(f"{VALUES}.xlsx")) == CC0
    CatalogueSettings.objects.create(licence=CC_BY)
    assert licence_of(client.get(f"{VALUES}.xlsx")) == CC_BY
    assert f'<{CC_BY}>; rel="license"' in client.get(f"{VALUES}.csv")["Link"]
    package = json.loads(client.get("/oppna-data/datapackage.json").content)
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_a_changed_value_shows_in_the_next_file(employment, client):
    assert "82,6" in client.get(f"{VALUES}-excel.csv").content.decode()
    value = IndicatorValue.objects.get(value=Decimal("82.6"))
    value.value = Decimal("83.1")
    value.save()
    assert "83,1" in client.get(f"{VALUES}-excel.csv").content.decode()


def _more_indicators(area, places, count, start=0):
    """``count`` indicators more, each with ten years for the county and its municipalities."""
    fields = {"area": area, "unit": "%", "source": "other", "levels": "municipalities"}
    indicators = Indicator.objects.bulk_create(
        Indicator(code=f"X-{n:02}", name=f"Extra {n}", position=n, **fields)
        for n in range(start, start + count)
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=i, geography=place, year=year, value=Decimal(year % 7) + Decimal("0.125")
        )
        for i in indicators
        for year in range(2015, 2025)
        for place in places
    )


def _made_anew(client, path):
    for cache in caches.all():
        cache.clear()
    response = client.get(path)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("path", [*EVERY_FILE, "/oppna-data/datapackage.json"])
def test_a_file_costs_as_many_queries_for_48_indicators_as_for_5(
    path, area, places, client, django_assert_max_num_queries
):
    _more_indicators(area, places, 5)
    with django_assert_max_num_queries(10) as five:
        _made_anew(client, path)
    _more_indicators(area, places, 43, start=5)
    with django_assert_max_num_queries(len(five.captured_queries)):
        response = _made_anew(client, path)
    if path == f"{VALUES}.csv":
        assert len(rows_of(response, ",")) == 1 + 48 * 17 * 10


def test_a_file_narrowed_by_its_columns_has_just_those_rows(employment, awkward, client):
    query = "indicator=N00914&geography_level=municipality&year_from=2015&year_to=2025"
    header, *rows = rows_of(client.get(f"{VALUES}.csv?{query}"), ",")
    expected = IndicatorValue.objects.filter(
        indicator__code="N00914", geography__level="municipality", year__range=(2015, 2025)
    )
    assert len(rows) == expected.count() == 2
    assert {r[2] for r in rows} == {"1715", "1730"}
    assert len(rows_of(client.get(f"{VALUES}.csv?indicator=N00914&indicator=VS-NOJD"), ",")) == 6
    assert len(rows_of(client.get(f"{VALUES}.csv?is_demo=true"), ",")) == 2
    assert len(rows_of(client.get(f"{VALUES}.csv?value_from=100"), ",")) == 2


@pytest.mark.parametrize(
    "query, parameter",
    [("colour=red", "colour"), ("year_from=tjugo", "year_from"), ("name_from=a", "name_from")],
)
def test_a_filter_the_file_does_not_know_is_an_error_in_json(query, parameter, employment, client):
    response = client.get(f"{VALUES}.csv?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and parameter in error["details"]


@pytest.mark.parametrize("path", ["finns-inte.csv", "finns-inte-excel.csv", "finns-inte.xlsx"])
def test_a_dataset_that_does_not_exist_is_a_404_in_json(path, db, client):
    response = client.get(f"/oppna-data/filer/{path}")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert "/oppna-data/" in error["message"]["sv"]


@pytest.mark.parametrize("path", [*EVERY_FILE, "/oppna-data/datapackage.json"])
def test_the_whole_cast_gets_the_same_files_and_nobody_posts(path, employment, cast):
    first = cast["anonymous"].get(path)
    for role, client in cast.items():
        response = client.get(path)
        assert response.status_code == 200, role
        assert response.content == first.content, role
        refused = client.post(path, {})
        assert refused.status_code == 405, role
        assert refused.json()["error"]["code"] == "method_not_allowed"


def test_the_headings_and_dictionary_follow_the_language_chosen(employment, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    header = rows_of(client.get(f"{VALUES}-excel.csv"), ";")[0]
    assert header[:2] == ["Indicator", "Indicator's name"]
    assert rows_of(client.get(f"{VALUES}-excel.csv"), ";")[1][10] == "no"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    assert rows_of(client.get(f"{VALUES}-excel.csv"), ";")[0][0] == "Indikator"


def _every_kind():
    """A dataset with a column of every kind, as other datasets (documents, cycles) have."""
    from opendata.datasets import Column, Coverage, Dataset

    columns = tuple(
        Column(name, name.title(), kind, f"A {kind}.")
        for name, kind in [
            ("text", "string"),
            ("count", "integer"),
            ("share", "decimal"),
            ("done", "boolean"),
            ("day", "date"),
            ("at", "datetime"),
        ]
    )
    at = datetime.datetime(2026, 11, 27, 11, 0, tzinfo=datetime.UTC)  # 12:00 in Stockholm
    rows = [
        ("Två rader\noch ett \x0btecken", 2024, Decimal("1.50"), True, at.date(), at),
        (None, None, None, None, None, None),
        ("x" * 40_000, 0, Decimal("-1000000.125"), False, None, None),
    ]
    dataset = Dataset(
        slug="allt",
        title="Allt",
        description="Varje slag.",
        keywords=(),
        themes=(),
        api_url_name="",
        columns=columns,
        rows=lambda: iter(rows),
        coverage=Coverage,
        depends_on=(),
    )
    return dataset, rows


def test_every_kind_of_column_is_written_as_each_file_promises(db):
    from opendata.imprint import imprint_current
    from opendata.writers import excel_csv, plain_csv, xlsx

    dataset, rows = _every_kind()
    plain = list(csv.reader(io.StringIO(plain_csv(dataset, rows).decode(), newline="")))
    assert plain[1] == [
        "Två rader\noch ett \x0btecken",
        "2024",
        "1.5",
        "true",
        "2026-11-27",
        "2026-11-27T12:00:00+01:00",
    ]
    assert plain[2] == [""] * 6
    assert plain[3][1:4] == ["0", "-1000000.125", "false"]
    excel = excel_csv(dataset, rows).decode("utf-8-sig")
    excel_rows = list(csv.reader(io.StringIO(excel, newline=""), delimiter=";"))
    assert excel_rows[1][1:] == ["2024", "1,5", "ja", "2026-11-27", "2026-11-27 12:00:00"]
    assert excel_rows[3][2] == "-1000000,125"  # no thousands separator: Excel reads a number

    sheet = load_workbook(io.BytesIO(xlsx(dataset, rows, imprint_current()))).worksheets[0]
    first = list(sheet[2])
    assert first[0].value == "Två rader\noch ett tecken"  # XML's forbidden character left out
    assert first[4].value == datetime.datetime(2026, 11, 27)
    assert first[4].number_format == "yyyy-mm-dd"
    assert first[5].value == datetime.datetime(2026, 11, 27, 12, 0)
    assert first[5].number_format == "yyyy-mm-dd hh:mm"
    assert [c.value for c in sheet[3]] == [None] * 6
    assert len(sheet["A4"].value) == 32_767 and sheet["A4"].value.endswith("…")
