"""The working material's reminder, on the one schedule (:mod:`arshjul.reminders`, which
decides when, and sends each once per organisation and mark): the coordinators of an
organisation not done with every focus challenge are reminded before the deadline, with the
challenges still to do. Here is only whom to remind and what to write."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arshjul import reminders
from arshjul.lib.emails import absolute_url, make_message
from arshjul.lib.outbox import outbox_queue
from arshjul.models import Coordinator, Organisation

from .models import Answer, WorkingMaterial


@dataclass(frozen=True)
class NotDone:
    material: WorkingMaterial
    organisation: Organisation
    coordinators: list[Coordinator]
    # The challenges still to do, in the material's order: (name, begun).
    left: list[tuple[str, bool]]


def _recipients(material: WorkingMaterial, **organisations):
    """The organisations (with a coordinator this cycle) not done with every challenge: three
    queries per material."""
    challenges = [
        item.challenge
        for item in material.challenges.select_related("challenge").order_by("position", "pk")
    ]
    states = {
        (organisation_id, challenge_id): status
        for organisation_id, challenge_id, status in Answer.objects.filter(
            material=material
        ).values_list("organisation_id", "challenge_id", "status")
    }
    by_organisation: dict[int, list[Coordinator]] = {}
    for coordinator in (
        Coordinator.objects.filter(cycle=material.cycle_id, **organisations)
        .select_related("organisation")
        .order_by("organisation__name", "-is_lead", "name")
    ):
        by_organisation.setdefault(coordinator.organisation_id, []).append(coordinator)
    for organisation_id, people in by_organisation.items():
        left = [
            (challenge.name, (organisation_id, challenge.pk) in states)
            for challenge in challenges
            if states.get((organisation_id, challenge.pk)) != Answer.Status.DONE
        ]
        if not left:
            continue
        yield reminders.Recipient(
            subject=f"material-{material.pk}",
            key=f"organisation-{organisation_id}",
            deadline=material.closes_at,
            cycle_id=material.cycle_id,
            label=str(material),
            about=NotDone(material, people[0].organisation, people, left),
        )


def pending(*, now, until=None, cycle_id=None):
    """Active organisations not done with a published material before its deadline."""
    materials = WorkingMaterial.objects.filter(published=True, closes_at__gt=now)
    if until is not None:
        materials = materials.filter(closes_at__lte=until)
    if cycle_id is not None:
        materials = materials.filter(cycle_id=cycle_id)
    for material in materials.select_related("cycle"):
        yield from _recipients(material, organisation__active=True)


def send(recipient: reminders.Recipient, reminder: reminders.Reminder) -> None:
    """To each of the organisation's coordinators: the days left and the challenges to do."""
    not_done: NotDone = recipient.about
    for coordinator in not_done.coordinators:
        mail = make_message(
            "working_material_reminder",
            {
                "coordinator": coordinator,
                "organisation": not_done.organisation,
                "material": not_done.material,
                "days": reminder.days_left,
                "left": not_done.left,
                "url": absolute_url("working_material:overview"),
            },
        )
        outbox_queue(
            kind="working_material_reminder",
            to=coordinator.email,
            mail=mail,
            dedup_key=reminder.outbox_key("coordinator", coordinator.pk),
            about=coordinator,
        )


def organisations_remind(*, material: WorkingMaterial, organisation_ids, by=None) -> int:
    """Remind, now, the coordinators of the given organisations not done with the material
    (staff chose them on the dashboard), through the schedule's claim: no organisation twice
    a day, none after the deadline. Returns how many organisations were reminded now."""
    if not material.published:
        return 0
    recipients = _recipients(material, organisation_id__in=organisation_ids)
    return len(reminders.remind_now("working_material", recipients, by=by))


WORKING_MATERIAL = reminders.Kind(
    name="working_material",
    label=_("Working material: organisations not done"),
    pending=pending,
    send=send,
    counted=lambda n: (
        ngettext("%(count)d organisation", "%(count)d organisations", n) % {"count": n}
    ),
)
