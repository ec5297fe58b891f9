"""Reads for the open data that span its own models."""

from django.contrib.auth import get_user_model

from arshjul.models import Coordinator

from .models import CatalogueSettings


def settings_current() -> CatalogueSettings:
    """The catalogue's settings as staff saved them, or an unsaved default (CC0)."""
    return CatalogueSettings.objects.order_by("pk").first() or CatalogueSettings()


def is_personal_address(email: str) -> bool:
    """Is ``email`` a person's: a user's (staff) or a coordinator's, in any cycle?"""
    return (
        get_user_model().objects.filter(email__iexact=email).exists()
        or Coordinator.objects.filter(email__iexact=email).exists()
    )
