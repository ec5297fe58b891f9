"""The DCAT-AP-SE catalogue as Sveriges dataportal harvests it: RDF/XML and JSON-LD of the same
graph, valid against DCAT-AP-SE's mandatory and recommended properties (the SHACL shapes in
dcat_ap_se_shapes.ttl beside this file), every distribution's link working, the licence and
contact point staff set, and nothing personal."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SH

from arshjul.models import Identity
from indicators.models import Area, Geography, Indicator, IndicatorValue
from opendata.catalogue import VCARD
from opendata.datasets import DATASETS
from opendata.models import CatalogueSettings
from tests.opendata.helpers import publish_everything

pytestmark = pytest.mark.django_db

SHAPES = Graph().parse(Path(__file__).with_name("dcat_ap_se_shapes.ttl"))
IANA = "http://www.iana.org/assignments/media-types/"
RDF_XML = "/oppna-data/katalog.rdf"
JSON_LD = "/oppna-data/katalog.jsonld"
TURTLE = "/oppna-data/katalog.ttl"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
ADMS = Namespace("http://purl.org/adms/publishertype/")


@pytest.fixture
def varmland(db):
    """Region Värmland's identity (with a contact *person*) and a few values of one
    indicator for the county and Karlstad, 2015–2025."""
    Identity.objects.create(
        organiser_name="Region Värmland",
        contact_name="Maria Lindgren",
        contact_email="maria.lindgren@regionvarmland.example.org",
    )
    county = Geography.objects.create(code="0017", name="Värmland", level="county")
    karlstad = Geography.objects.create(code="1780", name="Karlstad", level="municipality")
    area = Area.objects.create(name="Konkurrenskraft")
    indicator = Indicator.objects.create(
        code="N00914", name="Sysselsättning", area=area, unit="%", source="kolada"
    )
    for year in (2015, 2025):
        for place in (county, karlstad):
            indicator.values.create(geography=place, year=year, value=80)
    return indicator


def graph_of(response, rdflib_format: str) -> Graph:
    return Graph().parse(data=response.content, format=rdflib_format)


def catalogue(client=None) -> Graph:
    return graph_of((client or Client()).get(RDF_XML), "xml")


def local(url) -> str:
    """A link of the catalogue as the test client asks for it (without SITE_URL)."""
    return str(url).removeprefix(settings.SITE_URL.rstrip("/"))


def test_rdf_xml_json_ld_and_turtle_are_the_same_graph(varmland):
    answers = {address: Client().get(address) for address in (RDF_XML, JSON_LD, TURTLE)}
    assert answers[RDF_XML]["Content-Type"] == "application/rdf+xml; charset=utf-8"
    assert answers[JSON_LD]["Content-Type"] == "application/ld+json; charset=utf-8"
    assert answers[TURTLE]["Content-Type"] == "text/turtle; charset=utf-8"
    rdf_xml = graph_of(answers[RDF_XML], "xml")
    assert isomorphic(rdf_xml, graph_of(answers[JSON_LD], "json-ld"))
    assert isomorphic(rdf_xml, graph_of(answers[TURTLE], "turtle"))
    assert len(rdf_xml) > 100


def test_the_catalogue_meets_dcat_ap_se_mandatory_and_recommended_properties(demo_data):
    publish_everything()  # every dataset with content: its years, places and last change

    conforms, _, report = validate(catalogue(), shacl_graph=SHAPES)

    assert conforms, report
    assert results(catalogue()) == set()


def test_a_dataset_with_nothing_published_yet_lacks_only_what_it_cannot_know(varmland):
    """No cycle published yet: the cycle's datasets exist, empty, without years or a last
    change (recommended, so warnings) — and with every mandatory property."""
    conforms, _, report = validate(catalogue(), shacl_graph=SHAPES, allow_warnings=True)

    assert conforms, report
    assert results(catalogue()) == {
        ("Warning", str(DCTERMS.temporal)),
        ("Warning", str(DCTERMS.modified)),
    }


def results(graph: Graph) -> set[tuple[str, str]]:
    """The shapes' findings: (severity, property) for each."""
    _, report, _ = validate(graph, shacl_graph=SHAPES)
    return {
        (str(report.value(r, SH.resultSeverity)).split("#")[1], str(report.value(r, SH.resultPath)))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    }


MANDATORY = [
    (DCAT.Catalog, DCTERMS.title),
    (DCAT.Catalog, DCTERMS.description),
    (DCAT.Catalog, DCTERMS.publisher),
    (DCAT.Catalog, DCTERMS.license),
    (DCAT.Catalog, DCAT.dataset),
    (DCAT.Dataset, DCTERMS.title),
    (DCAT.Dataset, DCTERMS.description),
    (DCAT.Dataset, DCTERMS.publisher),
    (DCAT.Distribution, DCAT.accessURL),
    (DCAT.DataService, DCTERMS.title),
    (DCAT.DataService, DCAT.endpointURL),
    (FOAF.Agent, FOAF.name),
    (VCARD.Organization, VCARD.fn),
]
RECOMMENDED = [
    (DCAT.Catalog, FOAF.homepage),
    (DCAT.Dataset, DCAT.contactPoint),
    (DCAT.Dataset, DCAT.theme),
    (DCAT.Dataset, DCTERMS.temporal),
    (DCAT.Dataset, DCTERMS.spatial),
    (DCAT.Distribution, DCTERMS.license),
    (DCAT.Distribution, DCTERMS.format),
    (DCAT.DataService, DCAT.endpointDescription),
    (FOAF.Agent, DCTERMS.type),
]


@pytest.mark.parametrize("kind, prop", MANDATORY, ids=[f"{k.n3()}-{p.n3()}" for k, p in MANDATORY])
def test_a_catalogue_without_a_mandatory_property_is_refused(varmland, kind, prop):
    graph = catalogue()
    for subject in graph.subjects(RDF.type, kind):
        graph.remove((subject, prop, None))
    assert ("Violation", str(prop)) in results(graph)


@pytest.mark.parametrize(
    "kind, prop", RECOMMENDED, ids=[f"{k.n3()}-{p.n3()}" for k, p in RECOMMENDED]
)
def test_a_catalogue_without_a_recommended_property_is_warned_about(varmland, kind, prop):
    graph = catalogue()
    for subject in graph.subjects(RDF.type, kind):
        graph.remove((subject, prop, None))
    found = results(graph)
    assert ("Warning", str(prop)) in found
    assert not [f for f in found if f[0] == "Violation"]


def test_the_catalogue_describes_each_dataset_in_swedish_and_english(varmland):
    graph = catalogue()
    base = settings.SITE_URL.rstrip("/")
    catalog = URIRef(f"{base}/oppna-data/katalog#catalog")
    assert set(graph.objects(catalog, DCAT.dataset)) == {
        URIRef(f"{base}/oppna-data/{slug}") for slug in DATASETS
    }
    values = URIRef(f"{base}/oppna-data/indikatorvarden")
    titles = {t.language: str(t) for t in graph.objects(values, DCTERMS.title)}
    assert titles == {"sv": "Indikatorernas värden", "en": "The indicators' values"}
    assert {str(k) for k in graph.objects(values, DCAT.keyword)} >= {"statistik"}
    assert URIRef("http://publications.europa.eu/resource/authority/data-theme/REGI") in set(
        graph.objects(values, DCAT.theme)
    )
    [period] = graph.objects(values, DCTERMS.temporal)
    assert (str(graph.value(period, DCAT.startDate)), str(graph.value(period, DCAT.endDate))) == (
        "2015-01-01",
        "2025-12-31",
    )
    [place] = graph.objects(values, DCTERMS.spatial)
    assert str(graph.value(place, DCTERMS.identifier)) == "0017"  # the county, not Karlstad
    frequency = graph.value(values, DCTERMS.accrualPeriodicity)
    assert frequency == URIRef("http://publications.europa.eu/resource/authority/frequency/ANNUAL")
    [publisher] = graph.objects(catalog, DCTERMS.publisher)
    assert str(graph.value(publisher, FOAF.name)) == "Region Värmland"
    assert graph.value(publisher, DCTERMS.type) == ADMS.RegionalAuthority


DISTRIBUTIONS = [(slug, kind) for slug in DATASETS for kind in ("csv", "csv-excel", "xlsx", "api")]


@pytest.mark.parametrize("slug, kind", DISTRIBUTIONS, ids=[f"{s}-{k}" for s, k in DISTRIBUTIONS])
def test_every_distribution_s_links_answer_with_its_media_type(varmland, slug, kind):
    """Needs the files and the API (other parts of the open data): fails until they are there."""
    graph = catalogue()
    distribution = URIRef(f"{settings.SITE_URL.rstrip('/')}/oppna-data/{slug}#{kind}")
    media_type = str(graph.value(distribution, DCAT.mediaType)).removeprefix(IANA)
    links = set(graph.objects(distribution, DCAT.accessURL))
    links |= set(graph.objects(distribution, DCAT.downloadURL))
    assert links
    for link in links:
        response = Client().get(local(link))
        assert response.status_code == 200, link
        assert response["Content-Type"].split(";")[0] == media_type, link


def test_the_api_is_a_data_service_serving_every_dataset(varmland):
    graph = catalogue()
    [service] = graph.subjects(RDF.type, DCAT.DataService)
    assert local(graph.value(service, DCAT.endpointURL)) == "/api/v1/"
    description = local(graph.value(service, DCAT.endpointDescription))
    assert description == "/api/v1/schema/"
    assert Client().get(description).status_code == 200
    assert set(graph.objects(service, DCAT.servesDataset)) == set(
        graph.subjects(RDF.type, DCAT.Dataset)
    )


def test_without_settings_the_licence_is_cc0(varmland):
    licences = set(catalogue().objects(None, DCTERMS.license))
    assert licences == {URIRef("http://creativecommons.org/publicdomain/zero/1.0/")}


def test_the_catalogue_names_the_licence_staff_set_everywhere(varmland):
    CatalogueSettings.objects.create(licence=CatalogueSettings.Licence.CC_BY)
    licences = set(catalogue().objects(None, DCTERMS.license))
    # As DCAT-AP-SE lists Creative Commons' licences (http://), which the portal matches.
    assert licences == {URIRef("http://creativecommons.org/licenses/by/4.0/")}


def test_a_changed_setting_shows_in_the_next_answer(varmland):
    found = CatalogueSettings.objects.create(contact_email="oppnadata@regionvarmland.example.org")
    graph = catalogue()
    contact = next(graph.objects(None, DCAT.contactPoint))
    assert graph.value(contact, VCARD.hasEmail) == URIRef(
        "mailto:oppnadata@regionvarmland.example.org"
    )
    found.contact_name = "Regional utveckling, Region Värmland"
    found.contact_email = "data@regionvarmland.example.org"
    found.save()
    graph = catalogue()
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:data@regionvarmland.example.org")
    assert str(graph.value(contact, VCARD.fn)) == "Regional utveckling, Region Värmland"


def test_without_a_functional_address_the_contact_point_is_the_developers_page(varmland):
    graph = catalogue()
    contact = next(graph.objects(None, DCAT.contactPoint))
    assert str(graph.value(contact, VCARD.fn)) == "Region Värmland"
    assert graph.value(contact, VCARD.hasEmail) is None  # not the identity's contact person's
    assert local(graph.value(contact, VCARD.hasURL)) == "/oppna-data/"


def test_a_new_organiser_name_shows_in_the_next_answer(varmland):
    catalogue()
    identity = Identity.objects.get()
    identity.organiser_name = "Region Nordvik"
    identity.save()
    graph = catalogue()
    assert {str(n) for n in graph.objects(None, FOAF.name)} == {"Region Nordvik"}


def test_a_dataset_s_uri_leads_to_its_part_of_the_developers_page(varmland):
    graph = catalogue()
    for slug in DATASETS:
        uri = URIRef(f"{settings.SITE_URL.rstrip('/')}/oppna-data/{slug}")
        response = Client().get(local(uri))
        assert response.status_code == 303
        assert response["Location"] == str(graph.value(uri, DCAT.landingPage))
        assert response["Location"].endswith(f"/oppna-data/#dataset-{slug}")
    assert Client().get("/oppna-data/finns-inte").status_code == 404
    assert Client().post(local(uri)).status_code == 405


def test_the_queries_do_not_grow_with_the_rows(varmland, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as few:
        assert Client().get(RDF_XML).status_code == 200
    places = [
        Geography.objects.create(code=f"17{n:02}", name=f"Kommun {n}", level="municipality")
        for n in range(16)
    ]
    area = Area.objects.get()
    for n in range(20):
        indicator = Indicator.objects.create(
            code=f"X{n}", name=f"Indikator {n}", area=area, unit="%", source="kolada"
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=indicator, geography=place, year=year, value=1)
            for place in places
            for year in range(2010, 2020)
        )
    Identity.objects.get().save()  # the bulk insert bumps no version: a save does
    with django_assert_max_num_queries(len(few)):
        graph = catalogue()
    values = URIRef(f"{settings.SITE_URL.rstrip('/')}/oppna-data/indikatorvarden")
    [period] = graph.objects(values, DCTERMS.temporal)
    assert str(graph.value(period, DCAT.startDate)) == "2010-01-01"


def test_the_whole_cast_gets_the_same_catalogue_and_may_not_post(varmland, cast):
    answers = {role: client.get(RDF_XML) for role, client in cast.items()}
    assert {a.status_code for a in answers.values()} == {200}
    assert len({a.content for a in answers.values()}) == 1
    for client in cast.values():
        for address in (RDF_XML, JSON_LD, TURTLE):
            assert client.post(address).status_code == 405


def test_nothing_personal_but_the_functional_contact_point(varmland, cast, staff):
    """The identity's contact person, the coordinators and staff are all in the database;
    the catalogue names none of them."""
    CatalogueSettings.objects.create(
        contact_name="Öppna data, Region Värmland",
        contact_email="oppnadata@regionvarmland.example.org",
    )
    for address in (RDF_XML, JSON_LD, TURTLE):
        body = Client().get(address).content.decode()
        assert {m.group(0) for m in EMAIL.finditer(body)} == {
            "oppnadata@regionvarmland.example.org"
        }
        for name in ("Maria Lindgren", "Anna Samordnare", "Erik Utomstående"):
            assert name not in body


def test_the_dates_are_the_data_s_own(varmland, frozen_now):
    frozen_now(2026, 3, 1, 9)
    IndicatorValue.objects.update(
        imported_at=datetime.datetime(2026, 2, 13, 8, 30, tzinfo=datetime.UTC)
    )
    Identity.objects.get().save()
    graph = catalogue()
    values = URIRef(f"{settings.SITE_URL.rstrip('/')}/oppna-data/indikatorvarden")
    assert str(graph.value(values, DCTERMS.modified)) == "2026-02-13T08:30:00+00:00"
