from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from arshjul.lib import confirm, imports
from arshjul.lib.admin_helpers import DomainErrorsAdminMixin, ReadOnlyHistoryAdmin
from arshjul.lib.forms import error_words
from arshjul.lib.validators import normalise_email
from arshjul.models import Organisation
from meetings.models import Meeting

from . import invitations, selectors, services, signin, staff_lists
from .errors import RegistrationError
from .forms import InvitationImportForm, InvitationRowForm
from .models import Invitation, JoinRequest, Participant
from .participants import NEEDS_FIELDS, PERSON_FIELDS, Person

NEEDS_PERMISSION = "registrations.view_needs"


@admin.register(Participant)
class ParticipantAdmin(DomainErrorsAdminMixin, ReadOnlyHistoryAdmin):
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

    def lookup_allowed(self, lookup, value, request=None):
        # Filtering on a hidden field (?dietary_needs__icontains=…) would read it out.
        field = lookup.split("__", 1)[0]
        hidden = field in [*NEEDS_FIELDS, "needs_consent"]
        if hidden and not (request and request.user.has_perm(NEEDS_PERMISSION)):
            return False
        return super().lookup_allowed(lookup, value, request)

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
                self.message_user(request, f"{join_request}: {error_words(error)}", messages.ERROR)
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


class SignInLinkActions:
    """For the coordinators' admin (pages.admin.CoordinatorAdmin): send the chosen ones a
    sign-in link, as the sign-in page does."""

    actions = ["send_signin_link"]

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


@admin.register(Invitation)
class InvitationAdmin(DomainErrorsAdminMixin, ReadOnlyHistoryAdmin):
    """Invitations to meetings by invitation: added one by one here or imported from a file,
    sent in bulk, answered by the invitees through their personal links."""

    list_display = [
        "name",
        "email",
        "organisation_shown",
        "meeting",
        "answer",
        "answered_by",
        "sent_at",
    ]
    list_filter = ["meeting", "answer", "organisation__category"]
    search_fields = ["name", "email", "organisation__name", "organisation_name"]
    list_select_related = ["organisation", "meeting"]
    autocomplete_fields = ["organisation"]
    fields = ["meeting", "name", "email", "organisation", "organisation_name", "role"]
    readonly_fields = ["answer", "answered_at", "answered_by", "sent_at"]
    actions = ["send"]
    change_list_template = "admin/registrations/invitation/change_list.html"

    def get_fields(self, request, obj=None):
        return [*self.fields, *self.readonly_fields] if obj else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "meeting", "email"] if obj else self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting":
            kwargs["queryset"] = Meeting.objects.filter(
                participation=Meeting.Participation.INVITATION
            ).select_related("cycle")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("organisation"), ordering="organisation__name")
    def organisation_shown(self, obj):
        return obj.organisation_display

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created = invitations.invitation_add(
            meeting=obj.meeting,
            name=obj.name,
            email=obj.email,
            organisation=obj.organisation,
            organisation_name=obj.organisation_name,
            role=obj.role,
        )
        obj.pk = created.pk

    def has_send_permission(self, request):
        return request.user.has_perm("registrations.send_invitation")

    @admin.action(description=_("Send the selected invitations"), permissions=["send"])
    def send(self, request, queryset):
        """First how many and the invitation itself, then, confirmed, sent (once for one
        confirmation, however often it is posted)."""
        chosen = queryset.select_related("meeting__cycle", "organisation")

        def send(sending):
            return invitations.invitations_send(invitations=chosen, sending=sending)

        def confirmation(once):
            rehearsal = confirm.rehearse(lambda: send(once))
            if not rehearsal.count:
                self.message_user(
                    request,
                    gettext(
                        "None of the selected invitations can be sent: their meetings no "
                        "longer take answers."
                    ),
                    messages.WARNING,
                )
                return None
            selected = len(chosen)
            lead = [
                ngettext(
                    "%(count)d invitation is sent, with its personal link to answer.",
                    "%(count)d invitations are sent, each with its personal link to answer.",
                    rehearsal.count,
                )
                % {"count": rehearsal.count}
            ]
            if selected > rehearsal.count:
                lead.append(
                    ngettext(
                        "%(count)d of those selected is not sent: its meeting no longer "
                        "takes answers.",
                        "%(count)d of those selected are not sent: their meetings no longer "
                        "take answers.",
                        selected - rehearsal.count,
                    )
                    % {"count": selected - rehearsal.count}
                )
            going = {mail.about_id for mail in rehearsal.mails}
            again = sum(1 for i in chosen if i.pk in going and i.sent_at)
            if again:
                lead.append(
                    ngettext(
                        "%(count)d of them has had the invitation before and gets it again, "
                        "with the same link.",
                        "%(count)d of them have had the invitation before and get it again, "
                        "with the same link.",
                        again,
                    )
                    % {"count": again}
                )
            return confirm.Confirmation(
                title=gettext("Send the invitations"),
                lead=lead,
                button=ngettext(
                    "Send %(count)d invitation", "Send %(count)d invitations", rehearsal.count
                )
                % {"count": rehearsal.count},
                rehearsal=rehearsal,
            )

        def act(once):
            count = send(once)
            self.message_user(
                request,
                ngettext(
                    "%(count)d invitation is in the outbox.",
                    "%(count)d invitations are in the outbox.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS if count else messages.WARNING,
            )

        return confirm.action_confirmed(self, request, queryset, confirmation=confirmation, act=act)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="registrations_invitation_import"),
            path("answers/", view(self.answers_view), name="registrations_invitation_answers"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload a list (CSV or XLSX), see every row with its errors, then import all or
        none of them (arshjul.lib.imports)."""
        return imports.import_view(self, request, INVITATION_IMPORT)

    def answers_view(self, request):
        """Per organisation: invited, coming, not coming, no answer — for one meeting."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        meetings = Meeting.objects.filter(
            participation=Meeting.Participation.INVITATION
        ).select_related("cycle")
        chosen = meetings.filter(pk=request.GET.get("meeting") or 0).first() or meetings.first()
        rows = selectors.invitation_answers(chosen) if chosen else []
        totals = {key: sum(row[key] for row in rows) for key in ANSWER_COLUMNS}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Answers per organisation"),
            "meetings": meetings,
            "chosen": chosen,
            "rows": rows,
            "totals": totals,
        }
        return TemplateResponse(request, "admin/registrations/invitation/answers.html", context)


ANSWER_COLUMNS = ["invited", "coming", "not_coming", "no_answer"]


def _save_invitations(form, rows) -> str:
    meeting = form.cleaned_data["meeting"]
    for row in rows:
        invitations.invitation_add(meeting=meeting, **row.form.invitation_fields())
    return ngettext(
        "%(count)d invitee is added; send the invitation when ready.",
        "%(count)d invitees are added; send the invitations when ready.",
        len(rows),
    ) % {"count": len(rows)}


INVITATION_IMPORT = imports.Import(
    title=_("Import invitees"),
    intro=_(
        "A list in CSV or XLSX: the first row names the columns (Namn, E-post, Organisation, Roll)."
    ),
    upload_form=InvitationImportForm,
    check=lambda form, name, content: _invitation_rows(form.cleaned_data["meeting"], name, content),
    save=_save_invitations,
    done_url=lambda form: (
        reverse("admin:registrations_invitation_changelist")
        + f"?meeting__id__exact={form.cleaned_data['meeting'].pk}"
    ),
    submit_label=lambda count: (
        ngettext("Import %(count)d invitee", "Import %(count)d invitees", count) % {"count": count}
    ),
)


def _invitation_rows(meeting, name, content):
    rows = imports.read_rows(name, content, columns=InvitationRowForm.COLUMNS)
    organisations = {o.name.lower(): o for o in Organisation.objects.all()}
    invited = {
        normalise_email(e)
        for e in Invitation.objects.filter(meeting=meeting).values_list("email", flat=True)
    }
    seen = set()
    return imports.check_rows(
        rows,
        lambda values: InvitationRowForm(
            values, meeting=meeting, organisations=organisations, seen=seen, invited=invited
        ),
    )


class MeetingParticipants:
    """For the meetings' admin (pages.admin.MeetingAdmin): how full each meeting is (one
    query for the list: ``registered`` and ``waiting`` columns), and its lists and printouts."""

    def get_queryset(self, request):
        active = Q(participants__status=Participant.Status.CONFIRMED)
        waiting = Q(participants__status=Participant.Status.WAITING)
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_confirmed=Count("participants", filter=active),
                n_waiting=Count("participants", filter=waiting),
            )
        )

    @admin.display(description=_("registered / capacity"), ordering="n_confirmed")
    def registered(self, obj):
        if obj.capacity:
            return f"{obj.n_confirmed} / {obj.capacity}"
        return f"{obj.n_confirmed} / –"

    @admin.display(description=_("waiting"), ordering="n_waiting")
    def waiting(self, obj):
        return obj.n_waiting

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:meeting_id>/export/<str:table>.<str:fmt>",
                view(partial(staff_lists.export_view, self)),
                name="meetings_meeting_export",
            ),
            path(
                "<int:meeting_id>/pdf/<str:kind>/",
                view(partial(staff_lists.pdf_view, self)),
                name="meetings_meeting_pdf",
            ),
            *super().get_urls(),
        ]
