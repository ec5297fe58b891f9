"""Render a template to PDF with WeasyPrint — only from local files.

WeasyPrint is imported here, when a PDF is made, never at start-up: the site runs on a machine
without Pango, and says what to install when a PDF is asked for there.

The URL fetcher serves the document's stylesheets, fonts and images from our own static and
media files, and refuses everything else: no request leaves the server while rendering, and no
``file://`` path outside those folders is read (a template or an uploaded document cannot
pull in /etc/passwd or an internal URL).
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation

from .branding import branding

logger = logging.getLogger(__name__)

INSTALL_HINT = (
    "WeasyPrint needs the Pango library to make PDFs. Install it: on Debian or Ubuntu "
    "`apt-get install libpango-1.0-0 libpangoft2-1.0-0`, on macOS `brew install pango`. "
    "See https://doc.courtbouillon.org/weasyprint/stable/first_steps.html"
)


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs are not installed here."""


class RefusedURL(ValueError):
    """A document asked for a resource the PDF renderer may not fetch."""


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango's shared library is missing
        raise PdfUnavailable(f"{INSTALL_HINT} ({exc})") from exc
    return weasyprint


def site_base_url() -> str:
    return settings.SITE_URL.rstrip("/") + "/"


def _local_roots() -> list[Path]:
    roots = [Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)]
    roots += [Path(d if isinstance(d, str | Path) else d[1]) for d in settings.STATICFILES_DIRS]
    return [root.resolve() for root in roots]


def resolve_local(url: str) -> Path:
    """The local file behind one of our static or media URLs (absolute on SITE_URL, or a
    ``file://`` path inside our static and media folders). Raises :class:`RefusedURL`."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if any(path.is_relative_to(root) for root in _local_roots()) and path.is_file():
            return path
        raise RefusedURL(f"Refused a file outside the static and media folders: {url}")

    site = urlsplit(site_base_url())
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        raise RefusedURL(f"Refused a remote resource: {url}")
    path = unquote(parts.path)
    try:
        if path.startswith(settings.STATIC_URL):
            name = path.removeprefix(settings.STATIC_URL)
            # The source first: a collected copy may be older (a developer's earlier
            # collectstatic); a hashed name (a manifest's) exists only where collected.
            found = finders.find(name)
            if not found and staticfiles_storage.exists(name):
                found = staticfiles_storage.path(name)
            if found:
                return Path(found)
        elif settings.MEDIA_URL and path.startswith(settings.MEDIA_URL):
            candidate = Path(settings.MEDIA_ROOT) / path.removeprefix(settings.MEDIA_URL)
            candidate = candidate.resolve()
            if (
                candidate.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
                and candidate.is_file()
            ):
                return candidate
    except (SuspiciousFileOperation, NotImplementedError):
        pass
    raise RefusedURL(f"Refused a resource that is not one of our static or media files: {url}")


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = resolve_local(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return LocalOnlyFetcher


def render_pdf(
    template_name: str,
    context: dict | None = None,
    *,
    language: str = "sv",
    variant: str | None = None,
) -> bytes:
    """Render a Django template to PDF bytes (tagged, for screen readers), in ``language``;
    ``variant`` asks WeasyPrint for a standard's profile (e.g. "pdf/ua-1")."""
    weasyprint = _weasyprint()
    with translation.override(language):
        html = render_to_string(template_name, {"branding": branding(), **(context or {})})
    return html_to_pdf(html, weasyprint=weasyprint, variant=variant)


def html_to_pdf(html: str, *, weasyprint=None, variant: str | None = None) -> bytes:
    weasyprint = weasyprint or _weasyprint()
    fetcher = _fetcher_class()(allowed_protocols={"http", "https", "file", "data"})
    document = weasyprint.HTML(string=html, base_url=site_base_url(), url_fetcher=fetcher)
    if variant:
        return document.write_pdf(pdf_variant=variant)
    return document.write_pdf(pdf_tags=True)
