"""The admin classes that combine apps, each registered once, here: a cycle with its meetings
and its overview, a coordinator with the sign-in link, a meeting with its participants. Each
app declares its part where its model lives (a base, an inline, a mixin); every other model's
admin is registered in its own app."""

from django.contrib import admin

from arshjul.admin import CoordinatorAdminBase, CycleAdminBase
from arshjul.models import Coordinator, Cycle
from meetings.admin import MeetingAdminBase, MeetingInline
from meetings.models import Meeting
from registrations.admin import MeetingParticipants, SignInLinkActions
from workshops.admin import NotesClosingInline

from . import cycle, overview


@admin.register(Cycle)
class CycleAdmin(CycleAdminBase):
    inlines = [*CycleAdminBase.inlines, MeetingInline]
    overview_shows = overview.OVERVIEW
    copy = staticmethod(cycle.cycle_copy_to_next_year)  # with the meetings and the surveys


@admin.register(Coordinator)
class CoordinatorAdmin(SignInLinkActions, CoordinatorAdminBase):
    pass


@admin.register(Meeting)
class MeetingAdmin(MeetingParticipants, MeetingAdminBase):
    inlines = [*MeetingAdminBase.inlines, NotesClosingInline]  # the workshop notes' closing
    list_display = [
        *MeetingAdminBase.list_display[:4],
        "registered",
        "waiting",
        *MeetingAdminBase.list_display[4:],
    ]
