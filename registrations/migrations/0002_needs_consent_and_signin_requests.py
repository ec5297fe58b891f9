import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """One consent covers dietary needs, accessibility needs and the comment; sign-in
    requests wait for a worker (rate limits moved to the shared cache)."""

    dependencies = [("registrations", "0001_initial")]

    operations = [
        migrations.RenameField("participant", "dietary_consent", "needs_consent"),
        migrations.DeleteModel("SignInRequest"),
        migrations.CreateModel(
            name="SignInRequest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("email", models.EmailField(max_length=254)),
                ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
            ],
        ),
    ]
