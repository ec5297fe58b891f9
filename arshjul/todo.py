"""What an organisation has to do in a cycle, for its coordinator's page.

Like the wheel, apps contribute through one small interface: a *provider* takes the
coordinator (an organisation in a cycle) and yields :class:`Task` rows — participants for the
work meeting now; the working material and the leadership survey in later issues.
"""

import datetime
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .lib.registry import Registry


@dataclass(frozen=True)
class Task:
    class State(enum.StrEnum):
        NOT_STARTED = "not_started"
        IN_PROGRESS = "in_progress"
        DONE = "done"

    title: str
    state: State
    state_text: str  # e.g. "3 anmälda"
    deadline: datetime.datetime | None = None
    deadline_text: str = ""  # e.g. "8 dagar kvar"
    url: str = ""
    action_text: str = ""


Provider = Callable[[object], Iterable[Task]]
providers = Registry("provider of an organisation's tasks")


def tasks_for(coordinator) -> list[Task]:
    return [task for provider in providers for task in provider(coordinator)]
