import datetime

import pytest

from arshjul import wheel
from tests import factories


def test_january_starts_at_the_top_and_months_run_clockwise():
    assert wheel.angle_of(datetime.date(2027, 1, 1)) == pytest.approx(0.5 / 31 * 30)
    assert wheel.angle_of(datetime.date(2027, 4, 1)) == pytest.approx(90 + 0.5 / 30 * 30)
    assert wheel.angle_of(datetime.date(2026, 12, 19)) == pytest.approx(330 + 18.5 / 31 * 30)


def test_markers_close_in_time_move_to_an_inner_lane_instead_of_overlapping():
    steps = [
        wheel.Step(1, datetime.date(2026, 12, 19), "Sista dag A", wheel.Step.Kind.DEADLINE),
        wheel.Step(1, datetime.date(2026, 12, 20), "Sista dag B", wheel.Step.Kind.DEADLINE),
        wheel.Step(1, datetime.date(2027, 3, 23), "Möte", wheel.Step.Kind.MEETING),
    ]
    drawing = wheel.draw(steps)
    first, second, third = drawing.markers
    assert (first.x, first.y) != (second.x, second.y)
    distance = ((first.x - second.x) ** 2 + (first.y - second.y) ** 2) ** 0.5
    assert distance > 2 * 12  # two marker radii
    assert [m.number for m in drawing.markers] == [1, 2, 3]


@pytest.mark.django_db
def test_a_registered_provider_adds_its_steps_to_every_cycle_page(client, frozen_now):
    """The wheel's one interface: a new kind of dated step needs no template change."""
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)

    def survey_deadline(cycles):
        for c in cycles:
            yield wheel.Step(
                c.pk, datetime.date(c.year - 1, 12, 18), "Enkäten stänger", wheel.Step.Kind.DEADLINE
            )

    wheel.providers.register(survey_deadline, name="survey-deadline")
    try:
        steps = wheel.steps_for(cycle)
        page = client.get("/").content.decode()
    finally:
        wheel.providers.unregister("survey-deadline")

    assert [s.title for s in steps][:2] == [
        "Enkäten stänger",
        "Sista dag att anmäla sig till: Arbetsmöte",
    ]
    assert "Enkäten stänger" in page and "18 december 2026" in page
