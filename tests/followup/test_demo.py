"""The demo's follow-up reports: 2023's published and final, a record compiled from the
demo's rows; the upcoming cycle's a draft, not public."""

from io import StringIO

from django.core.management import call_command

from followup.models import Report
from tests.followup.helpers import text_of


def test_the_demo_has_a_final_2023_report_and_a_draft_for_the_upcoming_cycle(demo_data, client):
    past, upcoming = Report.objects.order_by("cycle__year")
    assert past.cycle.year == 2023 and past.is_final and past.published_at is not None
    assert past.snapshot["participation"] and past.snapshot["picture"]["challenges"]
    assert upcoming.published_at is None and upcoming.cycle.year == 2027
    page = client.get("/arshjul/2023/uppfoljningsrapport/")
    words = text_of(page.content.decode())
    assert "Fastställd version" in words and "Kroka arm för kompetensen" in words
    assert "personer från" in words
    assert client.get("/arshjul/2027/uppfoljningsrapport/").status_code == 404
    assert "/arshjul/2023/uppfoljningsrapport/" in client.get("/arshjul/2023/").content.decode()


def test_seeding_the_demo_again_keeps_the_reports_as_they_are(demo_data, settings):
    settings.DEBUG = True  # seed_demo refuses otherwise
    kept = Report.objects.get(cycle__year=2023).snapshot
    call_command("seed_demo", stdout=StringIO())
    assert Report.objects.count() == 2
    assert Report.objects.get(cycle__year=2023).snapshot == kept
