from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    """The lägesbild: per focus challenge, the indicators, what the organisations do and what
    the work meeting added, side by side — with the gaps and where organisations can join
    forces."""

    name = "situation"
    verbose_name = _("Lägesbild")

    def ready(self):
        from . import pdfs  # noqa: F401 - the lägesbild's PDF
