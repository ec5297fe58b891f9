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

from django.conf import settings
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
    says how many there are and links the next and previous page."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
