"""Staff's overview of a cycle (Årshjul → a cycle → "Översikt"): one row per organisation and
these columns, in order, each from the app it belongs to; then the lists and printouts."""

from arshjul.dashboard import Overview
from arshjul.dashboard_admin import organisation_downloads
from registrations.dashboard import invitation_columns, participant_columns
from registrations.staff_lists import meeting_downloads
from survey.dashboard import survey_columns
from working_material.dashboard import material_columns

OVERVIEW = Overview(
    columns=[
        participant_columns,  # per meeting coordinators register for: confirmed / waiting
        invitation_columns,  # per invitation-only meeting: the answers
        survey_columns,  # the leadership survey: groups that have submitted
        material_columns,  # the working material: done, begun, not begun
    ],
    downloads=[
        organisation_downloads,  # organisations and their coordinators
        meeting_downloads,  # per meeting: participants, caterer's counts, printouts
    ],
)
