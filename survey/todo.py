"""The organisation page's rows for the leadership survey (see arshjul.todo): one per group,
saying how far it has come; or a call to add the organisation's group."""

from django.urls import reverse
from django.utils.translation import gettext as _

from arshjul import deadlines
from arshjul.todo import Task

from . import rules, selectors


def survey_tasks(coordinator):
    surveys = selectors.surveys_for_cycle(coordinator.cycle_id)
    if not surveys:
        return
    groups = selectors.groups_with_responses(coordinator.organisation_id, surveys)
    url = reverse("survey:groups")
    for survey in surveys:
        if not groups:
            window = rules.survey_window(survey)
            yield Task(
                title=_("%(survey)s: add your leadership group") % {"survey": survey.title},
                state=Task.State.NOT_STARTED,
                state_text=_("No leadership group added yet"),
                deadline=window.closes_at,
                deadline_text=window.words(),
                url=url,
                action_text=_("Add a leadership group"),
            )
        for group in groups:
            response = group.responses_by_survey.get(survey.pk)
            window = rules.survey_window(survey, response=response)
            state, text = _state(response)
            yield Task(
                title=_("%(survey)s: %(group)s") % {"survey": survey.title, "group": group.name},
                state=state,
                state_text=text,
                deadline=window.closes_at,
                deadline_text=window.words(),
                url=f"{url}#group-{group.pk}",
                action_text=_("Send the link") if state == Task.State.NOT_STARTED else "",
            )


def _state(response):
    if response is None or response.link_sent_at is None:
        return Task.State.NOT_STARTED, _("The link is not sent yet")
    if response.is_submitted:
        return Task.State.DONE, _("Submitted %(date)s") % {
            "date": deadlines.day_words(response.submitted_at)
        }
    if response.started_at is None:
        return Task.State.NOT_STARTED, _("Link sent %(date)s, not started") % {
            "date": deadlines.day_words(response.link_sent_at)
        }
    return Task.State.IN_PROGRESS, _("Started, last saved %(date)s") % {
        "date": deadlines.day_words(response.last_saved_at)
    }
