from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import JoinRequest, Participant
from .services import Person


class ParticipantAdminForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = [
            "meeting", "organisation", "name", "email", "role", "workshop_group",
            "accessibility_needs", "dietary_needs", "dietary_consent", "comment",
        ]  # fmt: skip

    def clean(self):
        data = super().clean()
        meeting = data.get("meeting") or getattr(self.instance, "meeting", None)
        if meeting and meeting.has_workshop_groups and not data.get("workshop_group"):
            self.add_error("workshop_group", _("Choose a workshop group."))
        return data


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    """Staff may always act (the deadline does not bind them); capacity still does, so a
    participant added beyond it goes to the waiting list."""

    form = ParticipantAdminForm
    list_display = [
        "name",
        "email",
        "organisation",
        "meeting",
        "status",
        "workshop_group",
        "queued_at",
    ]
    list_filter = ["meeting", "status", "organisation__category", "workshop_group"]
    search_fields = ["name", "email", "organisation__name"]
    list_select_related = ["organisation", "meeting", "workshop_group"]
    autocomplete_fields = ["organisation"]
    actions = ["cancel"]
    readonly_fields = ["status", "queued_at", "cancelled_at", "replaces"]
    fields = [
        "meeting", "organisation", "name", "email", "role", "workshop_group",
        "accessibility_needs", "dietary_needs", "dietary_consent", "comment",
        "status", "queued_at", "cancelled_at", "replaces",
    ]  # fmt: skip

    def has_delete_permission(self, request, obj=None):
        return False  # cancel instead: the freed place goes to the next in line

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + ["meeting", "organisation"] if obj else fields

    def _person(self, form) -> Person:
        data = form.cleaned_data
        return Person(**{k: v for k, v in data.items() if k in Person.__dataclass_fields__})

    def save_model(self, request, obj, form, change):
        try:
            if change:
                services.participant_update(
                    participant=obj, person=self._person(form), by_staff=True
                )
            else:
                [created] = services.participants_register(
                    meeting=obj.meeting, organisation=obj.organisation,
                    people=[self._person(form)], by_staff=True,
                )  # fmt: skip
                obj.pk, obj.status = created.pk, created.status
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            raise

    @admin.action(description=_("Cancel the selected participants"))
    def cancel(self, request, queryset):
        promoted = []
        for participant in queryset.active():
            promoted += services.participant_cancel(participant=participant, by_staff=True)
        self.message_user(
            request,
            ngettext(
                "Cancelled. %(count)d person on the waiting list got a place.",
                "Cancelled. %(count)d people on the waiting list got a place.",
                len(promoted),
            )
            % {"count": len(promoted)},
        )


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = [
        "organisation_name",
        "category",
        "coordinator_name",
        "coordinator_email",
        "cycle",
        "status",
        "created_at",
    ]
    list_filter = ["status", "cycle", "category"]
    search_fields = ["organisation_name", "coordinator_name", "coordinator_email"]
    readonly_fields = ["status", "organisation", "created_at", "decided_at"]
    actions = ["approve", "decline"]

    @admin.action(description=_("Approve: add the organisation and its coordinator"))
    def approve(self, request, queryset):
        done = 0
        for join_request in queryset.filter(status=JoinRequest.Status.PENDING):
            try:
                services.join_request_approve(join_request=join_request)
                done += 1
            except ValidationError as error:
                self.message_user(
                    request, f"{join_request}: {' '.join(error.messages)}", messages.ERROR
                )
        self.message_user(
            request,
            ngettext("%(count)d request approved; the coordinator is told.",
                     "%(count)d requests approved; the coordinators are told.", done)
            % {"count": done},
        )  # fmt: skip

    @admin.action(description=_("Decline"))
    def decline(self, request, queryset):
        count = 0
        for join_request in queryset.filter(status=JoinRequest.Status.PENDING):
            services.join_request_decline(join_request=join_request)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d request declined.", "%(count)d requests declined.", count)
            % {"count": count},
        )
