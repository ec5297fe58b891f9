from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkingMaterialConfig(AppConfig):
    """The working material: what each organisation does per focus challenge, shared before
    the work meeting and compiled for the workshop."""

    name = "working_material"
    verbose_name = _("Working material")

    def ready(self):
        from arshjul.lib.mail_kinds import mail_kinds_register
        from arshjul.reminders import kind_register

        from . import pdfs, reminders  # noqa: F401 - the compilation's kind of PDF

        kind_register(reminders.WORKING_MATERIAL)
        mail_kinds_register({"working_material_reminder": _("Working material reminder")})
