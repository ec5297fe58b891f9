"""The survey's e-mails to a leadership group, all through the outbox."""

import uuid

from arshjul.lib.emails import make_message
from arshjul.lib.outbox import outbox_queue

from .models import Response


def survey_link(
    response: Response, *, url: str, reminder_days: int | None = None, sending: str = ""
):
    """The group's personal link (each sending is a new e-mail, once per ``sending``: the key
    of the staff's confirmation); or, with ``reminder_days``, the reminder that many days
    before the deadline (once each)."""
    name = "survey_reminder" if reminder_days is not None else "survey_link"
    context = {
        "response": response,
        "survey": response.survey,
        "group": response.group,
        "url": url,
        "deadline": response.deadline,
    }
    once = f"survey-response:{response.pk}:reminder:{reminder_days}"
    return outbox_queue(
        kind=name,
        to=response.group.contact_email,
        mail=make_message(name, context),
        dedup_key=once
        if reminder_days is not None
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
