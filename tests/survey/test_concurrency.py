"""Many members of one group saving at the same moment, on PostgreSQL with real threads: one
write wins each answer, every other is told; nothing is lost silently."""

import pytest
from django.db import connection

from survey import services
from survey.models import Answer, Response
from tests import factories
from tests.helpers import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 12


def test_twelve_people_saving_the_same_answer_at_once_one_wins_and_eleven_are_told(frozen_now):
    if connection.vendor != "postgresql":
        pytest.skip("the lock under test is PostgreSQL's row lock; CI runs this on PostgreSQL")
    frozen_now(2026, 11, 27, 12)
    survey = factories.survey(factories.cycle_with_meetings(2027))
    group = factories.leadership_group(factories.organisation())
    response = services.response_get_or_create(survey=survey, group=group)
    text, scale = survey.q["text"], survey.q["scale"]

    def save(n):
        # Each started from the same empty page; each writes its own words, and one of them
        # also the scale question nobody else touches.
        values = {text.pk: f"Person {n} skrev detta"}
        if n == 0:
            values[scale.pk] = "5"
        return services.answers_save(response=response, values=values, seen={}, saved_by=f"P{n}")

    results = run_at_once(THREADS, save)
    conflicts = [r for r in results if r.conflicts]
    assert len(conflicts) == THREADS - 1
    saved = Answer.objects.get(response=response, question=text)
    assert saved.version == 1
    # Everyone told sees the words that won, and who wrote them.
    assert {c.conflicts[0].theirs.value for c in conflicts} == {saved.value}
    assert Answer.objects.get(response=response, question=scale).value == "5"
    # "Last saved by" names someone whose save changed something.
    assert Response.objects.get(pk=response.pk).last_saved_by in {saved.saved_by, "P0"}
