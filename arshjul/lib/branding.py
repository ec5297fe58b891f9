"""Who runs the site, for everything the infrastructure makes: e-mails (signature, reply
address, sender's name), calendar files (the organiser), PDFs (the name and logo).

The infrastructure knows no domain: the core tells it where the branding comes from
(:func:`use`, from ``AppConfig.ready()``), and until then — or on a site that has not set
it — the product's own neutral face is used.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

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


_source: Callable[[], Branding] | None = None


def use(source: Callable[[], Branding]) -> None:
    """Where the branding comes from (the core's identity)."""
    global _source
    _source = source


def branding() -> Branding:
    return _source() if _source is not None else Branding()
