from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArshjulConfig(AppConfig):
    """The cycle itself and what every app shares: organisations, challenges, coordinators."""

    name = "arshjul"
    verbose_name = _("Annual cycle")
