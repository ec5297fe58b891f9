from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arshjul.lib.admin_helpers import ReadOnlyHistoryAdmin

from .models import Material, Meeting
from .services import meeting_cancel, meeting_save


class MeetingInline(admin.TabularInline):
    """The cycle's meetings at a glance, on the cycle's page (pages.admin.CycleAdmin); each is
    edited on its own page (where the calendar files learn of the change)."""

    model = Meeting
    extra = 0
    fields = ["title", "kind", "date", "participation", "registration_closes_at", "published"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class MaterialInline(admin.StackedInline):
    model = Material
    extra = 0
    fields = ["kind", "challenge", "title", "description", "file", "url", "published_from"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A meeting's material belongs to the meeting's cycle.
        formset.form.base_fields.pop("cycle", None)
        return formset


class MeetingAdminBase(ReadOnlyHistoryAdmin):
    """A meeting in the admin: its list, its page with the material, cancelling it. Registered
    as :class:`pages.admin.MeetingAdmin`, with the sign-ups' figures, lists and printouts."""

    list_display = [
        "title",
        "kind",
        "date",
        "participation",
        "registration_closes_at",
        "published",
        "cycle",
    ]
    list_filter = ["cycle", "kind", "participation", "published"]
    search_fields = ["title", "summary", "venue_name"]
    date_hierarchy = "date"
    list_select_related = ["cycle"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [MaterialInline]
    fieldsets = [
        (None, {"fields": ["cycle", "kind", "title", "slug", "published"]}),
        (_("About the meeting"), {"fields": ["summary", "description", "audience"]}),
        (
            _("When and where"),
            {
                "fields": [
                    "date",
                    ("starts_at", "ends_at"),
                    "venue_name",
                    "venue_address",
                    "map_url",
                ]
            },
        ),
        (
            _("Taking part"),
            {
                "fields": [
                    "participation",
                    ("registration_opens_at", "registration_closes_at"),
                    ("capacity", "limit_per_organisation"),
                    "has_workshop_groups",
                ]
            },
        ),
        (
            _("Contact person for questions"),
            {"fields": ["contact_name", "contact_email", "contact_phone"]},
        ),
        (_("After the meeting"), {"fields": ["documentation"]}),
    ]

    actions = ["cancel"]

    def save_model(self, request, obj, form, change):
        meeting_save(meeting=obj)

    @admin.action(
        description=_("Cancel the meeting and tell everyone registered"), permissions=["change"]
    )
    def cancel(self, request, queryset):
        count = sum(meeting_cancel(meeting=meeting) for meeting in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d meeting is cancelled; everyone registered is told.",
                "%(count)d meetings are cancelled; everyone registered is told.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    def save_formset(self, request, form, formset, change):
        for material_form in formset.forms:
            if hasattr(material_form.instance, "meeting_id"):
                material_form.instance.cycle_id = form.instance.cycle_id
        super().save_formset(request, form, formset, change)


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "audience", "cycle", "meeting", "published_from"]
    list_filter = ["cycle", "kind", "audience", "challenge"]
    search_fields = ["title", "description"]
    list_select_related = ["cycle", "meeting"]
    autocomplete_fields = ["meeting"]
    fields = ["cycle", "meeting", "audience", "kind", "challenge", "title", "description"]
    fields += ["file", "url"]
    fields += ["published_from"]
