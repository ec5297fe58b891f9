from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from arshjul import wheel

        from .wheel import meeting_steps

        wheel.register(meeting_steps)
