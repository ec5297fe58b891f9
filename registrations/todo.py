"""The organisation page's row for registering participants (see arshjul.todo)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arshjul.todo import Task

from . import selectors
from .window import registration_window


def participant_tasks(coordinator):
    meetings = selectors.meetings_for_coordinator(coordinator)
    participants = selectors.participants_of(coordinator, meetings)
    for meeting in meetings:
        count = len(participants[meeting.pk])
        window = registration_window(meeting)
        if count == 0:
            state, text = Task.State.NOT_STARTED, _("No participants registered yet")
        else:
            state = Task.State.IN_PROGRESS if window.is_open else Task.State.DONE
            text = ngettext(
                "%(count)d participant registered", "%(count)d participants registered", count
            ) % {"count": count}
        yield Task(
            title=_("Participants for: %(meeting)s") % {"meeting": meeting.title},
            state=state,
            state_text=text,
            deadline=window.closes_at,
            deadline_text=window.words(),
            url=reverse("organisation") + f"#meeting-{meeting.pk}",
            action_text=_("Register participants"),
        )
