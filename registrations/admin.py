from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from arshjul.lib.admin_helpers import DomainErrorsAdminMixin
from arshjul.lib.validators import normalise_email
from arshjul.models import Coordinator

from . import services, signin
from .errors import RegistrationError
from .models import JoinRequest, Participant
from .participants import NEEDS_FIELDS, PERSON_FIELDS, Person

NEEDS_PERMISSION = "registrations.view_needs"


@admin.register(Participant)
class ParticipantAdmin(DomainErrorsAdminMixin, admin.ModelAdmin):
    """Staff may always act (the deadline does not bind them); capacity still does, so a
    participant added beyond it goes to the waiting list. Needs and comments are shown only to
    staff with the "needs" permission; a cancelled participant is history, not edited."""

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

    def get_fields(self, request, obj=None):
        shown = [
            name
            for name in PERSON_FIELDS
            if request.user.has_perm(NEEDS_PERMISSION)
            or name not in [*NEEDS_FIELDS, "needs_consent"]
        ]
        return ["meeting", "organisation", *shown, *self.readonly_fields]

    def has_delete_permission(self, request, obj=None):
        return False  # cancel instead: the freed place goes to the next in line

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == Participant.Status.CANCELLED:
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + ["meeting", "organisation"] if obj else fields

    def save_model(self, request, obj, form, change):
        if change:
            base = Participant.objects.get(pk=obj.pk)  # hidden fields keep their values
            person = Person.from_data(form.cleaned_data, base=base)
            services.participant_update(participant=obj, person=person, by_staff=True)
            return
        [created] = services.participants_register(
            meeting=obj.meeting,
            organisation=obj.organisation,
            people=[Person.from_data(form.cleaned_data)],
            by_staff=True,
        )
        obj.pk, obj.status = created.pk, created.status

    @admin.action(description=_("Cancel the selected participants"), permissions=["change"])
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

    def has_approve_permission(self, request):
        """Approving adds an organisation and a coordinator who can then sign in."""
        user = request.user
        return self.has_change_permission(request) and user.has_perms(
            ["arshjul.add_organisation", "arshjul.add_coordinator"]
        )

    @admin.action(
        description=_("Approve: add the organisation and its coordinator"),
        permissions=["approve"],
    )
    def approve(self, request, queryset):
        done = 0
        for join_request in queryset.filter(status=JoinRequest.Status.PENDING):
            try:
                services.join_request_approve(join_request=join_request)
                done += 1
            except RegistrationError as error:
                self.message_user(
                    request, f"{join_request}: {' '.join(error.messages)}", messages.ERROR
                )
        self.message_user(
            request,
            ngettext(
                "%(count)d request approved; the coordinator is told.",
                "%(count)d requests approved; the coordinators are told.",
                done,
            )
            % {"count": done},
        )

    @admin.action(description=_("Decline"), permissions=["change"])
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


# Coordinators sign in by link: the core's CoordinatorAdmin, with this app's action.
_CoordinatorAdmin = type(admin.site.get_model_admin(Coordinator))
admin.site.unregister(Coordinator)


@admin.register(Coordinator)
class CoordinatorAdmin(_CoordinatorAdmin):
    actions = [*(_CoordinatorAdmin.actions or []), "send_signin_link"]

    @admin.action(description=_("Send a sign-in link"), permissions=["change"])
    def send_signin_link(self, request, queryset):
        sent = 0
        for email in sorted({normalise_email(c.email) for c in queryset}):
            if signin.signin_link_send(email):
                sent += 1
                continue
            self.message_user(
                request,
                gettext(
                    "No link to %(email)s: not a coordinator in a running cycle, or a staff "
                    "account."
                )
                % {"email": email},
                messages.WARNING,
            )
        if sent:
            self.message_user(
                request,
                ngettext(
                    "%(count)d sign-in link is in the outbox.",
                    "%(count)d sign-in links are in the outbox.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )
