"""The working material's reminders move to the one schedule (arshjul.reminders): each
MaterialReminder becomes the schedule's claim, so that no organisation is reminded twice on
deploy; then the table goes."""

from django.db import migrations
from django.utils import timezone


def carry_over(apps, schema_editor):
    MaterialReminder = apps.get_model("working_material", "MaterialReminder")
    ReminderSent = apps.get_model("arshjul", "ReminderSent")
    ReminderSent.objects.bulk_create(
        [
            ReminderSent(
                kind="working_material",
                subject=f"material-{sent.material_id}",
                recipient=f"organisation-{sent.organisation_id}",
                deadline=timezone.localdate(sent.material.closes_at),
                mark=sent.days,
                days_left=sent.days,
                sent_at=sent.sent_at,
            )
            for sent in MaterialReminder.objects.select_related("material")
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("working_material", "0001_initial"),
        ("arshjul", "0011_reminders"),
    ]

    operations = [
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.DeleteModel(name="MaterialReminder"),
    ]
