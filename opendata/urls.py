"""The open data's addresses: the API under /api/v1/ (with its OpenAPI description and
documentation), the bulk files and the developers' page under /oppna-data/, the DCAT-AP-SE
catalogue beside them."""

from django.urls import include, path, re_path
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularSwaggerSplitView

from . import errors
from .api import open_data
from .schema import SchemaView

app_name = "opendata"

api = [
    path("", include("opendata.indicator_api")),
    path("", include("opendata.cycle_api")),
    # JSON only: one answer per address, as the page cache keeps it (no Accept negotiation).
    path(
        "schema/",
        open_data(depends_on=[])(SchemaView.as_view(renderer_classes=[OpenApiJsonRenderer])),
        name="schema",
    ),
    path(
        "docs/",
        open_data(depends_on=[])(
            SpectacularSwaggerSplitView.as_view(
                url_name="opendata:schema", template_name="opendata/swagger_ui.html"
            )
        ),
        name="docs",
    ),
    # Anything else under /api/v1/: an error a machine can read, not an HTML page.
    # Any character, a line break (%0A) too ("." would not match it).
    re_path(r"^[\s\S]*$", errors.not_found, name="api-not-found"),
]

urlpatterns = [
    path("api/v1/", include(api)),
    path("", include("opendata.files")),
    path("", include("opendata.catalogue")),
]
