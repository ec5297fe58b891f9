from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArshjulConfig(AppConfig):
    """The cycle itself and what every app shares: organisations, challenges, coordinators."""

    name = "arshjul"
    verbose_name = _("Annual cycle")

    def ready(self):
        # Register the sweeps and PDF kinds these modules define.
        from . import documents, outbox, pdf_jobs  # noqa: F401
