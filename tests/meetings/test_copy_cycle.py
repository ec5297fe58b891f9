import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from arshjul.models import Cycle
from pages.cycle import cycle_copy_to_next_year
from tests import factories

pytestmark = pytest.mark.django_db


def copy_from_the_admin(client, cycle, coordinators=()):
    """The action opens the page that asks which coordinators go with the copy; then copy."""
    page = client.post(
        "/admin/arshjul/cycle/",
        {"action": "copy_to_next_year", "_selected_action": [cycle.pk]},
        follow=True,
    )
    assert "Samordnare att föra över" in page.content.decode()
    return client.post(
        f"/admin/arshjul/cycle/{cycle.pk}/kopiera/",
        {"coordinators": [c.pk for c in coordinators]},
        follow=True,
    )


def test_staff_copy_a_cycle_to_the_next_year_from_the_admin(staff_client):
    cycle = factories.cycle_with_meetings(2027)

    response = copy_from_the_admin(staff_client, cycle)

    assert "Årshjul 2027 är kopierat till Årshjul 2028, opublicerat" in response.content.decode()
    copy = Cycle.objects.get(year=2028)
    assert copy.status == Cycle.Status.DRAFT
    assert [c.challenge.name for c in copy.cycle_challenges.all()] == [
        c.challenge.name for c in cycle.cycle_challenges.all()
    ]
    old = {m.slug: m for m in cycle.meetings.all()}
    new = {m.slug: m for m in copy.meetings.all()}
    assert set(new) == set(old)
    assert new["arbetsmote"].date == datetime.date(2028, 1, 13)
    assert new["konferens"].date == datetime.date(2028, 9, 29)
    assert new["arbetsmote"].starts_at == datetime.time(9)
    closes = timezone.localtime(new["arbetsmote"].registration_closes_at)
    assert (closes.date(), closes.time()) == (
        datetime.date(2027, 12, 19),
        datetime.time(23, 59, 59),
    )
    assert new["arbetsmote"].participation == old["arbetsmote"].participation
    assert new["arbetsmote"].has_workshop_groups
    assert not any(m.published for m in new.values())
    assert not {m.uid for m in new.values()} & {m.uid for m in old.values()}
    # Not published, so not public.
    assert staff_client.get("/arshjul/2028/").status_code == 404


def test_copying_twice_is_refused_with_a_message(staff_client):
    cycle = factories.cycle_with_meetings(2027)
    cycle_copy_to_next_year(cycle=cycle)

    response = copy_from_the_admin(staff_client, cycle)

    assert "Det finns redan ett årshjul för 2028." in response.content.decode()
    assert Cycle.objects.filter(year=2028).count() == 1


def test_a_leap_day_moves_to_28_february():
    cycle = factories.cycle(2028)
    factories.meeting(cycle, date=datetime.date(2028, 2, 29))
    copy = cycle_copy_to_next_year(cycle=cycle)
    assert copy.meetings.get().date == datetime.date(2029, 2, 28)


def test_a_cycle_named_without_its_year_gets_the_year_added():
    cycle = factories.cycle(2027, name="Vårt årshjul")
    assert cycle_copy_to_next_year(cycle=cycle).name == "Vårt årshjul 2028"
    with pytest.raises(ValidationError):
        cycle_copy_to_next_year(cycle=cycle)


def test_copying_a_meeting_copies_every_field_but_those_of_its_year():
    from meetings.models import Meeting
    from meetings.services import BELONGS_TO_ITS_YEAR, MOVED_A_YEAR

    # What is not copied as it is, named here so that adding a field to these is a decision.
    assert {
        "id",
        "cycle",
        "uid",
        "sequence",
        "updated_at",
        "documentation",
        "published",
        "cancelled_at",
    } == BELONGS_TO_ITS_YEAR
    assert {"date", "registration_opens_at", "registration_closes_at"} == MOVED_A_YEAR

    cycle = factories.cycle_with_meetings(2027)
    meeting = cycle.meetings.get(slug="arbetsmote")
    Meeting.objects.filter(pk=meeting.pk).update(
        summary="Sammanfattning",
        description="Beskrivning",
        audience="Alla",
        capacity=130,
        limit_per_organisation=5,
        map_url="https://karta.example.org/x",
        contact_phone="010-1",
        registration_opens_at=factories.end_of_day(2026, 10, 3),
        documentation="Det blev bra.",
        sequence=4,
    )
    meeting.refresh_from_db()
    copy = cycle_copy_to_next_year(cycle=cycle).meetings.get(slug="arbetsmote")

    for field in Meeting._meta.concrete_fields:
        old, new = getattr(meeting, field.attname), getattr(copy, field.attname)
        if field.name in MOVED_A_YEAR:
            moved = old.replace(year=old.year + 1) if isinstance(old, datetime.date) else old
            if isinstance(old, datetime.datetime):
                local = timezone.localtime(old)
                moved = timezone.make_aware(local.replace(year=local.year + 1, tzinfo=None))
            assert new == moved, field.name
        elif field.name not in BELONGS_TO_ITS_YEAR:
            assert new == old, field.name
    assert (copy.published, copy.documentation, copy.sequence) == (False, "", 0)
    assert copy.uid != meeting.uid and copy.cycle_id != meeting.cycle_id
