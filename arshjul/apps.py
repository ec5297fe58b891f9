from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArshjulConfig(AppConfig):
    """The cycle itself and what every app shares: organisations, challenges, coordinators."""

    name = "arshjul"
    verbose_name = _("Annual cycle")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save

        # Register the sweeps, tasks, kinds of PDF and of e-mail these modules define.
        from . import identity, pdfs, region, reminders  # noqa: F401 - reminders: its sweep
        from .lib import outbox, page_cache, pdf_jobs, tasks  # noqa: F401
        from .lib.converters import converters_register
        from .lib.mail_kinds import mail_kinds_register
        from .models import Identity
        from .region_files import REGION_FILES
        from .roles import sync_roles_after_migrate

        # <year:…> and <id:…> for every app's URLs: one address per page.
        converters_register()
        # A region's set-up from files: the shared domain's own.
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
        page_cache.track_changes()
        # A new identity is a new face on every page and in every e-mail and PDF.
        post_save.connect(identity.identity_changed, sender=Identity, dispatch_uid="identity-saved")
        post_delete.connect(
            identity.identity_changed, sender=Identity, dispatch_uid="identity-deleted"
        )
