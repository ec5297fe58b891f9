"""The published lägesbild's public pages are drawn once per version of the lägesbild (its large
snapshot is not read and drawn on every visit) — and never shown stale: the lägesbild
published anew, or another language, and the reader sees it anew. The page cache is off
here, so that what is tested is the pages' own keeping."""

import pytest
from django.test import Client

from situation import services

PUBLIC = "/arshjul/2027/lagesbild/"


def publish(_client, picture):
    """Published as the admin's action publishes it (situation.services)."""
    services.picture_publish(picture=picture)


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE = False


def _drawn(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200
    return sum(1 for t in response.templates if t.name.endswith("_body.html"))


def test_a_second_visit_draws_neither_page_again(editor_client, picture, overlaps, skills):
    publish(editor_client, picture)
    visitor = Client()
    for url in [PUBLIC, f"{PUBLIC}{skills.pk}/"]:
        assert _drawn(visitor, url) == 1
        assert _drawn(visitor, url) == 0
    page = visitor.get(f"{PUBLIC}{skills.pk}/").content.decode()
    assert "Ingen validering för vårdyrken" in page  # the kept page, as drawn
    assert "<title>Kompetensförsörjning" in page


def test_published_anew_it_shows_what_was_published_last(editor_client, picture, overlaps, skills):
    publish(editor_client, picture)
    visitor = Client()
    assert "ser det ut" in visitor.get(PUBLIC).content.decode()
    picture.refresh_from_db()
    picture.introduction = "Nu **efter mötet**."
    picture.save()
    services.picture_publish(picture=picture)
    page = visitor.get(PUBLIC).content.decode()
    assert "<strong>efter mötet</strong>" in page and "ser det ut" not in page


def test_an_unknown_challenge_is_not_found_and_each_language_has_its_own_page(
    editor_client, picture, overlaps, skills
):
    publish(editor_client, picture)
    visitor = Client()
    assert visitor.get(f"{PUBLIC}999999/").status_code == 404
    assert "Publicerad" in visitor.get(PUBLIC).content.decode()
    visitor.get("/sprak/en/?next=/")
    page = visitor.get(PUBLIC).content.decode()
    assert "Published" in page and "Publicerad" not in page
