"""The DCAT-AP-SE catalogue that Sveriges dataportal (dataportal.se) harvests: the catalogue,
its publisher (the organiser's identity), each dataset of :data:`opendata.datasets.DATASETS`
with its distributions (the bulk files and the API), and the API as a data service — as
RDF/XML, JSON-LD and Turtle, made with rdflib from the same graph.

What we followed: DCAT-AP-SE (Digg's Swedish profile of DCAT-AP), as its repository
diggsweden/DCAT-AP-SE shows it — the examples exempel/obligatoriskt.ttl and
exempel/rekommenderat.ttl, and the form templates for dcterms:spatial (GeoNames or a
dct:Location), dcat:contactPoint (a vcard:Organization, recommended) and the licences (the
Creative Commons URIs in their ``http://`` form, which the portal matches strictly) — and
DCAT-AP 2/3 for the rest (the EU's authority tables for themes, file types, frequencies,
access rights and languages; IANA's media types; the ADMS publisher types).

Every URI is stable: made from ``settings.SITE_URL`` and each dataset's slug, never from a
row's id. Nothing personal is said: the contact point is a function (the settings' name and
functional address), never a person.
"""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from arshjul.identity import identity_current
from arshjul.lib.emails import absolute_url
from arshjul.lib.exports import XLSX
from indicators.models import Geography

from .api import open_data
from .datasets import DATASETS
from .selectors import settings_current

# The EU's authority tables (publications.europa.eu), as DCAT-AP prescribes them.
EU = "http://publications.europa.eu/resource/authority/"
THEME = Namespace(EU + "data-theme/")
FILE_TYPE = Namespace(EU + "file-type/")
FREQUENCY = Namespace(EU + "frequency/")
ACCESS_RIGHT = Namespace(EU + "access-right/")
LANGUAGE = Namespace(EU + "language/")
MEDIA_TYPE = Namespace("http://www.iana.org/assignments/media-types/")
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

CSV = "text/csv"
JSON = "application/json"

# The languages the catalogue speaks: Swedish first, then English (DCAT-AP-SE asks for
# free text in at least English beside Swedish).
LANGUAGES = ("sv", "en")


class File:
    """One bulk file of every dataset: its URL name, its EU file type
    and IANA media type, and what the catalogue calls it."""

    def __init__(self, name, file_type, media_type, title, description):
        self.name = name
        self.file_type, self.media_type = file_type, media_type
        self.title, self.description = title, description


FILES = (
    File(
        "csv",
        "CSV",
        CSV,
        _("CSV for machines"),
        _("UTF-8 without BOM, comma-separated, decimal point; the data dictionary's names."),
    ),
    File(
        "csv-excel",
        "CSV",
        CSV,
        _("CSV for Excel"),
        _("UTF-8 with BOM, semicolon-separated, decimal comma; Swedish headings."),
    ),
    File(
        "xlsx",
        "XLSX",
        XLSX,
        _("Excel workbook (XLSX)"),
        _("The dataset as an Excel workbook."),
    ),
)


def depends_on() -> list[str]:
    """What the catalogue says changes with: every dataset's rows, the settings, the
    organiser's name."""
    labels = {label for dataset in DATASETS.values() for label in dataset.depends_on}
    return sorted(labels | {"opendata.CatalogueSettings", "arshjul.Identity"})


# --- Addresses --------------------------------------------------------------------------------


def _site(path_or_name: str, *args) -> URIRef:
    return URIRef(absolute_url(path_or_name, *args))


def catalogue_uri() -> URIRef:
    return _site("/oppna-data/katalog#catalog")


def dataset_uri(slug: str) -> URIRef:
    return _site(f"/oppna-data/{slug}")


def page_url() -> URIRef:
    return _site("opendata:page")


def landing_page(slug: str) -> URIRef:
    """The dataset's part of the developers' page (its heading's id there)."""
    return URIRef(f"{page_url()}#dataset-{slug}")


def file_url(file: File, slug: str) -> URIRef:
    return _site(f"opendata:{file.name}", slug)


def api_url(dataset) -> URIRef:
    return _site(dataset.api_url_name)


def licence_uri(licence: str) -> URIRef:
    """The licence as DCAT-AP-SE names it: Creative Commons' URIs in their http:// form,
    which is what the national portal recognises (strictly)."""
    return URIRef(licence.replace("https://creativecommons.org/", "http://creativecommons.org/"))


# --- The graph --------------------------------------------------------------------------------


def _texts(graph: Graph, subject, predicate, text) -> None:
    """A lazy string in Swedish and in English."""
    for language in LANGUAGES:
        with translation.override(language):
            graph.add((subject, predicate, Literal(str(text), lang=language)))


def catalogue_graph() -> Graph:
    """The whole catalogue as one graph. A fixed number of queries, whatever the rows: two
    per dataset (its coverage), one for the settings, one for the county's name."""
    found = settings_current()
    identity = identity_current()
    organiser = identity.organiser_name or "Årshjul"
    licence = licence_uri(found.licence)
    graph = Graph()
    for prefix, namespace in [
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("skos", SKOS),
        ("xsd", XSD),
    ]:
        graph.bind(prefix, namespace)

    catalog = catalogue_uri()
    publisher = _publisher(graph, organiser)
    contact = _contact_point(graph, found, organiser)

    graph.add((catalog, RDF.type, DCAT.Catalog))
    for language in LANGUAGES:
        with translation.override(language):
            title = _("Open data from the annual cycle – %(organiser)s") % {"organiser": organiser}
            graph.add((catalog, DCTERMS.title, Literal(title, lang=language)))
    if found.description:
        # Staff write it in Swedish; the English one is ours.
        graph.add((catalog, DCTERMS.description, Literal(found.description, lang="sv")))
        with translation.override("en"):
            graph.add((catalog, DCTERMS.description, Literal(str(DESCRIPTION), lang="en")))
    else:
        _texts(graph, catalog, DCTERMS.description, DESCRIPTION)
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.license, licence))
    graph.add((catalog, DCTERMS.language, LANGUAGE.SWE))
    graph.add((catalog, DCTERMS.language, LANGUAGE.ENG))
    graph.add((catalog, FOAF.homepage, page_url()))
    graph.add((catalog, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))

    coverages = {slug: dataset.coverage() for slug, dataset in DATASETS.items()}
    counties = _counties()
    service = _data_service(graph, publisher, contact, licence)
    graph.add((catalog, DCAT.service, service))
    for slug, dataset in DATASETS.items():
        node = _dataset(
            graph, dataset, coverages[slug], counties, publisher, contact, licence, service
        )
        graph.add((catalog, DCAT.dataset, node))
        graph.add((service, DCAT.servesDataset, node))
    modified = [c.modified for c in coverages.values() if c.modified]
    if modified:
        graph.add((catalog, DCTERMS.modified, _moment(max(modified))))
    return graph


DESCRIPTION = _(
    "The regional development strategy's follow-up as open data: the indicators with their "
    "values by year, geography and gender, as files and through an API. Nothing personal."
)


def _moment(value) -> Literal:
    return Literal(value.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


def _publisher(graph: Graph, organiser: str) -> URIRef:
    """The organiser: a regional authority (ADMS' publisher types)."""
    node = _site("/oppna-data/katalog#publisher")
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, RDF.type, FOAF.Organization))
    graph.add((node, FOAF.name, Literal(organiser)))
    graph.add((node, DCTERMS.type, PUBLISHER_TYPE.RegionalAuthority))
    return node


def _contact_point(graph: Graph, found, organiser: str) -> URIRef:
    """A function, never a person: the settings' name (or the organiser's) and functional
    address. Without one, the developers' page — not the identity's contact e-mail, which
    is shown beside a contact *person* and may well be theirs."""
    node = _site("/oppna-data/katalog#contact")
    graph.add((node, RDF.type, VCARD.Organization))
    graph.add((node, VCARD.fn, Literal(found.contact_name or organiser)))
    if found.contact_email:
        graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{found.contact_email}")))
    else:
        graph.add((node, VCARD.hasURL, page_url()))
    return node


def _counties() -> dict[str, str]:
    """The county-level places (the region's county): code → name. A dataset covers those
    among its geographies; one about the whole cycle (its meetings, survey, documents)
    names no geography and covers them all."""
    places = Geography.objects.filter(level="county").order_by("code")
    return dict(places.values_list("code", "name"))


def _location(graph: Graph, code: str, name: str) -> URIRef:
    """The county as a dct:Location of our own (its name and the statistics' code): the
    GeoNames URI DCAT-AP-SE prefers is not in our data, and a wrong one would mislead."""
    node = _site(f"/oppna-data/katalog#omrade-{code}")
    graph.add((node, RDF.type, DCTERMS.Location))
    graph.add((node, SKOS.prefLabel, Literal(name, lang="sv")))
    graph.add((node, RDFS.label, Literal(name, lang="sv")))
    graph.add((node, DCTERMS.identifier, Literal(code)))
    return node


def _dataset(graph, dataset, coverage, counties, publisher, contact, licence, service):
    node = dataset_uri(dataset.slug)
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(str(node))))
    _texts(graph, node, DCTERMS.title, dataset.title)
    _texts(graph, node, DCTERMS.description, dataset.description)
    for keyword in dataset.keywords:
        with translation.override("sv"):
            graph.add((node, DCAT.keyword, Literal(str(keyword), lang="sv")))
    for theme in dataset.themes:
        graph.add((node, DCAT.theme, THEME[theme]))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    if coverage.first_year is not None:
        period = BNode()
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        start = Literal(f"{coverage.first_year}-01-01", datatype=XSD.date)
        end = Literal(f"{coverage.last_year}-12-31", datatype=XSD.date)
        graph.add((period, DCAT.startDate, start))
        graph.add((period, DCAT.endDate, end))
        graph.add((node, DCTERMS.temporal, period))
    for code in coverage.geographies or counties:
        if code in counties:
            graph.add((node, DCTERMS.spatial, _location(graph, code, counties[code])))
    if coverage.modified:
        graph.add((node, DCTERMS.modified, _moment(coverage.modified)))
    graph.add((node, DCTERMS.accrualPeriodicity, FREQUENCY.ANNUAL))
    graph.add((node, DCAT.landingPage, landing_page(dataset.slug)))
    graph.add((node, DCTERMS.accessRights, ACCESS_RIGHT.PUBLIC))
    for file in FILES:
        distribution = URIRef(f"{node}#{file.name}")
        url = file_url(file, dataset.slug)
        _distribution(graph, distribution, file.title, file.description, licence)
        graph.add((distribution, DCAT.accessURL, url))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCTERMS.format, FILE_TYPE[file.file_type]))
        graph.add((distribution, DCAT.mediaType, MEDIA_TYPE[file.media_type]))
        graph.add((node, DCAT.distribution, distribution))
    distribution = URIRef(f"{node}#api")
    _distribution(graph, distribution, API_TITLE, API_DESCRIPTION, licence)
    graph.add((distribution, DCAT.accessURL, api_url(dataset)))
    graph.add((distribution, DCAT.accessService, service))
    graph.add((distribution, DCTERMS.format, FILE_TYPE.JSON))
    graph.add((distribution, DCAT.mediaType, MEDIA_TYPE[JSON]))
    graph.add((node, DCAT.distribution, distribution))
    return node


API_TITLE = _("JSON through the API")
API_DESCRIPTION = _("The same rows through the open data API, as JSON in pages.")


def _distribution(graph, node, title, description, licence) -> None:
    graph.add((node, RDF.type, DCAT.Distribution))
    _texts(graph, node, DCTERMS.title, title)
    _texts(graph, node, DCTERMS.description, description)
    graph.add((node, DCTERMS.license, licence))


def _data_service(graph, publisher, contact, licence) -> URIRef:
    node = _site("/oppna-data/katalog#api")
    graph.add((node, RDF.type, DCAT.DataService))
    _texts(graph, node, DCTERMS.title, _("The open data API"))
    _texts(
        graph,
        node,
        DCTERMS.description,
        _("A read-only JSON API with an OpenAPI 3.1 description; no sign-in, open to all."),
    )
    graph.add((node, DCAT.endpointURL, _site("/api/v1/")))
    graph.add((node, DCAT.endpointDescription, _site("opendata:schema")))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((node, DCTERMS.license, licence))
    graph.add((node, DCTERMS.accessRights, ACCESS_RIGHT.PUBLIC))
    return node


# --- The views --------------------------------------------------------------------------------

JSONLD_CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def _serialised(rdflib_format: str, content_type: str, **options):
    @require_safe
    def view(request):
        body = catalogue_graph().serialize(format=rdflib_format, **options)
        return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")

    return open_data(depends_on=depends_on())(view)


catalogue_rdf = _serialised("xml", "application/rdf+xml")
catalogue_jsonld = _serialised("json-ld", "application/ld+json", context=JSONLD_CONTEXT)
catalogue_ttl = _serialised("turtle", "text/turtle")


class SeeOther(HttpResponseRedirect):
    status_code = 303


@require_safe
def dataset(request, slug):
    """A dataset's URI names the dataset, not a document: it answers "see other", the
    dataset's part of the developers' page (the Linked Data way), so a harvester or a person
    following it lands on its description and files."""
    if slug not in DATASETS:
        raise Http404
    return SeeOther(landing_page(slug))


urlpatterns = [
    path("oppna-data/katalog.rdf", catalogue_rdf, name="catalogue-rdf"),
    path("oppna-data/katalog.jsonld", catalogue_jsonld, name="catalogue-jsonld"),
    path("oppna-data/katalog.ttl", catalogue_ttl, name="catalogue-ttl"),
    path("oppna-data/<slug:slug>", dataset, name="dataset"),
]
