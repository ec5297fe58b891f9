"""What an organisation has to do in a cycle, for its coordinator's page: a :class:`Task` per
thing, made by the app it belongs to from the coordinator (an organisation in a cycle). Which
apps' tasks the page lists, in order, is said in :mod:`pages.organisation`.
"""

import datetime
import enum
from dataclasses import dataclass


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
