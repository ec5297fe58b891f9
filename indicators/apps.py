from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """The strategy's indicators, their yearly values and the status analysis."""

    name = "indicators"
    verbose_name = _("Indicators and status analysis")

    def ready(self):
        from arshjul import region
        from survey.signals import results_published

        from . import analysis, tasks  # noqa: F401 - the analysis PDF; the Kolada fetch's sweep
        from .region_files import REGION_FILES
        from .services import survey_values_store

        for kind in REGION_FILES:
            region.files.register(kind, name=kind.name)
        results_published.connect(survey_values_store, dispatch_uid="indicators-survey-values")
