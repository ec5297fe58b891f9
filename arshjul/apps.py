from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArshjulConfig(AppConfig):
    """The cycle itself and what every app shares: organisations, challenges, coordinators."""

    name = "arshjul"
    verbose_name = _("Annual cycle")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .lib.converters import converters_register

        # <year:…> and <id:…> for every app's URLs: one address per page.
        converters_register()

        # Register the sweeps, tasks and PDF kinds these modules define.
        from . import (
            dashboard,
            documents,  # noqa: F401
            posters,  # noqa: F401 - the poster's kind of PDF
            reminders,  # noqa: F401 - the one reminder schedule's sweep
        )
        from .dashboard_admin import organisation_downloads
        from .lib import outbox, pdf_jobs, tasks  # noqa: F401
        from .lib.mail_kinds import mail_kinds_register
        from .roles import sync_roles_after_migrate

        dashboard.downloads.register(organisation_downloads)
        # The wheel's rings for the kinds of step every app shares (apps add their own).
        from . import wheel

        for ring in [
            wheel.Ring(wheel.Step.Kind.MEETING, _("meeting"), order=10, colour="#004b87"),
            wheel.Ring(
                wheel.Step.Kind.DEADLINE, _("deadline"), order=20, colour="#9b1c1f", shape="diamond"
            ),
            wheel.Ring(
                wheel.Step.Kind.PUBLICATION,
                _("publication"),
                order=30,
                colour="#1e6b2e",
                shape="square",
            ),
        ]:
            wheel.rings.register(ring, name=str(ring.kind))
        # A region's set-up from files: the shared domain's own.
        from . import region
        from .region_files import REGION_FILES

        for kind in REGION_FILES:
            region.files.register(kind, name=kind.name)
        mail_kinds_register(
            {
                "test": _("Test e-mail"),
                "staff_message": _("Message from staff"),
                "cycle_confirm": _("Coordinator asked to confirm for next year"),
            }
        )

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="arshjul-staff-roles")
        # Saved rows make the public pages that show them anew (the shared page cache).
        from .lib import page_cache

        page_cache.track_changes()
        # The organiser's identity: on every page, and the infrastructure's branding.
        from django.db.models.signals import post_delete, post_save

        from . import identity
        from .lib import branding
        from .models import Identity

        if "arshjul.Identity" not in page_cache.EVERY_PAGE:
            page_cache.EVERY_PAGE.append("arshjul.Identity")
        branding.use(identity.identity_branding)
        post_save.connect(identity.identity_changed, sender=Identity, dispatch_uid="identity-saved")
        post_delete.connect(
            identity.identity_changed, sender=Identity, dispatch_uid="identity-deleted"
        )
