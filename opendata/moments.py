"""When public data changes by itself: a document or a survey's results published from a
later moment appear at that moment, with no row saved then. An answer that shows them says
so (:func:`arshjul.lib.page_cache.valid_until`), and the shared cache makes it anew then."""

from django.db.models import Min
from django.utils import timezone


def next_moment(queryset, field: str):
    """The earliest moment in ``field`` of ``queryset``'s rows that is still ahead, or None
    (one query)."""
    return (
        queryset.filter(**{f"{field}__gt": timezone.now()})
        .order_by()
        .aggregate(first=Min(field))["first"]
    )


def earliest(*moments):
    """The earliest of the moments given, leaving out None."""
    found = [m for m in moments if m is not None]
    return min(found) if found else None
