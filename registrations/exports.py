"""The tables staff download for a meeting (CSV or XLSX, see :mod:`arshjul.lib.exports`).

- The participants, by organisation and workshop group. Needs and comments are columns only
  for staff with the needs permission (``registrations.view_needs``).
- For the caterer: how many eat, and each dietary need as a count. No name appears, so the
  caterer learns nothing about a person.
- The invitees of an invitation-only meeting and their answers.
"""

from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.lib.collation import surname_key, swedish_key

from .models import Invitation, Participant
from .pdfs import participants_by_organisation, person_key

NEEDS_PERMISSION = "registrations.view_needs"


def participants_table(meeting, *, with_needs: bool) -> tuple[list[str], list[list]]:
    header = [
        _("Organisation"),
        _("Workshop group"),
        _("Name"),
        _("Role"),
        _("E-mail"),
        _("Status"),
        _("Signed up"),
    ]
    if with_needs:
        header += [_("Dietary needs"), _("Accessibility needs"), _("Comment")]
    # By organisation (in the categories' order), then workshop group; those waiting last.
    confirmed = participants_by_organisation(meeting)
    order = {
        name: n for n, name in enumerate(dict.fromkeys(p.organisation_display for p in confirmed))
    }
    confirmed.sort(
        key=lambda p: (
            order[p.organisation_display],
            swedish_key(p.workshop_group.name if p.workshop_group else ""),
            *person_key(p),
        )
    )
    people = confirmed + participants_by_organisation(meeting, status=Participant.Status.WAITING)
    rows = []
    for person in people:
        row = [
            person.organisation_display,
            person.workshop_group.name if person.workshop_group else "",
            person.name,
            person.role,
            person.email,
            person.get_status_display(),
            _date(person.queued_at),
        ]
        if with_needs:
            row += [person.dietary_needs, person.accessibility_needs, person.comment]
        rows.append(row)
    return header, rows


def catering_table(meeting) -> tuple[list[str], list[list]]:
    """How many confirmed participants eat, and how many have each dietary need (the same
    need written alike counted together). Counts only: never a name beside a need."""
    confirmed = list(
        Participant.objects.confirmed()
        .filter(meeting=meeting)
        .values_list("dietary_needs", flat=True)
    )
    needs = Counter(" ".join(need.split()).capitalize() for need in confirmed if need.strip())
    rows = [[_("Participants in all"), len(confirmed)]]
    rows += [[_("Without special dietary needs"), len(confirmed) - sum(needs.values())]]
    rows += [[need, count] for need, count in sorted(needs.items(), key=lambda i: (-i[1], i[0]))]
    return [_("Dietary need"), _("Number")], rows


def invitations_table(meeting) -> tuple[list[str], list[list]]:
    header = [_("Organisation"), _("Name"), _("E-mail"), _("Role"), _("Sent"), _("Answer")]
    header += [_("Answered")]
    rows = []
    invitations = Invitation.objects.filter(meeting=meeting).select_related("organisation")
    for invitation in sorted(
        invitations,
        key=lambda i: (
            swedish_key(i.organisation.name if i.organisation_id else i.organisation_name),
            surname_key(i.name),
            i.pk,
        ),
    ):
        rows.append(
            [
                invitation.organisation.name
                if invitation.organisation_id
                else invitation.organisation_name,
                invitation.name,
                invitation.email,
                invitation.role,
                _date(invitation.sent_at),
                invitation.get_answer_display(),
                _date(invitation.answered_at),
            ]
        )
    return header, rows


def _date(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
