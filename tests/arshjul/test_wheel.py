import datetime

import pytest
from django.utils import translation

from arshjul import wheel
from pages.wheel import RINGS
from tests import factories


def test_january_starts_at_the_top_and_months_run_clockwise():
    assert wheel.angle_of(datetime.date(2027, 1, 1)) == pytest.approx(0.5 / 31 * 30)
    assert wheel.angle_of(datetime.date(2027, 4, 1)) == pytest.approx(90 + 0.5 / 30 * 30)
    assert wheel.angle_of(datetime.date(2026, 12, 19)) == pytest.approx(330 + 18.5 / 31 * 30)


def test_markers_close_in_time_are_spread_apart_instead_of_overlapping():
    steps = [
        wheel.Step(1, datetime.date(2026, 12, 19), "Sista dag A", wheel.Step.Kind.DEADLINE),
        wheel.Step(1, datetime.date(2026, 12, 20), "Sista dag B", wheel.Step.Kind.DEADLINE),
        wheel.Step(1, datetime.date(2027, 1, 2), "Sista dag C", wheel.Step.Kind.DEADLINE),
        wheel.Step(1, datetime.date(2027, 3, 23), "Möte", wheel.Step.Kind.MEETING),
    ]
    drawing = wheel.draw(steps, rings=RINGS)
    first, second, third, fourth = drawing.marks
    distance = ((first.x - second.x) ** 2 + (first.y - second.y) ** 2) ** 0.5
    assert distance >= first.radius + second.radius
    assert [m.number for m in drawing.marks] == [1, 2, 3, 4]
    # December and January are neighbours: the crowd stays around New Year.
    assert all(abs(m.x - 200) < 80 and m.y < 120 for m in (first, second, third))


@pytest.mark.django_db
def test_an_apps_steps_named_in_pages_wheel_appear_on_every_cycle_page(
    client, frozen_now, monkeypatch
):
    """One list says what the wheel shows: a new kind of dated step needs no template change."""
    from pages import wheel as pages_wheel

    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)

    def survey_deadline(cycles):
        for c in cycles:
            yield wheel.Step(
                c.pk, datetime.date(c.year - 1, 12, 18), "Enkäten stänger", wheel.Step.Kind.DEADLINE
            )

    monkeypatch.setattr(pages_wheel, "STEPS", [*pages_wheel.STEPS, (survey_deadline, [])])
    steps = pages_wheel.steps_for(cycle)
    page = client.get("/").content.decode()

    assert [s.title for s in steps][:2] == [
        "Enkäten stänger",
        "Sista dag att anmäla sig till: Arbetsmöte",
    ]
    assert "Enkäten stänger" in page and "18 december 2026" in page


# --- Rings, links and crowds (#17) -----------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(steps, **kwargs):
    import xml.etree.ElementTree as ET

    from django.template.loader import render_to_string

    with translation.override("sv"):  # the names are in the page's language
        kwargs.setdefault("rings", RINGS)
        drawing = wheel.draw(steps, link_for=lambda n, s: f"#step-{n}", **kwargs)
        cycle = type("Cycle", (), {"year": 2027})()
        context = {"cycle": cycle, "drawing": drawing}
        html = render_to_string("arshjul/includes/wheel.html", context)
    return ET.fromstring(html.strip()), drawing  # noqa: S314 - our own template


def step(day, title, kind, **fields):
    return wheel.Step(1, day, title, kind, **fields)


def test_each_kind_of_step_has_its_ring_and_each_step_is_a_named_link():
    steps = [
        step(
            datetime.date(2026, 11, 1),
            "Enkäten är öppen",
            "survey_period",
            ends_on=datetime.date(2026, 12, 19),
        ),
        step(datetime.date(2026, 12, 19), "Sista dag att anmäla sig", wheel.Step.Kind.DEADLINE),
        step(
            datetime.date(2027, 1, 13),
            "Arbetsmöte",
            wheel.Step.Kind.MEETING,
            url="/arshjul/2027/moten/arbetsmote/",
        ),
        step(datetime.date(2027, 3, 23), "Riktningsmöte", wheel.Step.Kind.MEETING),
    ]
    root, drawing = svg_of(steps)
    rings = [g for g in root.iter(f"{SVG}g") if "wheel-ring" in g.get("class", "")]
    assert [g.get("data-ring") for g in rings] == ["meeting", "deadline", "survey_period"]
    links = {a.get("aria-label"): a.get("href") for a in root.iter(f"{SVG}a")}
    assert links == {
        "1 november–19 december 2026: Enkäten är öppen": "#step-1",
        "19 december 2026: Sista dag att anmäla sig": "#step-2",
        "13 januari 2027: Arbetsmöte": "/arshjul/2027/moten/arbetsmote/",
        "23 mars 2027: Riktningsmöte": "#step-4",
    }
    # The period is an arc from its first day to its last.
    [period] = [m for m in drawing.marks if m.step.is_period]
    assert period.arc.startswith("M ") and " A " in period.arc
    with translation.override("sv"):
        assert [str(r.label) for r in drawing.rings][:2] == ["möte", "sista dag"]


def test_a_ring_is_drawn_only_when_it_has_steps():
    rings = {**RINGS, "visit": wheel.Ring("visit", "studiebesök", 50, "#6b3e00")}
    _, without = svg_of(
        [step(datetime.date(2027, 5, 5), "Möte", wheel.Step.Kind.MEETING)], rings=rings
    )
    root, drawing = svg_of([step(datetime.date(2027, 5, 6), "Besök", "visit")], rings=rings)
    assert "visit" not in [r.kind for r in without.rings]
    assert [r.label for r in drawing.rings] == ["studiebesök"]
    [shape] = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "wheel-shape"]
    assert shape.get("fill") == "#6b3e00"


def test_twenty_steps_in_one_month_do_not_overlap():
    steps = [
        step(datetime.date(2027, 3, day), f"Möte {day}", wheel.Step.Kind.MEETING)
        for day in range(1, 21)
    ] + [step(datetime.date(2027, 3, 10), "Sista dag", wheel.Step.Kind.DEADLINE)]
    drawing = wheel.draw(steps, rings=RINGS)
    boxes = [m.box for m in drawing.marks]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
            assert not overlap, (a, b)
    # Each marker still points at its own date.
    assert all(m.tick_x and m.tick_y for m in drawing.marks)


def test_today_says_so_in_words():
    root, _ = svg_of(
        [step(datetime.date(2027, 1, 13), "Arbetsmöte", wheel.Step.Kind.MEETING)],
        today=datetime.date(2026, 11, 28),
    )
    [today] = [g for g in root.iter(f"{SVG}g") if g.get("class") == "wheel-today"]
    assert today.get("aria-label") == "I dag, 28 november"
