"""Values from a spreadsheet or a Kolada file, through the project's one way to import: every
row shown with its errors, then all rows imported, or none."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from arshjul.lib import imports
from indicators.models import IndicatorValue
from tests.indicators.helpers import KOLADA

URL = "/admin/indicators/indicatorvalue/import/"


def upload(client, name, content):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def signed_from(page) -> str:
    return page.content.decode().split('name="signed" value="')[1].split('"')[0]


def test_a_spreadsheet_with_errors_shows_each_and_imports_nothing(editor_client, solar, enk1):
    content = (
        "Indikator;År;Geografi;Kön;Värde\n"
        "VS-SOL;2023;0017;;12,5\n"
        "OKÄND;2023;0017;;1\n"
        "VS-SOL;2023;9999;;1\n"
        "VS-SOL;2024;0017;;mycket\n"
        "VS-SOL;2023;0017;T;13\n"
        "ENK-1;2023;0017;;40\n"
        "VS-SOL;2025;0017;X;1\n"
    ).encode()
    html = upload(editor_client, "varden.csv", content).content.decode()
    assert "Några rader har fel, så ingenting importeras" in html
    for message in [
        "Ingen indikator har koden OKÄND.",
        "Inget geografiskt område har koden 9999.",
        "Värdet är inte ett tal.",
        "Samma indikator, år, geografiska område och kön finns på en tidigare rad.",
        "Den här indikatorns värden kommer från ledningsenkäten, inte från en fil.",
        "Kön anges som T (alla), K (kvinnor) eller M (män).",
    ]:
        assert message in html
    assert not IndicatorValue.objects.exists()


def test_a_file_without_known_columns_is_refused(editor_client, solar):
    html = upload(editor_client, "fel.csv", b"a;b;c\n1;2;3\n").content.decode()
    assert "Ingen kolumn har en rubrik vi känner igen" in html


def test_a_good_spreadsheet_is_imported_after_the_preview(editor_client, solar, places):
    workbook = Workbook()
    sheet = workbook.active
    for row in [
        ["Indikator", "År", "Geografi", "Värde", "Källa"],
        ["VS-SOL", 2022, "0017", 8.5, "Energimyndigheten"],
        ["VS-SOL", 2023, "17", "12,25", ""],
    ]:  # noqa: E501
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = upload(editor_client, "solel.xlsx", buffer.getvalue())
    assert "2 rader är klara att importera" in preview.content.decode()
    assert not IndicatorValue.objects.exists()
    done = editor_client.post(URL, {"signed": signed_from(preview)}, follow=True)
    assert "2 värden är importerade." in done.content.decode()
    values = {v.year: (v.value, v.source_note) for v in IndicatorValue.objects.all()}
    assert str(values[2022][0]) == "8.500" and values[2022][1] == "Energimyndigheten"
    assert str(values[2023][0]) == "12.250"


def test_a_kolada_file_is_imported_the_same_way(editor_client, employment):
    content = (KOLADA / "n00914-page1.json").read_bytes()
    preview = upload(editor_client, "kolada.json", content)
    assert "4 rader är klara att importera" in preview.content.decode()
    editor_client.post(URL, {"signed": signed_from(preview)})
    assert IndicatorValue.objects.count() == 4
    assert set(IndicatorValue.objects.values_list("source_note", flat=True)) == {"Källa: Kolada"}


def test_a_broken_kolada_file_is_refused_with_a_message(editor_client, employment):
    html = upload(editor_client, "kolada.json", b'{"values": [{"kpi": 1}]}').content.decode()
    assert "inte i den form vi väntar oss" in html
    assert "[&#x27;" not in html  # the words, not a list of them
    assert not IndicatorValue.objects.exists()


def readable(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def test_the_kolada_preview_writes_decimals_with_a_comma_and_says_what_kolada_lacks(
    editor_client, employment
):
    preview = upload(editor_client, "kolada.json", (KOLADA / "n00914-page1.json").read_bytes())
    html = readable(preview)
    assert "<td>79,5</td>" in html and "<td>78,1</td>" in html and "79.5" not in html
    assert "1 värde saknas i Kolada (Karlstad 2023) och importeras inte." in html
    done = readable(editor_client.post(URL, {"signed": signed_from(preview)}, follow=True))
    assert "4 värden är importerade. 1 värde saknas i Kolada (Karlstad 2023)" in done
    assert IndicatorValue.objects.count() == 4


def kolada_file(*items) -> bytes:
    """A Kolada page of N00914 values: (place, year, gender, value or None)."""
    values = [
        {
            "kpi": "N00914",
            "municipality": place,
            "period": year,
            "values": [{"gender": gender, "status": "" if value else "Missing", "value": value}],
        }
        for place, year, gender, value in items
    ]
    return json.dumps({"values": values}).encode()


def test_every_value_missing_in_kolada_is_named_up_to_a_handful(editor_client, employment):
    gaps = [("1715", 2021, "T"), ("0017", 2022, "K"), ("1780", 2021, "T")]
    gaps += [("1780", year, "T") for year in range(2015, 2020)]
    content = kolada_file(("0017", 2023, "T", 80.25), *[(*gap, None) for gap in gaps])
    html = readable(upload(editor_client, "kolada.json", content))
    assert "<td>80,25</td>" in html
    assert (
        "8 värden saknas i Kolada (Karlstad 2015, Karlstad 2016, Karlstad 2017, Karlstad 2018, "
        "Karlstad 2019, Karlstad 2021 och 2 till) och importeras inte."
    ) in html


def test_a_spreadsheets_numbers_are_previewed_with_a_decimal_comma(editor_client, solar):
    workbook = Workbook()
    workbook.active.append(["Indikator", "År", "Geografi", "Värde"])
    workbook.active.append(["VS-SOL", 2022, "0017", 8.5])
    workbook.active.append(["VS-SOL", 2023, "0017", "1 234,5"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    html = readable(upload(editor_client, "solel.xlsx", buffer.getvalue()))
    assert "<td>8,5</td>" in html and "<td>1 234,5</td>" in html and "8.5" not in html
    assert "saknas i Kolada" not in html


@pytest.mark.parametrize("role", ["anonymous", "owner", "outsider", "reader"])
def test_only_editors_import(cast, role, employment):
    client = cast[role]
    content = (KOLADA / "n00914-page1.json").read_bytes()
    signed = imports.sign_file("kolada.json", content)
    answers = [
        client.get(URL),
        upload(client, "kolada.json", content),
        client.post(URL, {"signed": signed}),
    ]
    expected = 403 if role == "reader" else 302  # the others are sent to staff's sign-in
    assert [answer.status_code for answer in answers] == [expected] * 3
    assert not IndicatorValue.objects.exists()


def test_an_editor_imports(editor_client, employment):
    signed = imports.sign_file("kolada.json", (KOLADA / "n00914-page1.json").read_bytes())
    assert editor_client.get(URL).status_code == 200
    editor_client.post(URL, {"signed": signed})
    assert IndicatorValue.objects.count() == 4
