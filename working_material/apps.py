from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkingMaterialConfig(AppConfig):
    """The working material: what each organisation does per focus challenge, shared before
    the work meeting and compiled for the workshop."""

    name = "working_material"
    verbose_name = _("Working material")

    def ready(self):
        from arshjul import dashboard, demo, todo, wheel
        from arshjul.lib.mail_kinds import mail_kinds_register
        from arshjul.reminders import kind_register
        from registrations import checklist

        from . import documents, reminders  # noqa: F401 - the compilation PDF
        from .dashboard import material_columns
        from .demo import seed_cycle
        from .todo import material_done, material_tasks
        from .wheel import material_steps

        models = ["working_material.WorkingMaterial", "working_material.GuidingQuestions"]
        todo.providers.register(material_tasks, depends_on=[*models, "working_material.Answer"])
        checklist.tickers.register(material_done, name="working_material")
        demo.seeders.register(seed_cycle)
        kind_register(reminders.WORKING_MATERIAL)
        wheel.providers.register(material_steps, depends_on=["working_material.WorkingMaterial"])
        dashboard.providers.register(material_columns, depends_on=[*models])
        mail_kinds_register({"working_material_reminder": _("Working material reminder")})
