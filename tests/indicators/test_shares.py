"""One way to write a share, everywhere people read it: 6 of 9, or 4 of 6, is "66,7 %" — one
decimal, rounded half up, never cut to "66 %" — in the survey's results (staff's and the
public's), its response rate, the survey indicator's value, its page and chart, and the status
analysis as PDF."""

import datetime
import io
from decimal import Decimal

import pypdf
import pytest
from django.test import TestCase
from django.utils import timezone
from django.utils.translation import override

from arshjul.lib import numbers
from indicators.models import AnalysisSection, IndicatorValue, StatusAnalysis
from survey import services
from survey.models import Response
from tests import factories
from tests.helpers import pango_available, require
from tests.indicators.helpers import publish


def readable(response) -> str:
    """A page as a reader sees it: non-breaking spaces as spaces."""
    return response.content.decode().replace("\xa0", " ")


@pytest.mark.parametrize(
    ("hits", "n", "words"),
    [(6, 9, "66,7 %"), (4, 6, "66,7 %"), (1, 8, "12,5 %"), (1, 3, "33,3 %"), (1, 16, "6,3 %")],
)
def test_a_share_is_rounded_half_up_to_one_decimal_with_a_decimal_comma(hits, n, words):
    with override("sv"):
        assert numbers.share_words(hits, n) == words.replace(" ", "\xa0")
    with override("en"):
        assert numbers.share_words(hits, n) == words.replace(",", ".").replace(" ", "\xa0")


def test_other_numbers_are_rounded_half_up_and_grouped():
    with override("sv"):
        assert numbers.number_words(3.45, 1) == "3,5"
        assert numbers.value_words(283835, unit="inv.") == "283\xa0835\xa0inv."
        assert numbers.value_words(Decimal("-0.04"), decimals=1, unit="MW") == "0,0\xa0MW"


@pytest.fixture
def four_of_six(cycle, enk1, places):
    """Nine active groups: six have submitted (four answered yes), three have a draft; the
    survey closed a week ago."""
    survey = factories.survey(
        cycle,
        opens_on=datetime.date(2026, 10, 1),
        closes_at=timezone.make_aware(datetime.datetime(2026, 11, 20, 23, 59, 59)),
    )
    for n, answer in enumerate(["yes", "yes", "yes", "yes", "no", "no", "no", "no", "no"]):
        org = factories.organisation(name=f"Organisation {n}", category="other")
        response = factories.submitted_response(
            survey, factories.leadership_group(org), {"yes": answer}
        )
        if n >= 6:
            Response.objects.filter(pk=response.pk).update(status=Response.Status.DRAFT)
    return survey


def test_four_of_six_is_66_7_percent_wherever_it_shows(
    four_of_six, cycle, enk1, visitor, staff_client, private_files
):
    survey = four_of_six
    results = readable(staff_client.get(f"/admin/survey/survey/{survey.pk}/results/"))
    assert "4 (66,7 %)" in results  # the yes question's distribution
    assert "66,7 % (4/6)" in results  # ENK-1's bar
    assert "66 %" not in results and "67 %" not in results
    rate = readable(staff_client.get(f"/admin/survey/survey/{survey.pk}/rate/"))
    assert "66,7 %" in rate  # six of nine groups have submitted
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.results_publish(survey=survey)
    public = readable(visitor.get("/arshjul/2027/enkat/"))
    assert "66,7 %" in public and "66 %" not in public
    value = IndicatorValue.objects.get(indicator=enk1)
    assert value.value == Decimal("66.7")
    indicator = readable(visitor.get("/indikatorer/ENK-1/"))
    assert "2026: <strong>66,7 %</strong>" in indicator
    listing = readable(visitor.get("/indikatorer/"))
    assert "66,7 %" in listing

    require(pango_available(), "WeasyPrint needs Pango to make PDFs")
    analysis = StatusAnalysis.objects.create(cycle=cycle, stage="preliminary", title="Läget")
    section = AnalysisSection.objects.create(analysis=analysis, title="Kompetens")
    section.indicators.set([enk1])
    publish(staff_client, analysis)
    download = visitor.get("/arshjul/2027/nulagesanalys.pdf")
    reader = pypdf.PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "66,7 %" in text
