"""A meeting's page and the list of a cycle's meetings: the meeting (meetings), where its
registration stands (registrations' window), its material (meetings) and, in order, what
other apps add under it."""

from registrations.page_parts import take_part

# Under the meeting's facts: how to take part, and the call to act while one can.
PARTS = [take_part]

# What the pages are made of: the meetings, their material, their cycle, the places taken.
DEPENDS_ON = [
    "meetings.Meeting",
    "meetings.Material",
    "arshjul.Cycle",
    "arshjul.CycleChallenge",
    "arshjul.Challenge",
    "arshjul.Strategy",
    "registrations.Participant",
]


def parts(meeting, window) -> list:
    return [part for provider in PARTS for part in provider(meeting, window)]
