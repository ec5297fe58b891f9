from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    """The leadership-group survey on the four hard-to-measure indicators."""

    name = "survey"
    verbose_name = _("Leadership survey")

    def ready(self):
        from arshjul.lib.mail_kinds import mail_kinds_register
        from arshjul.reminders import kind_register

        from . import pdfs, reminders, services  # noqa: F401 - the receipt PDF, the sweeps

        kind_register(reminders.SURVEY)
        mail_kinds_register(
            {
                "survey_link": _("Survey link to a leadership group"),
                "survey_reminder": _("Survey reminder"),
                "survey_submitted": _("Survey receipt"),
            }
        )
