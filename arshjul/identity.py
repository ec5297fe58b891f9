"""The organiser's identity (:class:`arshjul.models.Identity`): reading it (cached, for every
page), checking what staff set (the accent colour's contrast, the logo's content), and handing
it to the infrastructure as its branding (:mod:`arshjul.lib.branding`).
"""

import base64
import logging
import re
import xml.etree.ElementTree as ET  # noqa: S405 - the tree builder only; defusedxml parses
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
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
#
# A logo is a plain drawing. The checker knows which SVG elements and attributes make one
# (below); a file that tries to do anything else — run or embed something, animate, link or
# load from outside, hide a URL in a style behind capitals or escapes, carry a processing
# instruction or a DOCTYPE — is refused, saying why. Whatever else it holds that is not on the
# lists (a drawing program's notes and metadata) is left out: what is kept is our own writing
# of the parts we know, so a browser reads exactly what was checked.

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

SVG_ELEMENTS = {
    *("svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "style"),
    *("path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "image"),
    *("text", "tspan", "textPath", "marker", "clipPath", "mask", "pattern"),
    *("linearGradient", "radialGradient", "stop", "filter", "feBlend", "feColorMatrix"),
    *("feComponentTransfer", "feComposite", "feDropShadow", "feFlood", "feFuncA", "feFuncB"),
    *("feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology"),
    *("feOffset", "feTile"),
}
# Refused, wherever they are: what runs, embeds, links or moves (in any namespace).
ACTIVE_ELEMENTS = {
    "script", "foreignobject", "iframe", "frame", "embed", "object", "audio", "video",
    "canvas", "a", "handler", "listener", "feimage", "link", "meta", "base", "html", "body",
}  # fmt: skip
ANIMATION_ELEMENTS = {"animate", "animatemotion", "animatetransform", "animatecolor", "set"}
ANIMATION_ELEMENTS |= {"discard", "mpath"}

SVG_ATTRIBUTES = {
    # structure and geometry
    *("id", "class", "style", "transform", "viewBox", "preserveAspectRatio", "version"),
    *("width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry"),
    *("fx", "fy", "fr", "d", "points", "pathLength", "href", "role", "focusable", "lang"),
    *("aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "baseProfile"),
    # paint
    *("fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity"),
    *("stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray"),
    *("stroke-dashoffset", "opacity", "color", "display", "visibility", "overflow"),
    *("clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits", "maskContentUnits"),
    *("paint-order", "vector-effect", "shape-rendering", "mix-blend-mode", "isolation"),
    *("enable-background", "color-interpolation", "color-interpolation-filters"),
    # gradients, patterns, markers
    *("offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform"),
    *("spreadMethod", "patternUnits", "patternContentUnits", "patternTransform"),
    *("markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient"),
    *("marker-start", "marker-mid", "marker-end"),
    # text
    *("font-family", "font-size", "font-weight", "font-style", "font-variant", "font"),
    *("font-stretch", "text-anchor", "dominant-baseline", "alignment-baseline"),
    *("letter-spacing", "word-spacing", "text-decoration", "writing-mode", "dx", "dy"),
    *("rotate", "textLength", "lengthAdjust", "startOffset", "baseline-shift"),
    # filters
    *("filter", "filterUnits", "primitiveUnits", "in", "in2", "result", "mode"),
    *("operator", "k1", "k2", "k3", "k4", "values", "type", "stdDeviation", "radius"),
    *("flood-color", "flood-opacity", "tableValues", "slope", "intercept", "amplitude"),
    *("exponent", "edgeMode", "lighting-color"),
    # <style>
    "media",
}
XML_ATTRIBUTES = {"space", "lang"}  # xml:space, xml:lang
MAX_DEPTH = 100  # groups in groups: a drawing needs a few

# CSS (a <style>, a style attribute, and every attribute a browser reads as CSS) may call
# these functions only; url() only to a part of the drawing itself (#id).
CSS_FUNCTIONS = {
    "url", "rgb", "rgba", "hsl", "hsla", "calc", "var", "min", "max", "clamp",
    "translate", "translatex", "translatey", "scale", "scalex", "scaley", "rotate",
    "matrix", "skewx", "skewy",
}  # fmt: skip
# Attributes a browser does not read as CSS (names, labels, path data).
PLAIN_ATTRIBUTES = {
    "id", "class", "role", "lang", "aria-label", "aria-labelledby", "aria-describedby",
    "aria-hidden", "focusable", "version", "baseProfile", "d", "points", "viewBox",
}  # fmt: skip
_CSS_FUNCTION = re.compile(r"([a-z_-][\w-]*)\s*\(", re.IGNORECASE)
_LOCAL_URL = re.compile(r"""url\(\s*(['"]?)#[\w.:-]+\1\s*\)""", re.IGNORECASE)
_RASTER_DATA = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+", re.I)


def logo_checked(name: str, content: bytes) -> tuple[bytes, str]:
    """The logo as it is kept and its content type, after checking it as uploads are
    checked: by its content, not its name; an SVG must be a plain drawing (see above), and
    is kept as our own writing of it. Raises ValueError with the reason, for staff."""
    if len(content) > LOGO_MAX_BYTES:
        raise ValueError(_("The logo is larger than 512 kB."))
    if content.startswith(PNG):
        return content, "image/png"
    if name.lower().endswith(".svg"):
        return _svg_cleaned(content), "image/svg+xml"
    raise ValueError(_("The logo must be an SVG or PNG file (its content, not only its name)."))


class _Builder(ET.TreeBuilder):
    """The tree, and the processing instructions met on the way (ElementTree drops them)."""

    def __init__(self):
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target, text=None):
        self.instructions.append(target)


def _svg_cleaned(content: bytes) -> bytes:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(_("The SVG file is not UTF-8 text.")) from exc
    builder = _Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    try:
        parser.feed(text)
        root = parser.close()
    except DefusedXmlException as exc:
        raise ValueError(_("The SVG file may not declare a DOCTYPE or entities.")) from exc
    except ET.ParseError as exc:
        raise ValueError(_("The SVG file is not well-formed XML.")) from exc
    if builder.instructions:
        raise ValueError(
            _("The SVG file contains a processing instruction (%(what)s), such as a style sheet.")
            % {"what": builder.instructions[0]}
        )
    if _name(root.tag) != (SVG_NS, "svg"):
        raise ValueError(_("The file is not an SVG image."))
    for element in root.iter():
        _refuse_active(element)
    return _written(root)


def _name(qualified: str) -> tuple[str, str]:
    """(namespace, local name) of an element; no namespace counts as SVG's."""
    if qualified.startswith("{"):
        namespace, local = qualified[1:].split("}", 1)
        return namespace, local
    return SVG_NS, qualified


def _attribute(qualified: str) -> tuple[str, str]:
    """(namespace, local name) of an attribute; "" for none (most of SVG's own)."""
    if qualified.startswith("{"):
        namespace, local = qualified[1:].split("}", 1)
        return namespace, local
    return "", qualified


def _refuse_active(element) -> None:
    local = _name(element.tag)[1].lower()
    if local in ACTIVE_ELEMENTS:
        raise ValueError(_("The SVG file contains a script or embedded content."))
    if local in ANIMATION_ELEMENTS:
        raise ValueError(
            _("The SVG file contains an animation (%(element)s): a logo is a still drawing.")
            % {"element": _name(element.tag)[1]}
        )
    if local == "style":
        _check_css(element.text or "")
    for qualified, value in element.attrib.items():
        namespace, name = _attribute(qualified)
        if name.lower().startswith("on"):
            raise ValueError(
                _("The SVG file contains an event handler (%(a)s).") % {"a": name.lower()}
            )
        if name.lower() == "href":
            _check_href(local, value)
        elif not namespace and name in SVG_ATTRIBUTES and name not in PLAIN_ATTRIBUTES:
            _check_css(value)  # a browser reads it as CSS


def _check_href(element: str, value: str) -> None:
    """A link to a part of the drawing itself; or, in an <image>, an embedded raster
    picture (PNG, JPEG, GIF, WebP: a raster cannot act)."""
    value = value.strip()
    if re.fullmatch(r"#[\w.:-]+", value):
        return
    if element == "image" and _RASTER_DATA.fullmatch(value):
        return
    raise ValueError(_("The SVG file links to something outside itself."))


def _check_css(css: str) -> None:
    if "\\" in css:
        raise ValueError(
            _("The SVG file's style is written with escape characters, which hide what it does.")
        )
    if "@" in css:  # @import, @font-face, @namespace…: a logo's style needs none
        raise ValueError(_("The SVG file links to something outside itself."))
    for match in _CSS_FUNCTION.finditer(css):
        function = match[1].lower()
        if function not in CSS_FUNCTIONS or (
            function == "url" and not _LOCAL_URL.match(css, match.start(1))
        ):
            raise ValueError(_("The SVG file links to something outside itself."))


def _written(root) -> bytes:
    """The drawing as we write it: SVG's elements and attributes on the lists above, with
    their text; everything else (a program's notes: metadata, sodipodi:namedview…) left
    out."""
    uses_xlink = any(f"{{{XLINK_NS}}}href" in element.attrib for element in root.iter())
    parts: list[str] = []

    def write(element, depth=0) -> None:
        namespace, local = _name(element.tag)
        if namespace != SVG_NS or local not in SVG_ELEMENTS:
            return
        if depth > MAX_DEPTH:
            raise ValueError(_("The SVG file is nested deeper than a drawing needs."))
        parts.append(f"<{local}")
        if element is root:
            parts.append(f' xmlns="{SVG_NS}"')
            if uses_xlink:
                parts.append(f' xmlns:xlink="{XLINK_NS}"')
        for qualified, value in element.attrib.items():
            if name := _kept_attribute(qualified):
                parts.append(f" {name}={quoteattr(value)}")
        if not element.text and not len(element):
            parts.append("/>")
            return
        parts.append(">" + escape(element.text or ""))
        for child in element:
            write(child, depth + 1)
            parts.append(escape(child.tail or ""))
        parts.append(f"</{local}>")

    write(root)
    return "".join(parts).encode()


def _kept_attribute(qualified: str) -> str:
    """The attribute's name as written, if it is kept ("" if not)."""
    namespace, name = _attribute(qualified)
    if not namespace:
        return name if name in SVG_ATTRIBUTES else ""
    if namespace == XLINK_NS and name == "href":
        return "xlink:href"
    if namespace == XML_NS and name in XML_ATTRIBUTES:
        return f"xml:{name}"
    return ""
