from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    """The year's follow-up report: one document per cycle, compiled from what the cycle
    collected, kept as a record once final."""

    name = "followup"
    verbose_name = _("Follow-up report")

    def ready(self):
        from . import report  # noqa: F401 - the report's PDF
