"""Sign-up, participant and invitation reminders move to the one schedule
(arshjul.reminders). Until now the outbox's deduplication key was what made each go once; each
reminder in the outbox becomes the schedule's claim, so that nobody is reminded twice on
deploy. (Before the meeting's invitation_reminder_days goes: it was that reminder's mark.)"""

import re

from django.db import migrations
from django.utils import timezone

SIGN_UP = re.compile(r"^reminder:(\d+):org-(\d+):(\d+)d$")
PARTICIPANT = re.compile(r"^reminder:(\d+):participant-(\d+):(\d+)d$")
INVITATION = re.compile(r"^invitation:(\d+):reminder$")


def carry_over(apps, schema_editor):
    OutgoingMail = apps.get_model("arshjul", "OutgoingMail")
    Meeting = apps.get_model("meetings", "Meeting")
    Invitation = apps.get_model("registrations", "Invitation")
    ReminderSent = apps.get_model("arshjul", "ReminderSent")
    sent = OutgoingMail.objects.filter(
        kind__in=["reminder_no_participants", "reminder_participant", "invitation_reminder"]
    ).values_list("dedup_key", "created_at")
    if not sent:
        return
    meetings = {meeting.pk: meeting for meeting in Meeting.objects.all()}
    invited = dict(Invitation.objects.values_list("pk", "meeting_id"))
    claims = []

    def claim(kind, meeting, recipient, day, mark, created_at):
        days_left = max((day - timezone.localdate(created_at)).days, 0)
        claims.append(
            ReminderSent(
                kind=kind,
                subject=f"meeting-{meeting.pk}",
                recipient=recipient,
                deadline=day,
                mark=mark,
                days_left=days_left,
                sent_at=created_at,
            )
        )

    for key, created_at in sent:
        if match := SIGN_UP.match(key):
            meeting = meetings.get(int(match[1]))
            if meeting and meeting.registration_closes_at:
                day = timezone.localdate(meeting.registration_closes_at)
                claim("sign_up", meeting, f"organisation-{match[2]}", day, int(match[3]), created_at)
        elif match := PARTICIPANT.match(key):
            meeting = meetings.get(int(match[1]))
            if meeting:
                recipient = f"participant-{match[2]}"
                claim("participant", meeting, recipient, meeting.date, int(match[3]), created_at)
        elif match := INVITATION.match(key):
            meeting = meetings.get(invited.get(int(match[1])))
            if meeting and meeting.registration_closes_at:
                day = timezone.localdate(meeting.registration_closes_at)
                mark = meeting.invitation_reminder_days or 7
                claim("invitation", meeting, f"invitation-{match[1]}", day, mark, created_at)
    ReminderSent.objects.bulk_create(claims, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0005_historicalinvitation_historicalparticipant"),
        ("meetings", "0005_historicalmeeting"),
        ("arshjul", "0011_reminders"),
    ]
    run_before = [("meetings", "0006_invitation_reminders_on_the_schedule")]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
