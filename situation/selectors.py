"""Reads for the lägesbild: everything it is made from, for every focus challenge of a cycle
at once, in a fixed number of queries however many organisations, entries and notes there
are. The rules (:mod:`situation.gaps`, :mod:`situation.matches`) read the :class:`Facts`
and query nothing."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from arshjul.models import Coordinator, CycleChallenge, Organisation
from indicators.models import AnalysisSection, Indicator
from indicators.selectors import Series, series_for
from survey.models import Survey
from survey.results import indicator_values, previous_of
from working_material.models import Answer, Entry, Reflection
from workshops.models import NoteEntry, Notes

from . import matching
from .models import Picture

CATEGORY_LABELS = dict(Organisation.Category.choices)


@dataclass
class Named:
    """An organisation as the lägesbild names it (by id while it exists; its name kept)."""

    id: int | None
    name: str
    category: str = ""

    @property
    def category_label(self) -> str:
        return str(CATEGORY_LABELS.get(self.category, ""))


@dataclass
class Item:
    """An entry of the working material, or one the workshop added."""

    kind: str
    kind_label: str
    name: str
    description: str
    organisations: list[Named]
    from_workshop: bool = False


@dataclass
class Facts:
    """What one challenge's lägesbild is made from."""

    challenge_id: int
    name: str
    series: list[Series] = field(default_factory=list)
    entries: list[Item] = field(default_factory=list)  # the working material's
    workshop: list[Item] = field(default_factory=list)  # the workshop's additions, gaps, ideas
    wanted: list[tuple[Named, str]] = field(default_factory=list)  # structures to create
    # Shared by every challenge of the cycle:
    taking_part: dict[str, list[Named]] = field(default_factory=dict)  # by category
    contacts: dict[int, list[dict]] = field(default_factory=dict)  # by organisation id
    reported_names: set[str] = field(default_factory=set)  # groups of every entry's name
    choices: dict[str, str] = field(default_factory=dict)


def linked_indicators(cycle, challenge_ids) -> dict[int, list[Indicator]]:
    """The indicators the cycle's status analyses link to each challenge (their sections on
    it), the final analysis's first, each once (two queries)."""
    sections = (
        AnalysisSection.objects.filter(analysis__cycle=cycle, challenge_id__in=challenge_ids)
        .order_by("-analysis__stage", "position", "pk")  # "preliminary" after "final"
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.select_related("area")))
    )
    found: dict[int, dict[int, Indicator]] = defaultdict(dict)
    for section in sections:
        for indicator in section.indicators.all():
            found[section.challenge_id].setdefault(indicator.pk, indicator)
    return {pk: list(by_id.values()) for pk, by_id in found.items()}


def survey_indicators(cycle) -> list[dict]:
    """The cycle's survey's indicator values (and the latest earlier survey's), in words."""
    survey = (
        Survey.objects.filter(cycle=cycle, published=True)
        .select_related("cycle")
        .order_by("-closes_at")
        .first()
    )
    if survey is None:
        return []
    values = indicator_values(survey)
    earlier = previous_of(survey)
    before = indicator_values(earlier) if earlier else {}
    names = dict(Indicator.objects.filter(code__in=values).values_list("code", "name"))
    return [
        {
            "code": code,
            "name": names.get(code) or value.question.text,
            "value": value.words(),
            "previous": before[code].words() if code in before else "",
            "previous_year": earlier.cycle.year if earlier and code in before else None,
        }
        for code, value in values.items()
    ]


def _named_of_note(entry: NoteEntry) -> list[Named]:
    named = [Named(o.pk, o.name, o.category) for o in entry.organisations.all()]
    if named:
        return named
    written = entry.organisation_names.strip()
    parts = written.splitlines() if "\n" in written else written.split(",")
    return [Named(None, part.strip()) for part in parts if part.strip()]


def facts(cycle) -> list[Facts]:
    """Every focus challenge of ``cycle`` with what its lägesbild is made from."""
    challenges = list(
        CycleChallenge.objects.filter(cycle=cycle)
        .select_related("challenge")
        .order_by("position", "pk")
    )
    ids = [c.challenge_id for c in challenges]
    by_challenge = {c.challenge_id: Facts(c.challenge_id, c.challenge.name) for c in challenges}
    if not challenges:
        return []

    indicators = linked_indicators(cycle, ids)
    series = series_for([i for found in indicators.values() for i in found], municipalities=False)
    for pk, found in indicators.items():
        by_challenge[pk].series = [series[i.pk] for i in found]

    kinds = dict(NoteEntry.Kind.choices)
    answers = (
        Answer.objects.filter(
            material__cycle=cycle, challenge_id__in=ids, status=Answer.Status.DONE
        )
        .select_related("organisation")
        .order_by("organisation__name", "pk")
        .prefetch_related(
            Prefetch("entries", queryset=Entry.objects.order_by("kind", "pk")),
            Prefetch(
                "reflections",
                queryset=Reflection.objects.filter(kind=Reflection.Kind.CREATE),
                to_attr="wanted",
            ),
        )
    )
    reported = set()
    chosen = matching.choices()
    for answer in answers:
        org = answer.organisation
        named = Named(org.pk, org.name, org.category)
        facts_ = by_challenge[answer.challenge_id]
        for entry in answer.entries.all():
            facts_.entries.append(
                Item(
                    entry.kind,
                    str(kinds.get(entry.kind, "")),
                    entry.name,
                    entry.description,
                    [named],
                )
            )
            reported.add(matching.group_of(entry.name, chosen))
        for reflection in answer.wanted:
            for line in reflection.text.splitlines():
                line = line.strip(" -*•\t")
                if line:
                    facts_.wanted.append((named, line))

    notes = Notes.objects.filter(meeting__cycle=cycle, challenge_id__in=ids).prefetch_related(
        Prefetch(
            "entries",
            queryset=NoteEntry.objects.order_by("kind", "pk").prefetch_related(
                Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
            ),
        )
    )
    for note in notes:
        for entry in note.entries.all():
            item = Item(
                entry.kind,
                str(kinds.get(entry.kind, "")),
                entry.name,
                entry.description,
                _named_of_note(entry),
                from_workshop=True,
            )
            by_challenge[note.challenge_id].workshop.append(item)
            if entry.kind not in {NoteEntry.Kind.GAP, NoteEntry.Kind.IDEA}:
                reported.add(matching.group_of(entry.name, chosen))

    taking_part: dict[str, list[Named]] = defaultdict(list)
    contacts: dict[int, list[dict]] = defaultdict(list)
    seen = set()
    for coordinator in (
        Coordinator.objects.filter(cycle=cycle)
        .select_related("organisation")
        .order_by("organisation__name", "-is_lead", "name")
    ):
        org = coordinator.organisation
        contacts[org.pk].append({"name": coordinator.name, "email": coordinator.email})
        if org.pk not in seen:
            seen.add(org.pk)
            taking_part[org.category].append(Named(org.pk, org.name, org.category))

    for item in by_challenge.values():
        item.taking_part, item.contacts = dict(taking_part), dict(contacts)
        item.reported_names, item.choices = reported, chosen
    return [by_challenge[pk] for pk in ids]


def network_names(cycle) -> list[tuple[str, str]]:
    """Every name of a network or forum in the cycle's working material (marked done) and its
    workshop notes, with who named it: (name, organisation) (two queries)."""
    kinds = [Entry.Kind.NETWORK, Entry.Kind.FORUM]
    found = list(
        Entry.objects.filter(
            answer__material__cycle=cycle, answer__status=Answer.Status.DONE, kind__in=kinds
        ).values_list("name", "answer__organisation__name")
    )
    found += [
        (name, "")
        for name in NoteEntry.objects.filter(
            notes__meeting__cycle=cycle, kind__in=kinds
        ).values_list("name", flat=True)
    ]
    return found


def picture_of(cycle) -> Picture | None:
    return Picture.objects.select_related("cycle", "published_by").filter(cycle=cycle).first()


def published_picture(*, year: int, with_snapshot: bool = True) -> Picture | None:
    """The published lägesbild of a published cycle's year (``with_snapshot=False``: its
    snapshot deferred, read when first asked for)."""
    found = (
        Picture.objects.select_related("cycle")
        .filter(cycle__year=year, cycle__status="published", published_at__isnull=False)
        .exclude(snapshot=None)
    )
    return (found if with_snapshot else found.defer("snapshot")).first()
