"""Reads for the open data that span its own models."""

from .models import CatalogueSettings


def settings_current() -> CatalogueSettings:
    """The catalogue's settings as staff saved them, or an unsaved default (CC0)."""
    return CatalogueSettings.objects.order_by("pk").first() or CatalogueSettings()
