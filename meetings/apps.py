from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from arshjul import region

        from .region_files import MEETINGS_FILE

        region.files.register(MEETINGS_FILE, name=MEETINGS_FILE.name)
