"""The cycle dashboard (staff's overview): one row per organisation, one column per thing it
has to do.

An app makes its columns with a *column provider*: it takes the cycle and the organisations
shown and returns :class:`Column` objects — sign-ups per meeting, invitation answers, the
survey per leadership group, the working material — reading its figures for all
organisations at once, so the page's query count does not grow with the organisations. Which
columns the overview shows, in order, and the lists and printouts under it are said in
:mod:`pages.overview` (an :class:`Overview`).

A column may say who *has not yet* done it (``pending``) and how to remind them (``remind``,
which goes through the app's own reminder service: each reminder is still sent once). The
dashboard's filters are those columns; :func:`organisations_remind` reminds exactly the
organisations a filter shows.
"""

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from .lib.emails import make_message
from .lib.outbox import outbox_queue
from .models import Coordinator, Cycle, Organisation


@dataclass(frozen=True)
class Cell:
    text: str
    # True: done; False: not yet (shown as such); None: nothing to judge.
    done: bool | None = None


@dataclass
class Column:
    key: str  # unique on the page, e.g. "meeting-12"
    label: str
    cells: dict[int, Cell]  # by organisation id; an organisation not in it shows "–"
    total: str
    # "Has not yet …": the filter's label, the organisations that have not, and how to
    # remind a list of them (``remind(organisations, by=user)``, through the reminder
    # schedule of ``reminder_kind``: returns how many organisations were reminded).
    not_yet: str = ""
    pending: set[int] = field(default_factory=set)
    remind: Callable[..., int] | None = None
    reminder_kind: str = ""

    def cell(self, organisation_id: int) -> Cell:
        return self.cells.get(organisation_id, Cell("–"))


Provider = Callable[[Cycle, list[Organisation]], Iterable[Column]]


@dataclass(frozen=True)
class Download:
    label: str
    url: str
    # A PDF is made by a job: started with a POST, not fetched with a link.
    starts_job: bool = False


@dataclass(frozen=True)
class Downloads:
    heading: str
    items: list[Download]


@dataclass(frozen=True)
class Overview:
    """What staff's overview of a cycle shows: its columns' providers, in order, and the
    providers of the lists and printouts under it — each takes the cycle and the user (what
    they may download) and yields :class:`Downloads` groups."""

    columns: list[Provider]
    downloads: list[Callable[[Cycle, object], Iterable[Downloads]]]

    def downloads_for(self, cycle: Cycle, user) -> list[Downloads]:
        return [group for provider in self.downloads for group in provider(cycle, user)]


@dataclass
class Row:
    organisation: Organisation
    coordinators: list[Coordinator]
    cells: list[Cell]


@dataclass
class Dashboard:
    cycle: Cycle
    columns: list[Column]
    rows: list[Row]
    category: str
    not_yet: Column | None
    organisations_total: int

    @property
    def organisations(self) -> list[Organisation]:
        return [row.organisation for row in self.rows]

    @property
    def filters(self) -> list[Column]:
        return [column for column in self.columns if column.not_yet]


@dataclass(frozen=True)
class Summary:
    """What the overview's page says about its board beside the table: small enough to keep
    in the cache and read on every look (the table itself is kept rendered)."""

    shown: int
    total: int
    recipients: int  # coordinators of the organisations shown
    without_coordinator: int
    filters: list[tuple[str, str]]  # (column key, "has not yet" label)
    not_yet: str  # the chosen filter's label, or ""
    can_remind: bool
    reminder_kind: str


def summary_of(board: Dashboard) -> Summary:
    chosen = board.not_yet
    return Summary(
        shown=len(board.rows),
        total=board.organisations_total,
        recipients=sum(len(row.coordinators) for row in board.rows),
        without_coordinator=sum(1 for row in board.rows if not row.coordinators),
        filters=[(column.key, column.not_yet) for column in board.filters],
        not_yet=chosen.not_yet if chosen else "",
        # (A column's remind is a function: a template would call it.)
        can_remind=chosen is not None and chosen.remind is not None,
        reminder_kind=chosen.reminder_kind if chosen else "",
    )


def organisations_of(cycle: Cycle):
    """The organisations of a cycle: the active ones, and any other with a coordinator in it."""
    in_cycle = Coordinator.objects.filter(cycle=cycle).values("organisation_id")
    return Organisation.objects.filter(Q(active=True) | Q(pk__in=in_cycle))


def dashboard_for(
    cycle: Cycle, *, columns: list[Provider], category: str = "", not_yet: str = ""
) -> Dashboard:
    """The dashboard of a cycle with the given columns' providers, filtered by organisation
    category and by one "has not yet" column (its key). Active organisations, and any other
    with a coordinator this cycle."""
    coordinators = Coordinator.objects.filter(cycle=cycle).order_by("-is_lead", "name")
    organisations = list(organisations_of(cycle).order_by("name"))
    by_id = {o.pk: o for o in organisations}
    people: dict[int, list[Coordinator]] = {}
    for coordinator in coordinators:
        if coordinator.organisation_id in by_id:
            coordinator.organisation = by_id[coordinator.organisation_id]
            people.setdefault(coordinator.organisation_id, []).append(coordinator)
    columns = [column for provider in columns for column in provider(cycle, organisations)]
    chosen = next((c for c in columns if c.not_yet and c.key == not_yet), None)
    shown = [
        o
        for o in organisations
        if (not category or o.category == category) and (chosen is None or o.pk in chosen.pending)
    ]
    rows = [Row(o, people.get(o.pk, []), [column.cell(o.pk) for column in columns]) for o in shown]
    return Dashboard(cycle, columns, rows, category, chosen, len(organisations))


def organisations_remind(dashboard: Dashboard, *, by=None) -> int:
    """Remind exactly the organisations the dashboard's "has not yet" filter shows, through
    that column's reminder (the one schedule's claim: :func:`arshjul.reminders.remind_now`).
    Returns how many were reminded (a reminder sent before is not sent again, and is not
    counted; a paused kind sends nothing)."""
    if dashboard.not_yet is None or dashboard.not_yet.remind is None:
        raise ValueError(_("Choose what they have not yet done before reminding them."))
    return dashboard.not_yet.remind(dashboard.organisations, by=by)


def _prefetched(organisations: list[Organisation], cycle: Cycle) -> list[Organisation]:
    return list(
        Organisation.objects.filter(pk__in=[o.pk for o in organisations]).prefetch_related(
            Prefetch(
                "coordinators",
                queryset=Coordinator.objects.filter(cycle=cycle),
                to_attr="cycle_coordinators",
            )
        )
    )


def message_dedup_key(cycle: Cycle, coordinator: Coordinator, subject: str, body: str) -> str:
    digest = hashlib.sha256(f"{subject}\n{body}".encode()).hexdigest()[:16]
    return f"staff-message:{cycle.pk}:{coordinator.pk}:{digest}"


def message_send(
    *, cycle: Cycle, organisations: list[Organisation], subject: str, body: str
) -> int:
    """A message staff wrote, to every coordinator this cycle of the given organisations,
    through the outbox. The same message to the same coordinator is queued once (a second
    click sends nothing more). Returns how many e-mails were queued."""
    queued = 0
    for organisation in _prefetched(organisations, cycle):
        for coordinator in organisation.cycle_coordinators:
            mail = message_preview(cycle=cycle, coordinator=coordinator, subject=subject, body=body)
            row = outbox_queue(
                kind="staff_message",
                to=coordinator.email,
                mail=mail,
                dedup_key=message_dedup_key(cycle, coordinator, subject, body),
                about=coordinator,
            )
            queued += row.queued_now
    return queued


def message_preview(*, cycle: Cycle, coordinator: Coordinator | None, subject: str, body: str):
    """The e-mail as a coordinator gets it (for the preview: the first coordinator)."""
    return make_message(
        "staff_message",
        {"cycle": cycle, "coordinator": coordinator, "subject": subject, "body": body},
    )


# How a staff message may open or close on its own: the e-mail adds a greeting by name and
# the organiser's signature itself (templates/emails/staff_message_*), so these would double.
_GREETING = re.compile(
    r"^\s*(hej|hejsan|hallå|god\s+(morgon|dag|eftermiddag|kväll)|bästa|kära|till\s+alla|"
    r"hello|hi|dear)\b",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"\b(hälsningar|hälsning|mvh|vh|regards|best\s+wishes|sincerely)\b",
    re.IGNORECASE,
)


def message_repeats(body: str) -> list[str]:
    """What a staff message says that its e-mail says already: an opening greeting (the
    e-mail opens with "Hej <name>!") or a sign-off (it ends with the organiser's signature).
    Shown with the preview, for staff to decide; the text is sent as they wrote it."""
    lines = [line for line in body.splitlines() if line.strip()]
    repeats = []
    if lines and _GREETING.match(lines[0]):
        repeats.append(
            _(
                "Your text opens with a greeting, and the e-mail already opens with one by "
                "name: each coordinator would be greeted twice. Remove yours, unless you mean it."
            )
        )
    if any(_SIGN_OFF.search(line) for line in lines[-3:]):
        repeats.append(
            _(
                "Your text ends with a sign-off, and the e-mail already ends with the "
                "organiser's signature: it would be signed twice. Remove yours, unless you "
                "mean it."
            )
        )
    return repeats
