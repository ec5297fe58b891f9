"""The scribe's page and the lessons read as few rows for 60 organisations and 60 entries as
for 5: a constant number of queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories
from tests.workshops.helpers import link
from workshops.models import NoteEntry, NoteReflection


def fill(notes, count: int) -> None:
    """``count`` organisations, and as many shared entries each naming three of them."""
    organisations = [
        factories.organisation(name=f"Organisation {notes.pk}-{count}-{n}") for n in range(count)
    ]
    for n in range(count):
        entry = NoteEntry.objects.create(
            notes=notes,
            kind="network",
            name=f"Nätverk {n}",
            organisation_names="…",
            saved_at=timezone.now(),
            shared=True,
        )
        entry.organisations.set(organisations[n : n + 3])
    for kind in ["hard", "keep"]:
        NoteReflection.objects.get_or_create(
            notes=notes,
            kind=kind,
            defaults={"text": "Text", "saved_at": timezone.now(), "shared": True},
        )


def queries(path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        page = Client().get(path)
    assert page.status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["scribe", "/arshjul/2027/lardomar/"])
def test_the_pages_read_as_few_rows_for_sixty_organisations_and_entries_as_for_five(
    notes, lina, path
):
    scribe_path = link(lina)
    url = scribe_path if path == "scribe" else path
    queries(url)  # what is read once per process (the site's identity) is read now
    fill(notes, 5)
    few = queries(url)
    fill(notes, 55)  # 60 entries and 60 organisations more
    many = queries(url)
    assert many == few
    assert 3 <= few <= 12  # (made anew: not served from the page cache)
