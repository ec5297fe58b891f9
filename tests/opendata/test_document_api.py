"""/api/v1/documents/: the published status analyses, lägesbilder and follow-up reports, with
their text and values as their public pages show them."""

import datetime
import json
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from followup.models import Report
from indicators.models import IndicatorValue, StatusAnalysis
from opendata.datasets import DATASETS
from situation.models import Picture
from situation.services import picture_publish


def get(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_list_has_each_years_published_documents_with_their_text(client, demo_data):
    found = get(client, "/api/v1/documents/")["results"]

    assert [(d["year"], d["kind"], d["stage"]) for d in found] == [
        (2027, "status_analysis", "preliminary"),
        (2023, "status_analysis", "final"),
        (2023, "lagesbild", "final"),
        (2023, "followup_report", "final"),
    ]
    report = found[-1]
    assert report["url"].endswith("/arshjul/2023/uppfoljningsrapport/")
    assert report["pdf_url"].endswith("/arshjul/2023/uppfoljningsrapport.pdf")
    assert report["sections"][0]["text"] == Report.objects.get(cycle__year=2023).conclusions


def test_the_filters_pick_a_year_and_a_kind(client, demo_data):
    found = get(client, "/api/v1/documents/?year=2023&kind=lagesbild")["results"]

    assert [(d["year"], d["kind"]) for d in found] == [(2023, "lagesbild")]
    assert get(client, "/api/v1/documents/?year=2031")["results"] == []


def test_a_final_analysis_keeps_its_values_whatever_is_imported_later(client, demo_data):
    url = "/api/v1/documents/2023/status_analysis/"
    before = get(client, url)["values"]
    indicator = before["sections"][0]["indicators"][0]
    IndicatorValue.objects.filter(indicator__code=indicator["code"]).update(value=Decimal("1.5"))
    IndicatorValue.objects.first().save()  # the cache sees a change

    after = get(client, url)["values"]

    assert after == before
    assert Decimal(str(indicator["values"][-1]["value"])) != Decimal("1.5")


def test_the_preliminary_analysis_gives_way_to_the_final_one_once_published(client, demo_data):
    preliminary = StatusAnalysis.objects.get(cycle__year=2027)
    StatusAnalysis.objects.create(
        cycle=preliminary.cycle,
        stage="final",
        title="Nulägesanalys 2027",
        published_at=timezone.now(),
    )

    found = get(client, "/api/v1/documents/?year=2027&kind=status_analysis")["results"]

    assert [d["title"] for d in found] == ["Nulägesanalys 2027"]


def test_the_lagesbild_names_organisations_but_not_whom_to_contact_nor_their_words(
    client, demo_data
):
    picture = Picture.objects.get(cycle__year=2023)
    contacts = [
        person
        for challenge in picture.snapshot["challenges"]
        for match in challenge["matches"]
        for organisation in match["organisations"]
        for person in organisation["contacts"]
    ]
    descriptions = [
        entry["description"]
        for challenge in picture.snapshot["challenges"]
        for entry in challenge["entries"]
        if len(entry["description"]) > 10
    ]
    assert contacts and descriptions  # the demo has them: the test means something

    response = client.get("/api/v1/documents/2023/lagesbild/")

    text = json.dumps(response.json(), ensure_ascii=False)
    assert picture.snapshot["challenges"][0]["matches"][0]["organisations"][0]["name"] in text
    for person in contacts:
        assert person["name"] not in text and person["email"] not in text
    for description in descriptions:
        assert description not in text


def test_an_unpublished_lagesbild_and_report_are_not_there(client, demo_data):
    assert client.get("/api/v1/documents/2027/lagesbild/").status_code == 404
    assert client.get("/api/v1/documents/2027/followup_report/").status_code == 404
    assert client.get("/api/v1/documents/2027/anteckningar/").status_code == 404


def test_a_published_report_not_yet_final_reads_as_its_page_does_now(client, demo_data):
    report = Report.objects.get(cycle__year=2027)
    report.published_at = timezone.now() - datetime.timedelta(hours=1)
    report.conclusions = "Vi landade i **två** slutsatser."
    report.save()

    found = get(client, "/api/v1/documents/2027/followup_report/")

    assert found["stage"] == "published"
    assert found["sections"][0]["text"] == "Vi landade i **två** slutsatser."
    assert [m["title"] for m in found["values"]["participation"]] == [
        "Arbetsmöte",
        "Riktningsmöte",
        "Konferensen Värmland 2040",
    ]


def test_the_dataset_has_a_row_for_each_part_of_each_documents_text(client, demo_data):
    api = get(client, "/api/v1/documents/")["results"]

    rows = list(DATASETS["dokument"].rows())

    assert [(r[0], r[1], r[5], r[7]) for r in rows] == [
        (d["year"], d["kind"], s["key"], s["text"]) for d in api for s in d["sections"]
    ]


def test_the_list_takes_as_few_queries_with_more_documents(
    client, settings, demo_data, django_assert_max_num_queries
):
    settings.PAGE_CACHE = False
    with CaptureQueriesContext(connection) as few:
        get(client, "/api/v1/documents/")
    report = Report.objects.get(cycle__year=2027)
    report.published_at = timezone.now()
    report.save()
    StatusAnalysis.objects.create(
        cycle=report.cycle, stage="final", title="Nulägesanalys 2027", published_at=timezone.now()
    )

    with django_assert_max_num_queries(len(few)):
        assert get(client, "/api/v1/documents/")["count"] == 5


def test_a_lagesbild_published_shows_at_once_though_the_list_is_kept(client, demo_data):
    assert client.get("/api/v1/documents/?year=2027").json()["count"] == 1

    picture_publish(picture=Picture.objects.get(cycle__year=2027), now=timezone.now())

    kinds = [d["kind"] for d in get(client, "/api/v1/documents/?year=2027")["results"]]
    assert kinds == ["status_analysis", "lagesbild"]
