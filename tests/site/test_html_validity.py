"""Every public page is valid HTML according to the W3C's Nu Html Checker (vnu.jar)."""

import json

import pytest

from tests.site.helpers import PUBLIC_PAGES, vnu_problems


@pytest.mark.django_db
def test_every_page_passes_the_w3c_html_checker(
    client, coordinator_session, personal_pages, tmp_path
):
    files = []
    for number, url in enumerate([*PUBLIC_PAGES, *personal_pages]):
        response = client.get(url)
        path = tmp_path / f"page{number}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    coordinator_client, _, pages = coordinator_session
    for number, url in enumerate(pages):
        path = tmp_path / f"coordinator{number}.html"
        path.write_bytes(coordinator_client.get(url).content)
        files.append(str(path))
    with_errors = coordinator_client.post(pages[2], {"p-TOTAL_FORMS": "1", "p-INITIAL_FORMS": "0"})
    (tmp_path / "errors.html").write_bytes(with_errors.content)
    files.append(str(tmp_path / "errors.html"))
    english = client.get("/sprak/en/?next=/", follow=True)
    (tmp_path / "english.html").write_bytes(english.content)
    files.append(str(tmp_path / "english.html"))

    problems = vnu_problems(files)
    assert problems == [], json.dumps(problems, indent=2, ensure_ascii=False)
