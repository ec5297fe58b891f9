"""What every view of the open data shares: the rate limit per address, the shared page
cache, and the pagination.

A view of the API declares what it shows, as the public pages do::

    class IndicatorList(PublicData, generics.ListAPIView):
        depends_on = ["indicators.Indicator", "indicators.Area"]

and its answers are counted against the address's limit, then served from the shared page
cache (:func:`arshjul.lib.page_cache.public_data`) — made anew when a row of a model it
depends on is saved. A function view (a file, the catalogue) is wrapped with
:func:`open_data` the same way.
"""

from functools import wraps
from http import HTTPStatus
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from arshjul.lib import ratelimit
from arshjul.lib.page_cache import public_data

from .errors import error_response
from .selectors import settings_current

RATE_WINDOW = 60
CATALOGUE = "opendata.CatalogueSettings"


def within_rate_limit(request) -> bool:
    """Count this request against its address's limit (OPEN_DATA_RATE_LIMIT a minute)."""
    return ratelimit.hit(
        "open-data",
        ratelimit.client_ip(request),
        limit=settings.OPEN_DATA_RATE_LIMIT,
        window=RATE_WINDOW,
    )


def _with_catalogue(depends_on):
    """Every answer names the licence staff set: it depends on the catalogue's settings."""
    if callable(depends_on):
        return lambda: [*depends_on(), CATALOGUE]
    return [*depends_on, CATALOGUE]


def licensed(view):
    """Name the data's licence on the answer (``Link: <…>; rel="license"``, RFC 5988), unless
    the view named it (and more) itself."""

    @wraps(view)
    def licensed_view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if "Link" not in response:
            response["Link"] = f'<{settings_current().licence}>; rel="license"'
        return response

    return licensed_view


def open_data(*, depends_on):
    """Rate-limit, then serve from the shared page cache (module docstring), with the
    licence named on every answer."""

    def decorate(view):
        cached = public_data(depends_on=_with_catalogue(depends_on))(licensed(view))

        @wraps(view)
        def limited_view(request, *args, **kwargs):
            if request.method != "OPTIONS" and not within_rate_limit(request):
                return error_response(
                    HTTPStatus.TOO_MANY_REQUESTS, "throttled", Retry_After=str(RATE_WINDOW)
                )
            return cached(request, *args, **kwargs)

        return limited_view

    return decorate


class PublicData:
    """A mixin for the API's views (first in the bases): ``depends_on`` as for
    :func:`open_data`."""

    depends_on: list[str] = []

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        return open_data(depends_on=cls.depends_on)(view)


class Pagination(PageNumberPagination):
    """Pages of 100 rows by default, up to 1,000 (``?page=2&page_size=500``); the answer
    says how many there are and links the next and previous page.

    A page or page size that is not a whole number from 1 is a 400 naming the parameter
    (DRF would answer 404, or quietly use the default size); a page past the last is a 404;
    a size over 1,000 gives 1,000. The links start with SITE_URL, not with the host the
    first request named: the answer is kept in the shared cache and served to everyone."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000

    def paginate_queryset(self, queryset, request, view=None):
        errors = {}
        for name in (self.page_query_param, self.page_size_query_param):
            given = request.query_params.get(name)
            if given is not None and not (given.isascii() and given.isdigit() and int(given)):
                errors[name] = [_("A whole number from 1.")]
        if errors:
            raise ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        given = request.query_params.get(self.page_size_query_param)
        return min(int(given), self.max_page_size) if given else self.page_size

    def get_next_link(self):
        return _on_site(super().get_next_link())

    def get_previous_link(self):
        return _on_site(super().get_previous_link())

    def get_paginated_response_schema(self, schema):
        found = super().get_paginated_response_schema(schema)
        for link in ("next", "previous"):  # OpenAPI 3.1: null is a type, not "nullable"
            found["properties"][link].pop("nullable", None)
            found["properties"][link]["type"] = ["string", "null"]
            found["properties"][link]["example"] = f"{settings.SITE_URL}/api/v1/values/?page=2"
        found["properties"]["count"]["description"] = "Antal rader i alla sidor / Rows in all pages"
        return found

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Sidans nummer, från 1 / The page's number, from 1",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": (
                    f"Rader per sida, {self.page_size} om inget anges, högst {self.max_page_size}"
                    f" / Rows per page, {self.page_size} by default, {self.max_page_size} at most"
                ),
                "schema": {"type": "integer", "minimum": 1},
            },
        ]


def _on_site(link: str | None) -> str | None:
    """``link`` with SITE_URL's scheme and host."""
    if link is None:
        return None
    parts = urlsplit(link)
    site = urlsplit(settings.SITE_URL)
    return urlunsplit((site.scheme, site.netloc, parts.path, parts.query, ""))
