"""Many readers asking for an analysis's PDF at the moment it has changed, on PostgreSQL with
real threads: one new PDF job is started, not one per reader."""

import pytest
from django.db import connection

from arshjul.models import PdfJob
from indicators import services
from indicators.models import AnalysisSection, StatusAnalysis
from tests import factories
from tests.helpers import pango_available, require, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def test_eight_readers_of_a_changed_analysis_start_one_new_pdf(frozen_now, private_files):
    if connection.vendor != "postgresql":
        pytest.skip("the lock under test is PostgreSQL's row lock; CI runs this on PostgreSQL")
    require(pango_available(), "WeasyPrint needs Pango to make PDFs")  # the jobs run at once
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    analysis = StatusAnalysis.objects.create(cycle=cycle, stage="preliminary", title="Läget")
    AnalysisSection.objects.create(analysis=analysis, title="Demografi", text="Som förr.")
    services.analysis_publish(analysis=analysis)
    first = StatusAnalysis.objects.get(pk=analysis.pk).pdf_id
    AnalysisSection.objects.filter(analysis=analysis).update(text="Nya ord.")

    jobs = run_at_once(THREADS, lambda n: services.analysis_pdf_current(analysis=analysis).pk)
    assert len(set(jobs)) == 1 and first not in jobs
    assert PdfJob.objects.filter(kind="status_analysis").count() == 2
