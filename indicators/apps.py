from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """The strategy's indicators, their yearly values and the status analysis."""

    name = "indicators"
    verbose_name = _("Indicators and status analysis")

    def ready(self):
        from arshjul import cycle_pages, demo, region, wheel
        from survey.signals import results_published

        from . import tasks  # noqa: F401 - the Kolada fetch's task and its sweep
        from .analysis import analysis_steps
        from .demo import seed_cycle
        from .pages import analysis_parts
        from .region_files import REGION_FILES
        from .survey_values import survey_values_store

        wheel.providers.register(analysis_steps, depends_on=["indicators.StatusAnalysis"])
        cycle_pages.providers.register(
            analysis_parts, depends_on=["indicators.StatusAnalysis", "indicators.Indicator"]
        )
        demo.seeders.register(seed_cycle)
        for kind in REGION_FILES:
            region.files.register(kind, name=kind.name)
        results_published.connect(survey_values_store, dispatch_uid="indicators-survey-values")
