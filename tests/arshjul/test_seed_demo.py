import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from arshjul.models import Coordinator, Cycle, Organisation
from meetings.models import Material, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in [Organisation, Cycle, Coordinator, Meeting, get_user_model()]
    }


def test_it_loads_the_regional_leadership_and_two_cycles(settings, frozen_now):
    settings.DEBUG = True
    frozen_now(2026, 11, 27, 12)

    call_command("seed_demo", stdout=StringIO())

    assert Organisation.objects.filter(category="municipality").count() == 16
    assert Organisation.objects.get(municipality_code="1780").name == "Karlstads kommun"
    assert Organisation.objects.filter(name="Försäkringskassan", category="state_agency").exists()
    assert list(Cycle.objects.order_by("year").values_list("year", flat=True)) == [2023, 2027]
    work_2023 = Meeting.objects.get(cycle__year=2023, kind="work_meeting")
    assert work_2023.date == datetime.date(2023, 1, 13)
    closes = timezone.localtime(work_2023.registration_closes_at)
    assert (closes.date(), closes.time()) == (
        datetime.date(2022, 12, 19),
        datetime.time(23, 59, 59),
    )
    assert [m.date for m in Meeting.objects.filter(cycle__year=2027)] == [
        datetime.date(2027, 1, 13),
        datetime.date(2027, 3, 23),
        datetime.date(2027, 9, 29),
    ]
    work_2027 = Meeting.objects.get(cycle__year=2027, slug="arbetsmote")
    assert (work_2027.participation, work_2027.published) == ("coordinators", True)
    assert Meeting.objects.get(cycle__year=2027, slug="riktningsmote").participation == "invitation"
    assert Meeting.objects.get(cycle__year=2027, slug="konferens").participation == "open"
    # Both cycles have their material; 2023 has documentation after its meetings.
    for year, analysis in [(2023, "Nulägesanalys 2023"), (2027, "Preliminär nulägesanalys 2027")]:
        titles = set(Material.objects.filter(cycle__year=year).values_list("title", flat=True))
        assert {analysis, "Vägledning och arbetsmaterial"} <= titles
    documentation = Material.objects.get(
        cycle__year=2023, title="Dokumentation från arbetsmötet 2023"
    )
    assert documentation.file.read(5) == b"%PDF-"
    assert Meeting.objects.get(cycle__year=2023, slug="arbetsmote").documentation
    assert not Meeting.objects.get(cycle__year=2027, slug="arbetsmote").documentation
    # Every organisation has a coordinator in both cycles; one person coordinates two.
    assert Coordinator.objects.filter(cycle__year=2027).count() == Organisation.objects.count()
    shared = Coordinator.objects.filter(cycle__year=2027, email="karin.lund@example.org")
    assert shared.count() == 2
    assert get_user_model().objects.get(username="personal").is_staff
    # The working material's demo answers lie under their own challenge.
    from working_material.models import Entry

    placed = Entry.objects.filter(answer__material__cycle__year=2027).values_list(
        "name", "answer__challenge__name"
    )
    assert ("Kompetenslyftet", "kompetensförsörjning och matchningsproblematik") in placed
    assert ("Klimatanpassningsplan", "klimatförändringar och yttre påverkan") in placed
    assert all("ompetens" not in name for name, challenge in placed if "demografi" in challenge)


def test_running_it_twice_changes_nothing(settings, frozen_now):
    settings.DEBUG = True
    frozen_now(2026, 11, 27, 12)
    call_command("seed_demo", stdout=StringIO())
    Organisation.objects.filter(name="Compare").update(contact_email="ny@example.org")
    before = row_counts()

    call_command("seed_demo", stdout=StringIO())

    assert row_counts() == before
    assert Organisation.objects.get(name="Compare").contact_email == "ny@example.org"


def test_it_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    ("now", "upcoming"),
    [
        ((2026, 11, 27, 12, 0), 2027),
        ((2026, 12, 19, 23, 59), 2027),  # the deadline is still today
        ((2026, 12, 20, 0, 0, 30), 2028),  # past midnight in Sweden (still the 19th in UTC)
        ((2027, 1, 2, 9, 0), 2028),
    ],
)
def test_the_upcoming_cycle_has_the_next_19_december_as_its_deadline(
    settings, frozen_now, now, upcoming
):
    settings.DEBUG = True
    frozen_now(*now)

    call_command("seed_demo", stdout=StringIO())

    cycle = Cycle.objects.order_by("-year").first()
    assert cycle.year == upcoming
    deadline = timezone.localtime(cycle.meetings.get(kind="work_meeting").registration_closes_at)
    assert deadline.date() == datetime.date(upcoming - 1, 12, 19)
    assert deadline >= timezone.localtime()
