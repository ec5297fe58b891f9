from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    """The leadership-group survey on the four hard-to-measure indicators."""

    name = "survey"
    verbose_name = _("Leadership survey")

    def ready(self):
        from arshjul import cycle_pages, dashboard, demo, todo, wheel
        from arshjul.lib.mail_kinds import mail_kinds_register
        from arshjul.reminders import kind_register
        from arshjul.signals import cycle_copied

        from . import documents, reminders, services  # noqa: F401 - the receipt PDF, its sweeps
        from .dashboard import survey_columns
        from .demo import seed_cycle
        from .pages import survey_parts
        from .todo import survey_tasks
        from .wheel import PERIOD, survey_steps

        wheel.providers.register(survey_steps, depends_on=["survey.Survey"])
        wheel.rings.register(
            wheel.Ring(PERIOD, _("survey open"), order=40, colour="#5b2a86", shape="circle"),
            name=PERIOD,
        )
        cycle_pages.providers.register(survey_parts, depends_on=["survey.Survey"])
        todo.providers.register(
            survey_tasks,
            depends_on=["survey.Survey", "survey.LeadershipGroup", "survey.Response"],
        )
        demo.seeders.register(seed_cycle)
        kind_register(reminders.SURVEY)
        dashboard.providers.register(
            survey_columns, depends_on=["survey.Response", "survey.LeadershipGroup"]
        )
        mail_kinds_register(
            {
                "survey_link": _("Survey link to a leadership group"),
                "survey_reminder": _("Survey reminder"),
                "survey_submitted": _("Survey receipt"),
            }
        )
        cycle_copied.connect(services.surveys_copy_to_cycle, dispatch_uid="survey-copy-to-cycle")
