"""What every file, the data package and the developers' page say about where the data come
from and on what terms: the licence staff chose (CC0 unless they set another), the publisher
(the organiser's identity) and the site's own address."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from arshjul.identity import identity_current

from .selectors import settings_current

# What the files' answers and the page depend on besides the datasets' own models.
IMPRINT_MODELS = ("opendata.CatalogueSettings", "arshjul.Identity")


@dataclass(frozen=True)
class Imprint:
    licence_name: str  # "CC0 1.0"
    licence_url: str
    publisher: str  # the organiser, as the catalogue names it
    site_url: str  # absolute, without a trailing slash

    def absolute(self, path: str) -> str:
        return f"{self.site_url}{path}"

    @property
    def page_url(self) -> str:
        return self.absolute(reverse("opendata:page"))

    @property
    def datapackage_url(self) -> str:
        return self.absolute(reverse("opendata:datapackage"))


def imprint_current() -> Imprint:
    chosen = settings_current()
    return Imprint(
        licence_name=chosen.get_licence_display(),
        licence_url=chosen.licence,
        # Before staff set the identity the site's own name stands in.
        publisher=identity_current().organiser_name or _("Årshjul"),
        site_url=settings.SITE_URL,
    )
