"""The organiser's identity (:class:`arshjul.models.Identity`): reading it (cached, for every
page), checking what staff set (the accent colour's contrast, the logo's content), and handing
it to the infrastructure as its branding (:mod:`arshjul.lib.branding`).
"""

import base64
import logging
import re
import xml.etree.ElementTree as ET  # noqa: S405 - only after refusing DTDs and entities

from django.core.cache import cache
from django.db import DatabaseError
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.translation import gettext as _

from .colours import accent_problem
from .lib.branding import Branding
from .models import Identity

__all__ = ["accent_problem", "identity_branding", "identity_current", "logo_checked"]

logger = logging.getLogger(__name__)

CACHE_KEY = "identity:v1"
BRANDING_KEY = "identity:branding:v1"
LOGO_MAX_BYTES = 512 * 1024
PNG = b"\x89PNG\r\n\x1a\n"


def identity_current() -> Identity:
    """The site's identity (an unsaved, neutral one before staff set it): from the cache,
    which every save empties. Without a database (a page that needs none, while it is down)
    the neutral one, not an error page."""
    found = cache.get(CACHE_KEY)
    if found is None:
        try:
            # Without the logo's bytes: every page reads this, only the logo's view and PDFs
            # need the picture (identity_logo()).
            found = (
                Identity.objects.defer("logo").annotate(logo_size=Length("logo")).order_by("pk")
            ).first() or Identity()
        except DatabaseError:
            logger.warning("The identity could not be read; the neutral one is shown.")
            stand_in = Identity()
            stand_in.unavailable = True
            return stand_in
        cache.set(CACHE_KEY, found, 3600)
    return found


def identity_logo() -> tuple[bytes, str]:
    """The logo's bytes and content type (b"" without one), cached by the identity's
    version."""
    identity = identity_current()
    if not getattr(identity, "logo_size", 0):
        return b"", ""
    key = f"{CACHE_KEY}:logo:{int(identity.updated_at.timestamp())}"
    found = cache.get(key)
    if found is None:
        logo = Identity.objects.filter(pk=identity.pk).values_list("logo", flat=True).first()
        found = (bytes(logo or b""), identity.logo_type)
        cache.set(key, found, 3600)
    return found


def identity_changed(**kwargs) -> None:
    """post_save / post_delete of Identity: read it anew."""
    cache.delete_many([CACHE_KEY, BRANDING_KEY])


def identity_branding() -> Branding:
    """The identity as the infrastructure's branding: on every page, so cached as it is
    (a small dataclass is quicker to read back than the model instance)."""
    found = cache.get(BRANDING_KEY)
    if found is None:
        identity = identity_current()
        found = _branding_of(identity)
        if not getattr(identity, "unavailable", False):  # not the stand-in for a database down
            cache.set(BRANDING_KEY, found, 3600)
    return found


def _branding_of(identity: Identity) -> Branding:
    version = str(int(identity.updated_at.timestamp())) if identity.updated_at else "0"
    has_logo = bool(getattr(identity, "logo_size", 0))
    return Branding(
        organiser=identity.organiser_name,
        accent=identity.accent_colour,
        contact_name=identity.contact_name,
        contact_email=identity.contact_email,
        contact_phone=identity.contact_phone,
        address=identity.address,
        signature=identity.mail_signature,
        reply_to=identity.reply_to,
        logo_url=f"{reverse('identity-logo')}?v={version}" if has_logo else "",
        version=version,
        logo_loader=_logo_data_uri if has_logo else None,
    )


def _logo_data_uri() -> str:
    content, content_type = identity_logo()
    return f"data:{content_type};base64,{base64.b64encode(content).decode()}" if content else ""


# --- The logo ----------------------------------------------------------------------------------

SVG_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video"}


def logo_checked(name: str, content: bytes) -> str:
    """The logo's content type, after checking it as uploads are checked: by its content,
    not its name; an SVG must be plain drawing (no script, no event handler, no link out).
    Raises ValueError with the reason, for staff."""
    if len(content) > LOGO_MAX_BYTES:
        raise ValueError(_("The logo is larger than 512 kB."))
    if content.startswith(PNG):
        return "image/png"
    if name.lower().endswith(".svg"):
        _check_svg(content)
        return "image/svg+xml"
    raise ValueError(_("The logo must be an SVG or PNG file (its content, not only its name)."))


def _check_svg(content: bytes) -> None:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(_("The SVG file is not UTF-8 text.")) from exc
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise ValueError(_("The SVG file may not declare a DOCTYPE or entities."))
    try:
        root = ET.fromstring(text)  # noqa: S314 - DTDs and entities refused above
    except ET.ParseError as exc:
        raise ValueError(_("The SVG file is not well-formed XML.")) from exc
    if _local(root.tag) != "svg":
        raise ValueError(_("The file is not an SVG image."))
    for element in root.iter():
        tag = _local(element.tag).lower()
        if tag in SVG_FORBIDDEN_TAGS:
            raise ValueError(_("The SVG file contains a script or embedded content."))
        if tag == "style" and re.search(r"@import|url\(\s*(?!#)", element.text or ""):
            raise ValueError(_("The SVG file links to something outside itself."))
        for attribute, value in element.attrib.items():
            local = _local(attribute).lower()
            if local.startswith("on"):
                raise ValueError(
                    _("The SVG file contains an event handler (%(a)s).") % {"a": local}
                )
            if local == "href" and not value.strip().startswith(("#", "data:image/")):
                raise ValueError(_("The SVG file links to something outside itself."))
            if "url(" in value and not re.fullmatch(r"\s*url\(#[\w.-]+\)\s*", value):
                raise ValueError(_("The SVG file links to something outside itself."))


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]
