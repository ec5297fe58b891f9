"""The bulk files: every dataset of :data:`opendata.datasets.DATASETS` as plain CSV, CSV for
Excel and XLSX (formats: :mod:`opendata.writers`), and one Frictionless Data Package that
describes them all (:mod:`opendata.datapackage`).

Each answer names its licence and its description in the ``Link`` header (RFC 8288:
``rel="license"``, ``rel="describedby"``), is counted against the address's rate limit and
is kept in the shared page cache until a row it is made from changes (the dataset's models,
the catalogue's settings — the licence — and the organiser's identity — the publisher).
A dataset that does not exist, a method other than GET, and a filter the file does not know
are answered in JSON, as the API answers (:mod:`opendata.errors`): a machine asked.
"""

from http import HTTPStatus

from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from arshjul.lib.exports import XLSX

from .api import open_data
from .datapackage import package
from .datasets import DATASETS, Dataset
from .errors import error_response
from .filters import FilterError, rows_filtered
from .imprint import IMPRINT_MODELS, Imprint, imprint_current
from .views import page
from .writers import excel_csv, plain_csv, xlsx

CSV = "text/csv; charset=utf-8"
SAFE = {"GET", "HEAD"}

# format → (how the file is written, its content type, its name from the dataset's slug)
FORMATS = {
    "csv": (lambda d, rows, imprint: plain_csv(d, rows), CSV, "{}.csv"),
    "csv-excel": (lambda d, rows, imprint: excel_csv(d, rows), CSV, "{}-excel.csv"),
    "xlsx": (xlsx, XLSX, "{}.xlsx"),
}


def _described(response, imprint: Imprint, filename: str | None = None):
    """The headers every file carries: its licence, its data dictionary, its name."""
    response["Link"] = (
        f'<{imprint.licence_url}>; rel="license", '
        f'<{imprint.datapackage_url}>; rel="describedby"; type="application/json"'
    )
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _only_reading(request):
    if request.method not in SAFE:
        return error_response(
            HTTPStatus.METHOD_NOT_ALLOWED, "method_not_allowed", Allow="GET, HEAD"
        )
    return None


def _file_view(dataset: Dataset, format_name: str):
    write, content_type, name = FORMATS[format_name]

    def view(request, slug):
        if refused := _only_reading(request):
            return refused
        try:
            narrowed = rows_filtered(dataset, request.GET)
        except FilterError as error:
            return error_response(HTTPStatus.BAD_REQUEST, "invalid", details=error.details)
        imprint = imprint_current()
        content = write(dataset, narrowed(dataset.rows()), imprint)
        response = HttpResponse(content, content_type=content_type)
        return _described(response, imprint, name.format(dataset.slug))

    view.__name__ = f"{dataset.slug}_{format_name}".replace("-", "_")
    return open_data(depends_on=[*dataset.depends_on, *IMPRINT_MODELS])(view)


def _no_such_dataset(request, slug):
    if refused := _only_reading(request):
        return refused
    return error_response(
        HTTPStatus.NOT_FOUND,
        "not_found",
        _("There is no such dataset. The datasets are listed at /oppna-data/."),
    )


# One view per dataset and format, each kept in the cache with the models of its own dataset.
_VIEWS = {(fmt, slug): _file_view(d, fmt) for slug, d in DATASETS.items() for fmt in FORMATS}
_UNKNOWN = open_data(depends_on=[])(_no_such_dataset)


def _dispatch(format_name: str):
    def view(request, slug: str):
        return _VIEWS.get((format_name, slug), _UNKNOWN)(request, slug)

    view.__name__ = f"dataset_{format_name}".replace("-", "_")
    view.__doc__ = f"A dataset as {format_name} (module docstring)."
    return view


def _datapackage(request):
    """The data dictionary of every dataset, for machines."""
    if refused := _only_reading(request):
        return refused
    imprint = imprint_current()
    response = JsonResponse(
        package(DATASETS, imprint), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    return _described(response, imprint)


def _every_model() -> list[str]:
    return sorted({m for d in DATASETS.values() for m in d.depends_on} | set(IMPRINT_MODELS))


datapackage = open_data(depends_on=_every_model())(_datapackage)


urlpatterns = [
    path("oppna-data/", page, name="page"),
    # The Excel variant first: "<slug>-excel.csv" would otherwise be read as a slug.
    path("oppna-data/filer/<slug:slug>-excel.csv", _dispatch("csv-excel"), name="csv-excel"),
    path("oppna-data/filer/<slug:slug>.csv", _dispatch("csv"), name="csv"),
    path("oppna-data/filer/<slug:slug>.xlsx", _dispatch("xlsx"), name="xlsx"),
    path("oppna-data/datapackage.json", datapackage, name="datapackage"),
]
