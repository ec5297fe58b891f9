from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """The strategy's indicators, their yearly values and the status analysis."""

    name = "indicators"
    verbose_name = _("Indicators and status analysis")
