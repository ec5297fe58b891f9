"""Where files with personal data are kept: under no URL at all."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files with personal data (PDF lists) in PRIVATE_MEDIA_ROOT: under no URL at all, only
    downloaded through views that check who asks. The folder is read from the settings on
    every use, so that tests (and a changed setting) take effect."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; download them through their view.")


_private_storage = PrivateStorage()


def private_storage():
    return _private_storage
