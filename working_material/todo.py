"""The organisation page's row for the working material (see arshjul.todo), and the
checklist's "Svara på frågorna i arbetsmaterialet", which ticks itself when every challenge
is done."""

from django.urls import reverse
from django.utils.translation import gettext as _

from arshjul.todo import Task

from . import rules, selectors


def _progress(coordinator):
    """(material, done, started, challenges) — read once a request: the task list and the
    checklist both ask."""
    if "_material_progress" not in coordinator.__dict__:
        coordinator.__dict__["_material_progress"] = _read_progress(coordinator)
    return coordinator.__dict__["_material_progress"]


def _read_progress(coordinator):
    material = selectors.material_for_cycle(coordinator.cycle_id)
    if material is None:
        return None, 0, 0, 0
    answers = selectors.answers_of_organisation(material, coordinator.organisation_id)
    challenges = [item.challenge_id for item in selectors.challenges_of(material)]
    done = sum(1 for c in challenges if answers.get(c) and answers[c].is_done)
    started = sum(1 for c in challenges if answers.get(c) and answers[c].last_saved_at)
    return material, done, started, len(challenges)


def material_tasks(coordinator):
    material, *counts = _progress(coordinator)
    if material is None:
        return
    done, started, total = counts
    if total and done == total:
        state = Task.State.DONE
    elif started or done:
        state = Task.State.IN_PROGRESS
    else:
        state = Task.State.NOT_STARTED
    yield Task(
        title=_("The working material"),
        state=state,
        state_text=_("%(done)d of %(total)d challenges done") % {"done": done, "total": total},
        deadline=material.closes_at,
        deadline_text=rules.deadline_words(material),
        url=reverse("working_material:overview"),
        action_text=_("Answer the working material"),
    )


def material_done(coordinator) -> bool:
    """For the checklist: every challenge of the material is done."""
    material, *counts = _progress(coordinator)
    if material is None:
        return False
    done, _started, total = counts
    return bool(total) and done == total
