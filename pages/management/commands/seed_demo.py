from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from arshjul import demo
from arshjul.models import (
    Challenge,
    Coordinator,
    Cycle,
    CycleChallenge,
    Identity,
    Organisation,
    Strategy,
)
from pages.demo import SEEDERS


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
        self._seed_identity()
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
                introduction=(
                    demo.PAST_INTRODUCTION.format(year=year)
                    if year < upcoming_year
                    else demo.INTRODUCTION
                ),
            )
            for position, challenge in enumerate(challenges):
                self._ensure(
                    CycleChallenge, {"cycle": cycle, "challenge": challenge}, position=position
                )
            self._seed_coordinators(cycle, organisations, shared=year == upcoming_year)
            # Each app's part of the cycle (pages.demo.SEEDERS): meetings, materials, the
            # sign-ups, the survey, the indicators, the working material.
            for seeder in SEEDERS:
                self.created += seeder(cycle, past=year < upcoming_year)
        self._seed_staff()
        return self.created

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

    def _seed_identity(self):
        logo = (Path(demo.__file__).parent / "demo_files" / demo.IDENTITY_LOGO).read_bytes()
        self._ensure(Identity, {}, logo=logo, logo_type="image/svg+xml", **demo.IDENTITY)

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
        obj, created = demo.ensure(model, lookup, **defaults)
        self.created += created
        return obj
