import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from arshjul import demo
from arshjul.models import Challenge, Coordinator, Cycle, CycleChallenge, Organisation, Strategy
from meetings.models import Material, Meeting


class Command(BaseCommand):
    help = (
        "Load demo data: the regional leadership, the 2023 cycle and an upcoming cycle whose "
        "deadline is the next 19 December. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DEBUG=true: it creates a staff account with a known "
                "password and must never touch a production database."
            )
        upcoming = demo.upcoming_cycle_year(timezone.localdate())
        with transaction.atomic():
            created = self._seed(upcoming)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready ({created} new rows): cycles {demo.TEMPLATE_YEAR} and {upcoming}."
            )
        )
        self.stdout.write(
            f"Staff login: {settings.SITE_URL}/admin/  user '{demo.STAFF_USERNAME}', "
            f"password '{demo.STAFF_PASSWORD}' (unless you have changed it)."
        )
        name, email, organisations = demo.SHARED_COORDINATOR
        self.stdout.write(
            f"Coordinator: {name} <{email}> ({' and '.join(organisations)}). Ask for a sign-in "
            f"link at {settings.SITE_URL}/logga-in/ : without SMTP the e-mail, link included, "
            f"is printed in this terminal. Or: python manage.py login_link {email}"
        )

    def _seed(self, upcoming_year: int) -> int:
        self.created = 0
        organisations = {
            name: self._ensure(
                Organisation,
                {"name": name},
                category=category,
                municipality_code=code,
                contact_email=demo.contact_email(name),
            )
            for name, category, code in demo.ORGANISATIONS
        }
        strategy = self._ensure(
            Strategy,
            {"name": demo.STRATEGY["name"]},
            vision=demo.STRATEGY["vision"],
            background=demo.STRATEGY["background"],
            organiser=organisations[demo.ORGANISER],
        )
        challenges = [
            self._ensure(Challenge, {"name": name}, description=description)
            for name, description in demo.CHALLENGES
        ]
        for year in sorted({demo.TEMPLATE_YEAR, upcoming_year}):
            cycle = self._ensure(
                Cycle,
                {"year": year},
                strategy=strategy,
                name=f"Årshjul {year}",
                status=Cycle.Status.PUBLISHED,
                introduction=demo.INTRODUCTION,
            )
            for position, challenge in enumerate(challenges):
                self._ensure(
                    CycleChallenge, {"cycle": cycle, "challenge": challenge}, position=position
                )
            for fields in demo.MEETINGS:
                self._seed_meeting(cycle, fields, past=year < upcoming_year)
            self._seed_materials(cycle, past=year < upcoming_year)
            self._seed_coordinators(cycle, organisations, shared=year == upcoming_year)
        self._seed_staff()
        return self.created

    def _seed_meeting(self, cycle, fields, *, past: bool):
        fields = dict(fields)
        year = cycle.year
        on, opens, closes = fields.pop("on"), fields.pop("opens", None), fields.pop("closes", None)
        starts, ends = fields.pop("starts_at", None), fields.pop("ends_at", None)
        documentation = fields.pop("documentation")
        if opens:
            fields["registration_opens_at"] = timezone.make_aware(
                datetime.datetime(year - 1, *opens, 8, 0)
            )
        if closes:
            fields["registration_closes_at"] = timezone.make_aware(
                datetime.datetime(year - 1, *closes, 23, 59, 59)
            )
        return self._ensure(
            Meeting,
            {"cycle": cycle, "slug": fields.pop("slug")},
            date=datetime.date(year, *on),
            starts_at=datetime.time(*starts) if starts else None,
            ends_at=datetime.time(*ends) if ends else None,
            published=True,
            # A past cycle has its documentation; the upcoming one has a meeting to come.
            documentation=documentation if past else "",
            **demo.CONTACT,
            **fields,
        )

    def _seed_materials(self, cycle, *, past: bool):
        for item in demo.MATERIALS:
            self._ensure_material(
                cycle,
                None,
                item["title"],
                description=item["description"],
                filename=item["file"],
                published_from=timezone.make_aware(
                    datetime.datetime(cycle.year - 1, *item["published"], 9, 0)
                ),
            )
        if past:
            work_meeting = cycle.meetings.get(slug="arbetsmote")
            self._ensure_material(
                cycle,
                work_meeting,
                f"Dokumentation från arbetsmötet {cycle.year}",
                description="Sammanfattning av gruppernas resultat.",
                filename=demo.DOCUMENTATION_FILE,
                kind=Material.Kind.DOCUMENTATION,
                published_from=timezone.make_aware(
                    datetime.datetime.combine(
                        work_meeting.date + datetime.timedelta(days=14), datetime.time(9)
                    )
                ),
            )

    def _ensure_material(self, cycle, meeting, title, *, filename, **fields):
        if Material.objects.filter(cycle=cycle, title=title).exists():
            return
        material = Material(cycle=cycle, meeting=meeting, title=title, **fields)
        content = (Path(demo.__file__).parent / "demo_files" / filename).read_bytes()
        material.file.save(filename, ContentFile(content), save=False)
        material.full_clean()
        material.save()
        self.created += 1

    def _seed_coordinators(self, cycle, organisations, *, shared: bool):
        shared_name, shared_email, shared_orgs = demo.SHARED_COORDINATOR
        for index, name in enumerate(organisations):
            if shared and name in shared_orgs:
                person, email = shared_name, shared_email
            else:
                person, email = demo.coordinator_for(index, name, cycle.year)
            self._ensure(
                Coordinator,
                {"cycle": cycle, "organisation": organisations[name]},
                name=person,
                email=email,
            )

    def _seed_staff(self):
        user, created = get_user_model().objects.get_or_create(
            username=demo.STAFF_USERNAME,
            defaults={"email": demo.STAFF_EMAIL, "is_staff": True, "is_superuser": True},
        )
        if created:
            user.set_password(demo.STAFF_PASSWORD)
            user.save(update_fields=["password"])
            self.created += 1

    def _ensure(self, model, lookup, **defaults):
        """Get the row, or validate and create it; an existing row is left as staff left it."""
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **defaults)
            obj.full_clean()
            obj.save()
            self.created += 1
        return obj
