import datetime
import re

import pytest

from arshjul.models import Cycle, Organisation
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_shows_the_upcoming_cycle_with_its_dates_in_swedish(client, frozen_now):
    frozen_now(2026, 11, 27, 12)
    factories.cycle_with_meetings(2023)
    factories.cycle_with_meetings(2027)

    page = client.get("/").content.decode()

    assert "<h1>Årshjul 2027</h1>" in page
    for words in ["19 december 2026", "13 januari 2027", "23 mars 2027", "29 september 2027"]:
        assert words in page
    assert "Sista dag" in page and "Arbetsmöte" in page
    # Past cycles are one click away.
    assert 'href="/arshjul/2023/"' in page


def test_the_wheel_has_twelve_months_and_a_numbered_link_per_step(client, frozen_now):
    frozen_now(2026, 11, 27, 12)
    factories.cycle_with_meetings(2027)

    page = client.get("/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]

    assert 'role="group"' in svg and "<title" in svg and "<desc" in svg
    assert len(re.findall(r'<path class="wheel-month', svg)) == 12
    for month in [
        "jan",
        "feb",
        "mar",
        "apr",
        "maj",
        "jun",
        "jul",
        "aug",
        "sep",
        "okt",
        "nov",
        "dec",
    ]:
        assert f">{month}</text>" in svg
    steps = re.findall(r'<a class="wheel-step"[^>]* data-ring="(\w+)"', svg)
    # The three meetings, the sign-up deadline, and the last day of the workshop notes.
    assert sorted(steps) == ["deadline", "deadline", "meeting", "meeting", "meeting"]
    numbers = re.findall(r'fill="#ffffff" font-size="\d+">(\d+)</text>', svg)
    assert sorted(numbers) == ["1", "2", "3", "4", "5"]  # each numbered as in the timeline
    # Coordinates are written with a decimal point whatever the language (not "123,4").
    assert not re.search(r'[xy]="\d+,\d', svg)
    # The text timeline says the same, in the same order as the numbers on the wheel.
    timeline = page[page.index('<ol class="timeline"') : page.index("</ol>")]
    assert re.findall(r'datetime="([\d-]+)"', timeline) == [
        "2026-12-19",
        "2027-01-13",
        "2027-01-27",
        "2027-03-23",
        "2027-09-29",
    ]


def test_it_shows_the_latest_cycle_as_ended_when_every_step_has_passed(client, frozen_now):
    frozen_now(2027, 10, 15, 12)
    factories.cycle_with_meetings(2027)

    page = client.get("/").content.decode()

    assert "<h1>Årshjul 2027</h1>" in page
    assert "avslutat" in page


def test_a_draft_cycle_is_not_shown_to_the_public(client, frozen_now):
    frozen_now(2026, 11, 27, 12)
    factories.cycle_with_meetings(2023)
    factories.cycle_with_meetings(2027, status=Cycle.Status.DRAFT)

    page = client.get("/").content.decode()

    assert "<h1>Årshjul 2023</h1>" in page
    assert "Årshjul 2027" not in page
    assert client.get("/arshjul/2027/").status_code == 404


def test_it_says_so_when_no_cycle_is_published(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Inget årshjul" in response.content.decode()


def test_it_lists_the_regional_leadership_by_category_with_counts(client, frozen_now):
    frozen_now(2026, 11, 27, 12)
    factories.cycle_with_meetings(2027)  # its strategy's organiser is a region
    for name, code in [("Kils kommun", "1715"), ("Eda kommun", "1730")]:
        factories.organisation(
            name=name, category=Organisation.Category.MUNICIPALITY, municipality_code=code
        )
    factories.organisation(name="Vilande förening", active=False)

    page = client.get("/").content.decode()

    assert re.search(r"Kommun\s*<span class=\"count\">\(2\)</span>", page)
    assert "Kils kommun" in page and "Eda kommun" in page
    assert "Vilande förening" not in page
    assert "3 organisationer" in page


def test_the_home_page_query_count_does_not_grow_with_its_rows(
    client, frozen_now, django_assert_max_num_queries
):
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)

    def page_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    few = page_queries()
    for n in range(30):
        factories.meeting(cycle, title=f"Extra möte {n}", date=datetime.date(2027, 5, 1 + n % 28))
        factories.organisation()
        factories.cycle(1990 + n)
    with django_assert_max_num_queries(few):
        assert client.get("/").status_code == 200


def test_a_past_cycle_page_is_browsable_as_history(client, frozen_now):
    frozen_now(2026, 11, 27, 12)
    factories.cycle_with_meetings(2023)
    factories.cycle_with_meetings(2027)

    page = client.get("/arshjul/2023/").content.decode()

    assert "<h1>Årshjul 2023</h1>" in page
    assert "13 januari 2023" in page and "19 december 2022" in page
    assert "avslutat" in page
    assert 'href="/arshjul/2027/"' in page


def test_the_cycle_list_shows_published_cycles_newest_first(client):
    factories.cycle(2023)
    factories.cycle(2027)
    factories.cycle(2028, status=Cycle.Status.DRAFT)

    page = client.get("/arshjul/").content.decode()

    assert page.index("Årshjul 2027") < page.index("Årshjul 2023")
    assert "Årshjul 2028" not in page
