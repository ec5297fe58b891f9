from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import services
from .lib import background_admin, pdf_jobs  # noqa: F401 - background_admin registers
from .lib.staff_login import StaffLoginForm
from .models import Challenge, Coordinator, Cycle, CycleChallenge, Organisation, Strategy

admin.site.site_header = _("Årshjul — administration")
admin.site.site_title = _("Årshjul")
admin.site.index_title = _("The annual cycle")
admin.site.login_form = StaffLoginForm


class CycleChallengeInline(admin.TabularInline):
    model = CycleChallenge
    extra = 0
    autocomplete_fields = ["challenge"]


class CoordinatorInline(admin.TabularInline):
    model = Coordinator
    extra = 0
    fields = ["cycle", "name", "email", "phone"]


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["name", "organiser", "vision"]
    search_fields = ["name"]
    autocomplete_fields = ["organiser"]


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "status", "strategy", "challenge_count", "coordinator_count"]
    list_filter = ["status", "strategy"]
    search_fields = ["name"]
    inlines = [CycleChallengeInline]  # apps add theirs (meetings/admin.py)
    actions = ["copy_to_next_year", "make_coordinator_list"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("strategy")
            .annotate(
                n_challenges=Count("cycle_challenges", distinct=True),
                n_coordinators=Count("coordinators", distinct=True),
            )
        )

    @admin.display(description=_("focus challenges"), ordering="n_challenges")
    def challenge_count(self, obj):
        return obj.n_challenges

    @admin.display(description=_("coordinators"), ordering="n_coordinators")
    def coordinator_count(self, obj):
        return obj.n_coordinators

    def has_make_pdf_permission(self, request):
        return request.user.has_perm("arshjul.add_pdfjob")

    @admin.action(description=_("Copy the cycle to the next year"), permissions=["add"])
    def copy_to_next_year(self, request, queryset):
        for cycle in queryset.order_by("year"):
            try:
                copy = services.cycle_copy_to_next_year(cycle=cycle)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            self.message_user(
                request,
                format_html(
                    gettext(
                        "{cycle} is copied to {copy}, unpublished: check the dates and "
                        'publish it. <a href="{url}">Open {copy}</a>'
                    ),
                    cycle=cycle.name,
                    copy=copy.name,
                    url=reverse("admin:arshjul_cycle_change", args=[copy.pk]),
                ),
                messages.SUCCESS,
            )

    @admin.action(description=_("Make a PDF of the coordinators"), permissions=["make_pdf"])
    def make_coordinator_list(self, request, queryset):
        jobs = [
            pdf_jobs.pdf_job_start(
                kind="coordinator_list", parameters={"cycle_id": cycle.pk}, user=request.user
            )
            for cycle in queryset
        ]
        self.message_user(
            request,
            ngettext("%(count)d PDF is being made.", "%(count)d PDFs are being made.", len(jobs))
            % {"count": len(jobs)},
            messages.SUCCESS,
        )
        if len(jobs) == 1:
            return redirect("admin:arshjul_pdfjob_change", jobs[0].pk)
        return redirect("admin:arshjul_pdfjob_changelist")


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["name", "description"]
    search_fields = ["name", "description"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "municipality_code", "contact_email", "active"]
    list_filter = ["category", "active"]
    search_fields = ["name", "municipality_code", "contact_email"]
    list_editable = ["active"]
    inlines = [CoordinatorInline]


@admin.register(Coordinator)
class CoordinatorAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "cycle", "email", "phone", "is_lead"]
    list_filter = ["cycle", "organisation__category", "is_lead"]
    search_fields = ["name", "email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation", "cycle"]
    exclude = ["checklist"]
