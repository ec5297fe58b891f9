from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The pages that gather several apps (see the package's docstring)."""

    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from . import posters  # noqa: F401 - the poster's kind of PDF
