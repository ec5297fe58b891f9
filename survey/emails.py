"""The survey's e-mails to a leadership group, all through the outbox."""

import uuid

from arshjul.lib.emails import make_message
from arshjul.lib.outbox import outbox_queue

from .models import Response


def survey_link(response: Response, *, url: str, reminder=None, progress=None, sending: str = ""):
    """The group's personal link (each sending is a new e-mail, once per ``sending``: the key
    of the staff's confirmation); or, with a :class:`arshjul.reminders.Reminder`, the
    reminder of the days left, saying what is still missing (``progress``: how many
    required questions there are, and how many lack an answer)."""
    name = "survey_reminder" if reminder is not None else "survey_link"
    context = {
        "response": response,
        "survey": response.survey,
        "group": response.group,
        "organisation": response.group.organisation,
        "url": url,
        "deadline": response.deadline,
        "days": reminder.days_left if reminder is not None else None,
        **(progress or {}),
    }
    return outbox_queue(
        kind=name,
        to=response.group.contact_email,
        mail=make_message(name, context),
        dedup_key=reminder.outbox_key("response", response.pk)
        if reminder is not None
        else f"survey-response:{response.pk}:link:{sending or uuid.uuid4()}",
        about=response,
    )


def survey_submitted(response: Response, *, receipt_url: str):
    """To the group's contact: the response is in, and where its receipt is."""
    context = {
        "response": response,
        "survey": response.survey,
        "group": response.group,
        "receipt_url": receipt_url,
    }
    return outbox_queue(
        kind="survey_submitted",
        to=response.group.contact_email,
        mail=make_message("survey_submitted", context),
        dedup_key=f"survey-response:{response.pk}:submitted:{response.submitted_at.isoformat()}",
        about=response,
    )
