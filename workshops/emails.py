"""The workshop notes' e-mail: a scribe's personal link, through the outbox."""

import uuid

from arshjul.lib.emails import make_message
from arshjul.lib.outbox import outbox_queue

from . import rules
from .models import Scribe


def workshop_link(scribe: Scribe, *, url: str, sending: str = ""):
    """The scribe's personal link to the group's notes (each sending a new e-mail, once per
    ``sending``)."""
    notes = scribe.notes
    context = {
        "scribe": scribe,
        "notes": notes,
        "meeting": notes.meeting,
        "challenge": notes.challenge,
        "url": url,
        "closing_day": rules.closing_day(notes.meeting),
    }
    return outbox_queue(
        kind="workshop_link",
        to=scribe.email,
        mail=make_message("workshop_link", context),
        dedup_key=f"workshop-scribe:{scribe.pk}:link:{sending or uuid.uuid4()}",
        about=scribe,
    )
