from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import coordinators, dashboard, dashboard_admin, region, services
from .forms import CarryOverForm, IdentityForm
from .lib import (  # noqa: F401 - background_admin registers
    background_admin,
    confirm,
    imports,
    pdf_jobs,
)
from .lib.admin_helpers import ReadOnlyHistoryAdmin, pdf_jobs_followed
from .lib.forms import error_words
from .lib.staff_login import StaffLoginForm
from .models import (
    Challenge,
    Coordinator,
    Cycle,
    CycleChallenge,
    Identity,
    Organisation,
    Strategy,
)

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


class CycleAdminBase(admin.ModelAdmin):
    """A cycle in the admin: its list, its copy to next year, the next-year question, the
    coordinators' PDF and its overview. Registered as :class:`pages.admin.CycleAdmin`, which
    adds the meetings and says what the overview shows and what a copy takes along."""

    overview_shows: dashboard.Overview | None = None  # what the overview shows (pages.overview)
    copy = staticmethod(services.cycle_copy_to_next_year)  # the copy, with what it takes
    list_display = [
        "name",
        "year",
        "status",
        "strategy",
        "challenge_count",
        "coordinator_count",
        "overview",
    ]
    list_filter = ["status", "strategy"]
    search_fields = ["name"]
    inlines = [CycleChallengeInline]
    actions = ["copy_to_next_year", "ask_coordinators", "make_coordinator_list"]

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

    @admin.display(description=_("overview"))
    def overview(self, obj):
        url = reverse("admin:arshjul_cycle_dashboard", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Overview"))

    @admin.action(description=_("Copy the cycle to the next year"), permissions=["add"])
    def copy_to_next_year(self, request, queryset):
        """Copying asks first which coordinators go with it (one cycle at a time)."""
        if queryset.count() != 1:
            self.message_user(request, gettext("Copy one cycle at a time."), messages.WARNING)
            return None
        return redirect("admin:arshjul_cycle_copy", queryset.get().pk)

    def has_ask_permission(self, request):
        return request.user.has_perm("arshjul.change_coordinator")

    @admin.action(
        description=_("Ask the carried-over coordinators whether they go on"),
        permissions=["ask"],
    )
    def ask_coordinators(self, request, queryset):
        """The next-year question, to those carried over into the chosen cycle and not asked
        yet: first how many and the e-mail, then, confirmed, sent (each coordinator once)."""
        if queryset.count() != 1:
            self.message_user(request, gettext("Ask for one cycle at a time."), messages.WARNING)
            return None
        cycle = queryset.get()

        def confirmation(once):
            rehearsal = confirm.rehearse(lambda: coordinators.coordinators_ask(cycle=cycle))
            if not rehearsal.count:
                self.message_user(
                    request,
                    gettext(
                        "Nobody to ask in %(cycle)s: every coordinator carried over into it "
                        "has been asked already, or none was."
                    )
                    % {"cycle": cycle.name},
                    messages.WARNING,
                )
                return None
            return confirm.Confirmation(
                title=gettext("Ask the coordinators of %(cycle)s whether they go on")
                % {"cycle": cycle.name},
                lead=[
                    ngettext(
                        "%(count)d coordinator carried over into %(cycle)s gets this e-mail, "
                        "with a personal link to confirm or to name who takes over.",
                        "%(count)d coordinators carried over into %(cycle)s get this e-mail, "
                        "each with a personal link to confirm or to name who takes over.",
                        rehearsal.count,
                    )
                    % {"count": rehearsal.count, "cycle": cycle.name},
                    gettext("Each is asked once: nobody gets the question twice."),
                ],
                button=ngettext(
                    "Ask %(count)d coordinator", "Ask %(count)d coordinators", rehearsal.count
                )
                % {"count": rehearsal.count},
                rehearsal=rehearsal,
            )

        def act(once):
            asked = coordinators.coordinators_ask(cycle=cycle)
            self.message_user(
                request,
                ngettext(
                    "%(count)d coordinator is asked whether they go on.",
                    "%(count)d coordinators are asked whether they go on.",
                    asked,
                )
                % {"count": asked},
                messages.SUCCESS if asked else messages.WARNING,
            )

        return confirm.action_confirmed(self, request, queryset, confirmation=confirmation, act=act)

    def copy_view(self, request, cycle_id: int):
        if not self.has_add_permission(request):
            raise PermissionDenied
        cycle = get_object_or_404(Cycle, pk=cycle_id)
        if request.method != "POST":
            everyone = CarryOverForm(cycle=cycle).fields["coordinators"].queryset
            form = CarryOverForm(cycle=cycle, initial={"coordinators": everyone})
        else:
            form = CarryOverForm(request.POST, cycle=cycle)
        if form.is_bound and form.is_valid():
            chosen = list(form.cleaned_data["coordinators"])
            try:
                copy = self.copy(cycle=cycle, coordinators=chosen)
            except ValidationError as error:
                self.message_user(request, error_words(error), messages.ERROR)
                return redirect("admin:arshjul_cycle_changelist")
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
            if chosen:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d coordinator is carried over. Nobody has been mailed: when "
                        "%(copy)s is ready, select it here and choose “Ask the carried-over "
                        "coordinators whether they go on” (you see the e-mail first).",
                        "%(count)d coordinators are carried over. Nobody has been mailed: when "
                        "%(copy)s is ready, select it here and choose “Ask the carried-over "
                        "coordinators whether they go on” (you see the e-mail first).",
                        len(chosen),
                    )
                    % {"count": len(chosen), "copy": copy.name},
                    messages.SUCCESS,
                )
            return redirect("admin:arshjul_cycle_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Copy %(cycle)s to the next year") % {"cycle": cycle.name},
            "cycle": cycle,
            "form": form,
        }
        return TemplateResponse(request, "admin/arshjul/cycle/copy.html", context)

    def coordinators_pdf_view(self, request, cycle_id: int):
        if request.method != "POST":
            return redirect("admin:arshjul_cycle_dashboard", cycle_id)
        if not self.has_make_pdf_permission(request):
            raise PermissionDenied
        cycle = get_object_or_404(Cycle, pk=cycle_id)
        job = pdf_jobs.pdf_job_start(
            kind="coordinator_list", parameters={"cycle_id": cycle.pk}, user=request.user
        )
        return pdf_jobs_followed([job])

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:cycle_id>/oversikt/",
                view(partial(dashboard_admin.dashboard_view, self, overview=self.overview_shows)),
                name="arshjul_cycle_dashboard",
            ),
            path(
                "<int:cycle_id>/organisationer.<str:fmt>",
                view(partial(dashboard_admin.organisations_export, self)),
                name="arshjul_cycle_organisations_export",
            ),
            path(
                "<int:cycle_id>/samordnare-pdf/",
                view(self.coordinators_pdf_view),
                name="arshjul_cycle_coordinators_pdf",
            ),
            path("<int:cycle_id>/kopiera/", view(self.copy_view), name="arshjul_cycle_copy"),
            *super().get_urls(),
        ]

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
        return pdf_jobs_followed(jobs)


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["name", "description"]
    search_fields = ["name", "description"]


class RegionUploadForm(imports.UploadForm):
    kind = forms.ChoiceField(label=_("What the file holds"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (kind.name, f"{kind.label} ({kind.name}.csv)") for kind in region.region_files()
        ]

    def region_file(self) -> region.RegionFile:
        return region.files.get(self.cleaned_data["kind"])


def _region_rows(form, name, content):
    kind = form.region_file()
    return kind.check(imports.read_rows(name, content, columns=kind.columns))


def _region_saved(form, rows) -> str:
    count = form.region_file().save(rows)
    return ngettext("%(count)d row is read in.", "%(count)d rows are read in.", count) % {
        "count": count
    }


REGION_IMPORT = imports.Import(
    title=_("Read in the region's files"),
    intro=_(
        "One of the region's files (see examples/ and the README): organisations, the "
        "organiser and strategy, cycles, meetings, geographies, areas of effort, goals, "
        "indicators or values. Read them in that order; a row naming something already "
        "there updates it. To load all files at once: manage.py load_region <folder>."
    ),
    upload_form=RegionUploadForm,
    check=_region_rows,
    save=_region_saved,
    done_url=lambda form: reverse("admin:arshjul_organisation_changelist"),
    submit_label=lambda count: (
        ngettext("Read in %(count)d row", "Read in %(count)d rows", count) % {"count": count}
    ),
)


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["name", "category", "municipality_code", "contact_email", "active"]
    list_filter = ["category", "active"]
    search_fields = ["name", "municipality_code", "contact_email"]
    list_editable = ["active"]
    inlines = [CoordinatorInline]
    change_list_template = "admin/arshjul/organisation/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.region_import_view)
        return [path("region/", view, name="arshjul_region_import"), *super().get_urls()]

    def region_import_view(self, request):
        """A region's set-up, one file at a time, as every import works (arshjul.region)."""
        return imports.import_view(self, request, REGION_IMPORT)


class CoordinatorAdminBase(ReadOnlyHistoryAdmin):
    """A cycle's coordinators. Registered as :class:`pages.admin.CoordinatorAdmin`, with the
    sign-ups' action that sends a sign-in link."""

    list_display = ["name", "organisation", "cycle", "email", "phone", "is_lead", "confirmed_at"]
    list_filter = ["cycle", "organisation__category", "is_lead"]
    search_fields = ["name", "email", "organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation", "cycle"]
    exclude = ["checklist"]
    readonly_fields = ["confirmation_asked_at", "confirmed_at"]


@admin.register(Identity)
class IdentityAdmin(admin.ModelAdmin):
    """The site's one identity: the list goes straight to it (or to adding it, once)."""

    form = IdentityForm
    readonly_fields = ["logo_preview"]

    class Media:
        css = {"all": ["css/admin.css"]}

    fieldsets = [
        (None, {"fields": ["organiser_name", "logo_preview", "logo_file", "remove_logo"]}),
        (_("Colour"), {"fields": ["accent_colour"]}),
        (
            _("Contact, in the footer"),
            {"fields": ["contact_name", "contact_email", "contact_phone", "address"]},
        ),
        (_("E-mail"), {"fields": ["mail_signature", "reply_to"]}),
        (_("The wheel on other sites"), {"fields": ["embed_origins"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Identity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        found = Identity.objects.order_by("pk").first()
        if found is not None:
            return redirect("admin:arshjul_identity_change", found.pk)
        if self.has_add_permission(request):
            return redirect("admin:arshjul_identity_add")
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("current logo"))
    def logo_preview(self, obj):
        if not obj or not obj.logo:
            return gettext("No logo.")
        url = reverse("identity-logo") + f"?v={int(obj.updated_at.timestamp())}"
        return format_html(
            '<img src="{}" alt="{}" class="identity-logo-preview">', url, gettext("The logo")
        )
