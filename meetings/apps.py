from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from arshjul import cycle_pages, demo, region, wheel
        from arshjul.signals import cycle_copied

        from .demo import seed_cycle
        from .pages import meeting_parts
        from .region_files import MEETINGS_FILE
        from .services import meetings_copy_to_cycle
        from .wheel import meeting_steps

        wheel.providers.register(meeting_steps, depends_on=["meetings.Meeting"])
        cycle_pages.providers.register(
            meeting_parts, depends_on=["meetings.Meeting", "meetings.Material"]
        )
        demo.seeders.register(seed_cycle)
        region.files.register(MEETINGS_FILE, name=MEETINGS_FILE.name)
        cycle_copied.connect(meetings_copy_to_cycle, dispatch_uid="meetings-copy-to-cycle")
