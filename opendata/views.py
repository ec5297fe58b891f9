"""The developers' page "Öppna data": what there is and for whom, each dataset with its files,
its API endpoint and its data dictionary, the API's documentation, the DCAT-AP-SE catalogue
and examples with curl — all made from :data:`opendata.datasets.DATASETS`."""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from arshjul.lib.page_cache import public_page

from .datasets import DATASETS, Coverage, Dataset
from .imprint import IMPRINT_MODELS, imprint_current
from .selectors import settings_current
from .writers import KIND_WORDS

# The curl examples: one indicator's values for the county's municipalities, 2015–2025.
# The same parameters for the API and the files: each names the field it filters.
EXAMPLE_QUERY = "indicator=N00914&geography_level=municipality&year_from=2015&year_to=2025"
EXAMPLE_DATASET = "indikatorvarden"


def _page_models() -> list[str]:
    return sorted({m for d in DATASETS.values() for m in d.depends_on} | set(IMPRINT_MODELS))


@dataclass(frozen=True)
class ShownDataset:
    dataset: Dataset
    coverage: Coverage
    columns: list[dict]
    files: list[dict]
    api_url: str | None


def _shown(dataset: Dataset) -> ShownDataset:
    slug = dataset.slug
    files = [
        {"label": label, "url": reverse(f"opendata:{fmt}", args=[slug]), "format": fmt}
        for fmt, label in [
            ("csv-excel", _("CSV for Excel")),
            ("csv", "CSV"),
            ("xlsx", "XLSX"),
        ]
    ]
    columns = [
        {
            "name": c.name,
            "heading": c.heading,
            "kind": KIND_WORDS[c.kind],
            "description": c.description,
        }
        for c in dataset.columns
    ]
    return ShownDataset(
        dataset=dataset,
        coverage=dataset.coverage(),
        columns=columns,
        files=files,
        api_url=reverse(dataset.api_url_name),
    )


@require_safe
@public_page(depends_on=_page_models())
def page(request):
    imprint = imprint_current()
    site = settings.SITE_URL
    catalogue = {key: reverse(f"opendata:catalogue-{key}") for key in ("rdf", "jsonld")}
    chosen = settings_current()
    example_file = (
        reverse("opendata:csv", args=[EXAMPLE_DATASET]) if EXAMPLE_DATASET in DATASETS else None
    )
    context = {
        "imprint": imprint,
        "catalogue_settings": chosen,
        "public_domain": chosen.licence == chosen.Licence.CC0,
        "datasets": [_shown(d) for d in DATASETS.values()],
        "catalogue": catalogue,
        "datapackage_url": reverse("opendata:datapackage"),
        "docs_url": reverse("opendata:docs"),
        "schema_url": reverse("opendata:schema"),
        "site_url": site,
        "rate_limit": settings.OPEN_DATA_RATE_LIMIT,
        "examples": {
            "values": f"{site}/api/v1/values/?{EXAMPLE_QUERY}",
            "file": f"{site}{example_file}?{EXAMPLE_QUERY}" if example_file else None,
            "catalogue": f"{site}{catalogue['jsonld']}",
            "datapackage": f"{site}{reverse('opendata:datapackage')}",
        },
    }
    return render(request, "opendata/page.html", context)
