"""The survey's reminders move to the one schedule (arshjul.reminders): what
Response.last_reminder_days said was sent becomes the schedule's claim, so that no group is
reminded twice on deploy; then the column goes."""

from django.db import migrations
from django.utils import timezone


def carry_over(apps, schema_editor):
    Response = apps.get_model("survey", "Response")
    ReminderSent = apps.get_model("arshjul", "ReminderSent")
    claims = []
    for response in Response.objects.filter(last_reminder_days__isnull=False).select_related(
        "survey"
    ):
        deadline = max(filter(None, [response.survey.closes_at, response.deadline_extended_to]))
        # A claim for the nearest mark reminded: the schedule sends no farther one after it.
        claims.append(
            ReminderSent(
                kind="survey",
                subject=f"survey-{response.survey_id}",
                recipient=f"response-{response.pk}",
                deadline=timezone.localdate(deadline),
                mark=response.last_reminder_days,
                days_left=response.last_reminder_days,
            )
        )
    ReminderSent.objects.bulk_create(claims, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0002_historicalresponse"),
        ("arshjul", "0011_reminders"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.RemoveField(model_name="historicalresponse", name="last_reminder_days"),
        migrations.RemoveField(model_name="response", name="last_reminder_days"),
    ]
