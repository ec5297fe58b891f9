"""What the indicators' tests share: Kolada's recorded pages, values typed in, publishing an
analysis as staff do."""

import json
from decimal import Decimal
from pathlib import Path

from django.test import TestCase

from indicators.models import AnalysisSection, IndicatorValue
from tests.html import form_as_shown

KOLADA = Path(__file__).parent / "kolada"  # Kolada's answers, recorded
UNSAFE = "<script>alert('x')</script> [klicka](javascript:alert(1)) <img src=x onerror=alert(2)>"


def kolada_page(name: str) -> dict:
    """A recorded page of Kolada's answer."""
    return json.loads((KOLADA / name).read_text())


def values(indicator, place, series: dict) -> None:
    """The indicator's values for the place by year: ``{2022: 79.5, 2023: 80.2}``."""
    for year, value in series.items():
        IndicatorValue.objects.create(
            indicator=indicator, geography=place, year=year, value=Decimal(str(value))
        )


def publish(client, analysis):
    """Publish the analysis with the admin's action, as staff do; the page it leads to."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            "/admin/indicators/statusanalysis/",
            {"action": "publish", "_selected_action": [analysis.pk]},
            follow=True,
        )


def analysis_form(client, analysis, **changes) -> dict:
    """The admin's form of the analysis as a browser posts it, with ``changes`` (the parser
    keeps one option of a multiple choice: each section's indicators are read from its rows)."""
    form = form_as_shown(client.get(f"/admin/indicators/statusanalysis/{analysis.pk}/change/"))
    for name, value in list(form.items()):
        if name.endswith("-id") and value:
            section = AnalysisSection.objects.get(pk=value)
            indicators = name.removesuffix("-id") + "-indicators"
            form[indicators] = [str(pk) for pk in section.indicators.values_list("pk", flat=True)]
    return {k: v for k, v in {**form, **changes}.items() if "__prefix__" not in k}


def section_field(form, section, field) -> str:
    """The name of a section's field in the admin's form."""
    prefix = next(k for k, v in form.items() if k.endswith("-id") and v == str(section.pk))
    return prefix.removesuffix("-id") + "-" + field
