"""Values as they come in, next to the designed case: a gender in lower case and a number
written with a space between its thousands, a year no statistics have, a year imported again,
and the survey's results where no county is known."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from indicators import services
from indicators.models import Geography, Indicator, IndicatorValue
from tests import factories

URL = "/admin/indicators/indicatorvalue/import/"


def import_csv(client, rows: str):
    """Preview the rows (a CSV file with our headings), then import them; the preview."""
    content = ("Indikator;År;Geografi;Kön;Värde;Källa\n" + rows).encode()
    preview = client.post(URL, {"file": SimpleUploadedFile("varden.csv", content)})
    if 'name="signed"' in preview.content.decode():
        signed = preview.content.decode().split('name="signed" value="')[1].split('"')[0]
        client.post(URL, {"signed": signed})
    return preview


def test_a_lower_case_gender_and_thousands_written_apart_are_read(editor_client, solar):
    import_csv(editor_client, "VS-SOL;2023;0017;k;1 234,5;\nVS-SOL;2023;0017;m;1\u00a0000;\n")
    stored = {v.gender: v.value for v in IndicatorValue.objects.all()}
    assert stored == {"K": Decimal("1234.5"), "M": Decimal("1000")}


def test_a_year_no_statistics_have_is_refused(editor_client, solar):
    preview = import_csv(editor_client, "VS-SOL;1850;0017;;1;\n").content.decode()
    assert "Några rader har fel, så ingenting importeras" in preview
    assert "1900" in preview
    assert not IndicatorValue.objects.exists()


def test_importing_a_year_again_replaces_its_value_and_its_source(editor_client, solar, places):
    import_csv(editor_client, "VS-SOL;2023;0017;;8;Energimyndigheten 2024\n")
    import_csv(editor_client, "VS-SOL;2023;0017;;9,5;Energimyndigheten 2025\n")
    [value] = IndicatorValue.objects.all()
    assert (value.value, value.source_note) == (Decimal("9.5"), "Energimyndigheten 2025")
    assert "9,5" in editor_client.get("/indikatorer/VS-SOL/").content.decode()


def test_survey_results_where_no_county_is_known_store_nothing_and_fail_nothing(
    cycle, area, frozen_now
):
    Indicator.objects.create(code="ENK-1", name="Kompetens", area=area, unit="%", source="survey")
    survey = factories.survey(cycle)
    for n in range(3):
        group = factories.leadership_group(factories.organisation(name=f"Org {n}"))
        factories.submitted_response(survey, group, {"yes": "yes"})
    frozen_now(2026, 12, 20, 9)  # the survey has closed
    assert services.survey_values_store(survey=survey) == 0
    assert not IndicatorValue.objects.exists()
    Geography.objects.create(code="0017", name="Värmland", level="county")
    assert services.survey_values_store(survey=survey) == 1  # once the county is known
