from io import StringIO

import pytest
from django.core.management import call_command

# Every public page, with the demo data loaded: the checks below run on each.
PUBLIC_PAGES = [
    "/",
    "/arshjul/",
    "/arshjul/2023/",
    "/arshjul/2027/moten/",
    "/arshjul/2027/moten/arbetsmote/",
    "/arshjul/2027/moten/riktningsmote/",
    "/arshjul/2027/moten/konferens/",
    "/arshjul/2023/moten/arbetsmote/",
    "/personuppgifter/",
    "/tillganglighet/",
    "/finns-inte/",  # the 404 page
]


@pytest.fixture
def demo_data(settings, frozen_now, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DEBUG = True  # seed_demo refuses otherwise
    frozen_now(2026, 11, 27, 12)
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False
