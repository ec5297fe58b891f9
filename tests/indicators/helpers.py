"""What the indicators' tests share: Kolada's recorded pages, values typed in, publishing an
analysis as staff do."""

import json
from decimal import Decimal
from pathlib import Path

from django.test import TestCase

from indicators.models import IndicatorValue

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
