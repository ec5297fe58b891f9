"""Reads on meetings and materials for the public pages."""

from django.db.models import Max, Min, Prefetch, Q
from django.utils import timezone

from arshjul.models import Cycle, CycleChallenge

from .models import Material, Meeting


def meeting_list_published(*, cycle) -> list[Meeting]:
    return list(Meeting.objects.published().filter(cycle=cycle).select_related("cycle"))


def meeting_get_published(*, year: int, slug: str) -> Meeting | None:
    return (
        Meeting.objects.published()
        .select_related("cycle__strategy")
        .prefetch_related(
            Prefetch(
                "cycle__cycle_challenges",
                queryset=CycleChallenge.objects.select_related("challenge"),
            )
        )
        .filter(cycle__year=year, slug=slug)
        .first()
    )


def cycle_current(*, today) -> Cycle | None:
    """The cycle people are taking part in now: the earliest published one with a meeting
    still ahead (today counts as ahead), else the newest published one (one query)."""
    cycles = list(
        Cycle.objects.published()
        .annotate(last_meeting=Max("meetings__date", filter=Q(meetings__published=True)))
        .order_by("year")
    )
    ahead = [c for c in cycles if c.last_meeting and c.last_meeting >= today]
    return ahead[0] if ahead else (cycles[-1] if cycles else None)


def materials_for_meeting(*, meeting: Meeting) -> dict[str, list[Material]]:
    """The meeting's published material and documentation, and the cycle's own material
    meant for the meeting's audience, in one query."""
    materials = Material.objects.published().filter(cycle=meeting.cycle_id)
    grouped = {"preparation": [], "documentation": [], "cycle": []}
    by_challenge = {}  # preparation for one workshop group: challenge -> materials
    for_coordinators = meeting.participation == Meeting.Participation.COORDINATORS
    for material in materials.select_related("challenge").order_by("published_from", "pk"):
        if material.meeting_id is None:
            # The cycle's own material, where its audience is: a guide for coordinators at
            # the meetings they register for, not in a conference's confirmation.
            if for_coordinators or material.audience == Material.Audience.EVERYONE:
                grouped["cycle"].append(material)
        elif material.meeting_id != meeting.pk:
            continue
        elif material.challenge_id and material.kind == Material.Kind.PREPARATION:
            by_challenge.setdefault(material.challenge, []).append(material)
        else:
            grouped[material.kind].append(material)
    grouped["by_challenge"] = list(by_challenge.items())
    return grouped


def materials_for_cycle(*, cycle) -> list[Material]:
    """Material for the whole cycle (not tied to a meeting)."""
    return list(
        Material.objects.published()
        .filter(cycle=cycle, meeting__isnull=True)
        .order_by("published_from", "pk")
    )


def materials_for_coordinators(*, cycle_id: int) -> list[Material]:
    """The cycle's material meant for the organisations' coordinators, for their pages."""
    return list(
        Material.objects.published()
        .filter(cycle=cycle_id, audience=Material.Audience.COORDINATORS)
        .order_by("published_from", "pk")
    )


def material_news(*, limit: int = 5) -> list[Material]:
    """The latest published material and documentation, for the home page."""
    return list(Material.objects.published().select_related("cycle", "meeting")[:limit])


def material_get_published(*, pk: int) -> Material | None:
    return Material.objects.published().filter(pk=pk).first()


def next_material_publication(*, cycle=None):
    """When the next material staff have scheduled (published from a later moment) appears,
    for the cycle or anywhere; None if none is scheduled. Pages that list material are made
    anew then."""
    scheduled = Material.objects.filter(published_from__gt=timezone.now())
    if cycle is not None:
        scheduled = scheduled.filter(cycle=cycle)
    return scheduled.aggregate(first=Min("published_from"))["first"]
