"""The admin classes that combine apps, each registered once, here: a cycle with its meetings
and its overview, a coordinator with the sign-in link, a meeting with its participants. Each
app declares its part where its model lives (a base, an inline, a mixin); every other model's
admin is registered in its own app."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from arshjul.admin import CoordinatorAdminBase, CycleAdminBase
from arshjul.models import Coordinator, Cycle
from indicators import admin as indicators_admin
from indicators.admin import AnalysisSectionInline
from indicators.models import StatusAnalysis
from meetings.admin import MeetingAdminBase, MeetingInline
from meetings.models import Meeting
from registrations.admin import MeetingParticipants, SignInLinkActions
from situation import compile
from situation.models import Picture
from situation.network import challenge_context
from workshops.admin import NotesClosingInline, NotesForEveryGroup

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
class MeetingAdmin(MeetingParticipants, NotesForEveryGroup, MeetingAdminBase):
    inlines = [*MeetingAdminBase.inlines, NotesClosingInline]  # the workshop notes' closing
    actions = [*MeetingAdminBase.actions, "make_workshop_notes"]
    list_display = [
        *MeetingAdminBase.list_display[:4],
        "registered",
        "waiting",
        *MeetingAdminBase.list_display[4:],
    ]


class SectionWithPicture(AnalysisSectionInline):
    """A section of the analysis with its challenge's lägesbild beside the text: the final
    analysis is written with it at hand."""

    fields = ["position", "challenge", "title", ("text", "lagesbild"), "indicators"]
    readonly_fields = ["lagesbild"]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_formset(self, request, obj=None, **kwargs):
        # One lägesbild for every section (computed once a request; the published one if it
        # is published).
        self.picture_data = compile.current(obj.cycle) if obj is not None else None
        self.picture_row = Picture.objects.filter(cycle=obj.cycle).first() if obj else None
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description=_("lägesbild"))
    def lagesbild(self, section):
        data = getattr(self, "picture_data", None)
        challenge = compile.challenge_of(data, section.challenge_id) if data else None
        if challenge is None:
            return _("The section's focus challenge has no lägesbild (choose one and save).")
        context = {
            **challenge_context(data, challenge, contacts=True),
            "picture": self.picture_row,
        }
        return render_to_string("admin/situation/picture/beside.html", context)


@admin.register(StatusAnalysis)
class StatusAnalysisAdmin(indicators_admin.StatusAnalysisAdmin):
    inlines = [SectionWithPicture]
