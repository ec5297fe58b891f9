"""Who runs the site, for everything the infrastructure makes: e-mails (signature, reply
address, sender's name), calendar files (the organiser), PDFs (the name and logo).

The infrastructure knows no domain: ``settings.BRANDING`` names where the branding comes
from (the core's identity, by its dotted path, as Django names a backend); without it — or on
a site that has not set one up — the product's own neutral face is used.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_ACCENT = "#004b87"


@dataclass(frozen=True)
class Branding:
    organiser: str = ""
    accent: str = DEFAULT_ACCENT
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    address: str = ""
    signature: str = ""
    reply_to: str = ""
    # The site's address of the logo (for pages); empty without one.
    logo_url: str = ""
    version: str = "0"  # changes whenever any of it does (for caches and asset URLs)
    # Reads the logo itself, only where it is embedded (a PDF): pages never carry its bytes.
    logo_loader: Callable[[], str] | None = field(default=None, repr=False, compare=False)

    @property
    def logo_data_uri(self) -> str:
        """The logo as a data: URI (the PDF renderer fetches nothing from outside)."""
        return self.logo_loader() if self.logo_loader else ""


@cache
def _source(path: str) -> Callable[[], Branding]:
    return import_string(path)


def branding() -> Branding:
    """Who runs the site now (``settings.BRANDING``), or the neutral face."""
    path = getattr(settings, "BRANDING", "")
    return _source(path)() if path else Branding()
