"""The lägesbild is made in the same number of queries for 5 organisations as for 60: its
compilation, staff's page and the public page."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from situation import compile, services
from tests import factories

from .helpers import answer, note


def organisations(cycle, material, challenge, meeting, count):
    for n in range(count):
        org = factories.organisation(name=f"Org {count}-{n}", category="other")
        factories.coordinator(cycle, org)
        answer(
            material,
            org,
            challenge,
            ("network", f"Nätverk {n % 3}"),
            ("initiative", f"Initiativ {n}"),
            create="Gemensam portal",
        )
        note(meeting, challenge, "idea", f"Idé {n}", org)


def queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_the_lagesbild_takes_as_many_queries_for_60_organisations_as_for_5(
    cycle, skills, material, work_meeting, falling, picture, reader_client
):
    client = Client()
    url = f"/admin/situation/picture/{picture.pk}/lagesbild/{skills.pk}/"
    organisations(cycle, material, skills, work_meeting, 5)
    reader_client.get(url)  # the session settles
    few = queries(lambda: compile.picture(cycle))
    few_page = queries(lambda: reader_client.get(url))
    organisations(cycle, material, skills, work_meeting, 55)
    many = queries(lambda: compile.picture(cycle))
    many_page = queries(lambda: reader_client.get(url))
    assert few == many and few_page == many_page
    assert many <= 20
    services.picture_publish(picture=picture)
    public = f"/arshjul/2027/lagesbild/{skills.pk}/"
    assert queries(lambda: client.get(public)) <= 3
    assert "Org 55-54" in client.get(public).content.decode()
