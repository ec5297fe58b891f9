"""The cycle's overview (:mod:`arshjul.dashboard`) as staff read it, kept in the shared cache.

With 200 organisations the overview reads every app's rows, and its table and its upcoming
reminders are long to make: each staff reader would make the very same ones again. Both are
kept under the *version of the data* (:func:`arshjul.lib.page_cache.versions_of` over every
model of the project's apps, since its columns come from many apps and its reminders from
their schedules): any saved or deleted row makes them anew at the next look. Only what is
read is taken from the cache: reminding and writing always work on the rows as they are.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from . import dashboard, reminders
from .lib.page_cache import tracked_labels, versions_of
from .models import Cycle, ReminderPause

# The upcoming reminders change with the clock as well as with the rows (a reminder's moment
# passes): kept at most this long, and never past the first one still to come.
REMINDERS_LONGEST = datetime.timedelta(minutes=10)
# What is kept is made again at least this often, whatever the versions say.
LONGEST_SECONDS = 24 * 60 * 60


def data_version() -> str:
    """Changes whenever a row of the project's models is saved or deleted (one cache read)."""
    return versions_of(tracked_labels())


def _key(what: str, version: str, *parts) -> str:
    # The version string is long (one number per model): its digest is enough.
    digest = hashlib.sha256(version.encode()).hexdigest()[:24]
    return ":".join(["overview", what, digest, get_language() or "", *map(str, parts)])


def summary_read(cycle: Cycle, chosen: dict, *, version: str, board) -> dashboard.Summary:
    """The overview's :class:`~arshjul.dashboard.Summary` for these filters, from the cache
    while the data has not changed since it was made (in this language); ``board`` makes the
    dashboard when it is not (a lazy object: made only then)."""
    key = _key("summary", version, cycle.pk, chosen["category"], chosen["not_yet"])
    summary = cache.get(key)
    if summary is None:
        summary = dashboard.summary_of(board)
        cache.set(key, summary, timeout=LONGEST_SECONDS)
    return summary


def table_key(cycle: Cycle, chosen: dict, version: str) -> str:
    """What the overview's rendered table is kept under (its template's fragment cache)."""
    return _key("table", version, cycle.pk, chosen["category"], chosen["not_yet"])


@dataclass(frozen=True)
class _Kept:
    kind_name: str
    upcoming: list


def upcoming_read(cycle: Cycle, *, version: str | None = None) -> list[reminders.KindPlan]:
    """:func:`arshjul.reminders.upcoming`, from the cache while the data has not changed and
    none of the reminders listed has become due (at most :data:`REMINDERS_LONGEST`). The
    pauses are read as they are (one query)."""
    version = version if version is not None else data_version()
    key = _key("reminders", version, cycle.pk)
    kept = cache.get(key)
    if kept is None:
        now = timezone.now()
        plans = reminders.upcoming(cycle, now=now)
        until = plans_change_at(plans, now=now)
        kept = [_Kept(plan.kind.name, plan.upcoming) for plan in plans]
        seconds = int((until - now).total_seconds())
        if seconds > 0:
            cache.set(key, kept, timeout=seconds)
        return plans
    pauses = {
        pause.kind: pause
        for pause in ReminderPause.objects.filter(cycle=cycle).select_related("paused_by")
    }
    return [
        reminders.KindPlan(
            reminders.kinds.get(item.kind_name),
            reminders.marks(item.kind_name),
            pauses.get(item.kind_name),
            item.upcoming,
        )
        for item in kept
    ]


def plans_change_at(plans: list[reminders.KindPlan], *, now=None) -> datetime.datetime:
    """When the upcoming reminders may read otherwise with no row changed: when the first
    of them is due, or after :data:`REMINDERS_LONGEST` at the latest."""
    until = (now or timezone.now()) + REMINDERS_LONGEST
    for plan in plans:
        for row in plan.upcoming:
            until = min(until, row.moment)
    return until
