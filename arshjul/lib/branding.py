"""Who runs the site, for everything the infrastructure makes: e-mails (signature, reply
address, sender's name), calendar files (the organiser), PDFs (the name and logo).

The infrastructure knows no domain: the core tells it where the branding comes from
(:func:`use`, from ``AppConfig.ready()``), and until then — or on a site that has not set
it — the product's own neutral face is used.
"""

from collections.abc import Callable
from dataclasses import dataclass

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
    # The logo as a data: URI (for PDFs: the renderer fetches nothing from outside), and the
    # site's address of it (for pages). Empty without a logo.
    logo_data_uri: str = ""
    logo_url: str = ""
    version: str = "0"  # changes whenever any of it does (for caches and asset URLs)


_source: Callable[[], Branding] | None = None


def use(source: Callable[[], Branding]) -> None:
    """Where the branding comes from (the core's identity)."""
    global _source
    _source = source


def branding() -> Branding:
    return _source() if _source is not None else Branding()
