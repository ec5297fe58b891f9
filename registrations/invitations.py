"""Meetings by invitation: staff invite people (one by one or from a file), send the
invitations, and each invitee answers yes or no through a personal link, until registration
closes. A yes makes them a participant through the same capacity service as every sign-up
(:func:`registrations.services.participants_register`), a no cancels that. Who has not
answered is reminded before registration closes, on the one schedule
(:mod:`arshjul.reminders`; the marks are ``REMINDER_MARKS["invitation"]``).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from arshjul import reminders
from arshjul.lib import tokens
from arshjul.lib.emails import absolute_url
from arshjul.lib.validators import normalise_email
from meetings.models import Meeting

from . import emails, rules, services
from .errors import RegistrationError
from .models import Invitation, Participant
from .participants import Person

Answer = Invitation.Answer


def invitation_url(invitation: Invitation) -> str:
    """The invitee's personal link (made on first use: the caller saves the invitation)."""
    token = tokens.personal_token(invitation, "invitation")
    return absolute_url(tokens.token_path("registrations:invitation", token))


def is_coming(invitation) -> bool:
    """Whether the invitee has a place (or a place in line) now: they answered yes."""
    participant = invitation.participant
    return participant is not None and participant.status != participant.Status.CANCELLED


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link opens, for a published meeting; None for any other token."""
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("meeting__cycle", "organisation", "participant")
        .filter(token_hash=tokens.token_hash(token), meeting__published=True)
        .first()
    )


def invitation_add(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    organisation=None,
    organisation_name: str = "",
    role: str = "",
) -> Invitation:
    """Invite someone to a meeting by invitation (not yet sent)."""
    if meeting.participation != Meeting.Participation.INVITATION:
        raise RegistrationError({"meeting": _("Only meetings “by invitation” have invitations.")})
    invitation = Invitation(
        meeting=meeting,
        name=name.strip(),
        email=normalise_email(email),
        organisation=organisation,
        organisation_name="" if organisation else organisation_name.strip(),
        role=role.strip(),
    )
    invitation.full_clean()
    invitation.save()
    return invitation


def invitations_send(*, invitations, sending: str = "") -> int:
    """Send the invitations (again), each with its personal link, through the outbox.
    Invitations to a meeting that no longer takes answers are left alone. One ``sending``
    (the key of the staff's confirmation) sends each invitation once, however often it is
    posted. Returns how many were sent now."""
    sent = 0
    now = timezone.now()
    for invitation in invitations:
        if rules.refusal(
            invitation.meeting, rules.Action.ADD, channel=Meeting.Participation.INVITATION
        ):
            continue
        with transaction.atomic():
            # Locked, with its link as stored: the same sending posted twice at once waits
            # here, then makes the same link (not a new one that the first e-mail's no
            # longer opens) and finds its e-mail queued already.
            invitation.token_nonce = (
                Invitation.objects.select_for_update()
                .values_list("token_nonce", flat=True)
                .get(pk=invitation.pk)
            )
            url = invitation_url(invitation)
            invitation.save(update_fields=["token_nonce", "token_hash"])
            if not emails.invitation(invitation, url=url, sending=sending).queued_now:
                continue
            invitation.sent_at = now
            invitation.save(update_fields=["sent_at"])
        sent += 1
    return sent


def invitation_answer(*, invitation: Invitation, coming: bool, person: Person) -> Invitation:
    """Record the invitee's answer, and make them a participant (yes) or cancel that (no).
    The answer can change until registration closes; the person's address is the one the
    invitation went to, whatever name they answer with (staff see who answered)."""
    meeting = invitation.meeting
    channel = Meeting.Participation.INVITATION
    person = Person(**{**person.fields(), "email": invitation.email})
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        participant = invitation.participant
        active = participant is not None and participant.status != Participant.Status.CANCELLED
        if coming and active:
            services.participant_update(participant=participant, person=person)
        elif coming:
            rules.check(meeting, rules.Action.ADD, channel=channel)
            url = invitation_url(invitation)
            [participant] = services.participants_register(
                meeting=meeting,
                organisation=invitation.organisation,
                organisation_name=invitation.organisation_name,
                people=[person],
                channel=channel,
                personal_url=url,
            )
            invitation.participant = participant
        else:
            rules.check(meeting, rules.Action.EDIT, channel=channel)
            if active:
                services.participant_cancel(participant=participant)
        invitation.answer = Answer.ACCEPTED if coming else Answer.DECLINED
        invitation.answered_at = timezone.now()
        invitation.answered_by = person.name
        invitation.save()
    return invitation


def _invitation_recipients(invitations):
    shared: dict[int, emails.MeetingMail] = {}
    for invitation in invitations.select_related("meeting__cycle").order_by("meeting_id", "pk"):
        meeting = invitation.meeting
        shared.setdefault(meeting.pk, emails.MeetingMail(meeting))
        yield reminders.Recipient(
            subject=f"meeting-{meeting.pk}",
            key=f"invitation-{invitation.pk}",
            deadline=meeting.registration_closes_at,
            cycle_id=meeting.cycle_id,
            label=meeting.title,
            about=(invitation, shared[meeting.pk]),
        )


def _unanswered(**filters):
    return Invitation.objects.filter(
        answer=Answer.NONE,
        sent_at__isnull=False,
        meeting__participation=Meeting.Participation.INVITATION,
        meeting__registration_closes_at__isnull=False,
        **filters,
    )


def invitation_pending(*, now, until=None, cycle_id=None):
    """Who was sent an invitation to a published meeting and has not answered, until
    registration closes (on the schedule, :mod:`arshjul.reminders`)."""
    unanswered = _unanswered(
        meeting__published=True,
        meeting__cancelled_at__isnull=True,
        meeting__registration_closes_at__gt=now,
    )
    if until is not None:
        unanswered = unanswered.filter(meeting__registration_closes_at__lte=until)
    if cycle_id is not None:
        unanswered = unanswered.filter(meeting__cycle_id=cycle_id)
    return _invitation_recipients(unanswered)


def invitation_send(recipient: reminders.Recipient, reminder: reminders.Reminder) -> None:
    """The reminder to answer, with the invitee's personal link."""
    invitation, shared = recipient.about
    url = invitation_url(invitation)
    invitation.save(update_fields=["token_nonce", "token_hash"])
    emails.invitation(invitation, url=url, reminder=reminder, shared=shared)


INVITATION = reminders.Kind(
    name="invitation",
    label=gettext_lazy("Invitees who have not answered"),
    pending=invitation_pending,
    send=invitation_send,
    counted=lambda n: ngettext("%(count)d invitee", "%(count)d invitees", n) % {"count": n},
)


def invitations_remind(*, meeting: Meeting, organisation_ids, by=None) -> int:
    """Remind, now, who was invited from the given organisations and has not answered (staff
    chose them on the dashboard), through the schedule's claim: nobody twice a day, nobody
    after registration has closed. Returns how many organisations had someone reminded now."""
    unanswered = _unanswered(meeting=meeting, organisation_id__in=organisation_ids)
    reached = reminders.remind_now("invitation", _invitation_recipients(unanswered), by=by)
    return len({recipient.about[0].organisation_id for recipient in reached})
