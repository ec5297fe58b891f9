"""A coordinator's page, "Min organisation": what the organisation has to do this cycle, in
order, each from the app it belongs to; and the checklist items the data ticks."""

from arshjul.todo import Task
from registrations.todo import participant_tasks
from registrations.views import COORDINATOR_PAGES
from survey.todo import survey_tasks
from working_material.todo import material_done, material_tasks

MATERIAL = ["working_material.WorkingMaterial", "working_material.GuidingQuestions"]

# The task list, in order, with the models each task is made from.
TASKS = [
    (participant_tasks, ["meetings.Meeting", "registrations.Participant"]),  # sign-ups
    (survey_tasks, ["survey.Survey", "survey.LeadershipGroup", "survey.Response"]),
    (material_tasks, [*MATERIAL, "working_material.Answer"]),  # the working material
]

# Checklist items another app knows to be done (the sign-ups' own tick themselves).
TICKED = {"working_material": material_done}

DEPENDS_ON = [*COORDINATOR_PAGES, *(model for _provider, models in TASKS for model in models)]


def tasks(coordinator) -> list[Task]:
    return [task for provider, _models in TASKS for task in provider(coordinator)]


def ticked(coordinator) -> dict[str, bool]:
    return {key: bool(done(coordinator)) for key, done in TICKED.items()}
