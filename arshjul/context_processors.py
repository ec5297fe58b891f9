"""What every page's template gets."""

from .lib.branding import branding as current_branding


def branding(request) -> dict:
    """The organiser's name, logo, colour and contacts, for the header and footer."""
    return {"branding": current_branding()}
