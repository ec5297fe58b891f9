"""A published draft report is compiled and drawn once per version of what it is made from, not
on every visit — and never shown stale: someone signs up, staff change their words, and the
reader sees it at once. The page cache is off here, so that what is tested is the report's
own keeping."""

import pytest
from django.test import Client

from followup.models import Report
from registrations.models import Participant
from tests.followup.helpers import text_of

URL = "/arshjul/2027/uppfoljningsrapport/"


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE = False


def _drawn(visitor) -> int:
    response = visitor.get(URL)
    assert response.status_code == 200
    return sum(1 for t in response.templates if t.name == "followup/includes/report_body.html")


def test_a_second_visit_compiles_and_draws_nothing_again(published, taking_part):
    visitor = Client()
    assert _drawn(visitor) == 1
    assert _drawn(visitor) == 0
    assert "8 personer från 4 organisationer." in text_of(visitor.get(URL).content.decode())


def test_someone_signing_up_or_staffs_words_show_at_once(published, taking_part, kil):
    visitor = Client()
    assert "8 personer från 4 organisationer." in text_of(visitor.get(URL).content.decode())
    one = Participant.objects.filter(organisation=kil, status="confirmed").first()
    Participant.objects.create(
        meeting=one.meeting, organisation=kil, name="Ny Person", email="ny@kil.example.org"
    )
    assert "9 personer från 4 organisationer." in text_of(visitor.get(URL).content.decode())
    report = Report.objects.get(pk=published.pk)
    report.next_steps = "Nästa år: *uppföljning*."
    report.save()
    assert "<em>uppföljning</em>" in visitor.get(URL).content.decode()
