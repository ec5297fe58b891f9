"""What sign-ups add to a meeting's page (see meetings.pages): how to take part, and the
call to act while one can — sign in as coordinator, register, or answer an invitation —
and nothing to act on once one cannot."""

from django.db.models import Count

from arshjul.cycle_pages import Part

from .models import Participant


def take_part(meeting, window):
    yield Part("registrations/includes/take_part.html", {"meeting": meeting, "window": window})


def places_taken(meetings) -> dict[int, int]:
    """Confirmed places per meeting, in one query (the meetings' occupancy counter)."""
    counts = (
        Participant.objects.confirmed()
        .filter(meeting__in=meetings)
        .values("meeting_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["meeting_id"]: row["n"] for row in counts}
