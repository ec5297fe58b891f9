from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from arshjul import services, wheel

        from .services import meetings_copy_to_cycle
        from .wheel import meeting_steps

        wheel.register(meeting_steps)
        services.register_cycle_copier(meetings_copy_to_cycle)
