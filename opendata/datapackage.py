"""The data dictionary for machines: every dataset as a Frictionless Data Package
(https://specs.frictionlessdata.io/data-package/, "tabular-data-package"), whose resources
are the plain CSV files with their Table Schema — each column's name, title, type and
description — the licence and the source. Tools such as frictionless-py, R's
`frictionless` package or Open Knowledge's validators read the files with it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .datasets import Dataset
from .imprint import Imprint

# A column's kind as a Table Schema type.
FIELD_TYPES = {
    "string": "string",
    "integer": "integer",
    "decimal": "number",
    "boolean": "boolean",
    "date": "date",
    "datetime": "datetime",
}

# How the plain CSV is written (opendata.writers.plain_csv).
DIALECT = {
    "delimiter": ",",
    "doubleQuote": True,
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "header": True,
}


def _licence(imprint: Imprint) -> dict:
    return {
        "name": _spdx(imprint.licence_url),
        "path": imprint.licence_url,
        "title": imprint.licence_name,
    }


def _spdx(url: str) -> str:
    """The licence's SPDX identifier, which the specification asks for as its name."""
    known = {
        "https://creativecommons.org/publicdomain/zero/1.0/": "CC0-1.0",
        "https://creativecommons.org/licenses/by/4.0/": "CC-BY-4.0",
    }
    return known.get(url, "other-open")


def _source(imprint: Imprint) -> dict:
    return {"title": imprint.publisher, "path": imprint.page_url}


def field(column) -> dict:
    found = {
        "name": column.name,
        "title": str(column.heading),
        "type": FIELD_TYPES[column.kind],
        "description": str(column.description),
    }
    if column.kind == "boolean":
        found.update(trueValues=["true"], falseValues=["false"])
    return found


def resource(dataset: Dataset, imprint: Imprint) -> dict:
    description = " ".join([str(dataset.description), *(str(n) for n in dataset.notes)])
    return {
        "profile": "tabular-data-resource",
        "name": dataset.slug,
        "path": imprint.absolute(reverse("opendata:csv", args=[dataset.slug])),
        "title": str(dataset.title),
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": DIALECT,
        "schema": {
            "fields": [field(c) for c in dataset.columns],
            "missingValues": [""],
        },
        "licenses": [_licence(imprint)],
        "sources": [_source(imprint)],
    }


def package(datasets, imprint: Imprint) -> dict:
    """The whole package: every dataset of ``datasets`` (a mapping by slug) as a resource."""
    keywords = []
    for dataset in datasets.values():
        keywords += [str(k) for k in dataset.keywords if str(k) not in keywords]
    return {
        "profile": "tabular-data-package",
        "name": "arshjul-oppna-data",
        "id": imprint.datapackage_url,
        "title": _("Open data from %(publisher)s") % {"publisher": imprint.publisher},
        "description": _(
            "Open data published by %(publisher)s with Årshjul. Each resource is the CSV "
            "file of one dataset; this package describes its columns (the data dictionary)."
        )
        % {"publisher": imprint.publisher},
        "homepage": imprint.page_url,
        "keywords": keywords,
        "licenses": [_licence(imprint)],
        "sources": [_source(imprint)],
        "contributors": [{"title": imprint.publisher, "role": "publisher"}],
        "resources": [resource(d, imprint) for d in datasets.values()],
    }
