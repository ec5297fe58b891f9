from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    """The leadership-group survey on the four hard-to-measure indicators."""

    name = "survey"
    verbose_name = _("Leadership survey")
