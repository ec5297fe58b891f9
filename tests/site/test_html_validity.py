"""Every public page is valid HTML according to the W3C's Nu Html Checker (vnu.jar)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require
from tests.site.conftest import PUBLIC_PAGES

ROOT = Path(__file__).resolve().parents[2]


def vnu_jar() -> str | None:
    candidates = [
        os.environ.get("VNU_JAR", ""),
        str(ROOT / "var" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"),
    ]
    return next((c for c in candidates if c and Path(c).is_file()), None)


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


def vnu_problems(files: list[str]) -> list[dict]:
    """The checker's errors and warnings on the given HTML files (skips where it is missing)."""
    jar, java = vnu_jar(), shutil.which("java")
    require(bool(jar), "vnu.jar not found (make tools, or set VNU_JAR)")
    require(bool(java), "Java is not installed (apt-get install default-jre-headless)")
    result = subprocess.run(  # noqa: S603 - our own command line
        [java, "-jar", jar, "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "warning"]
