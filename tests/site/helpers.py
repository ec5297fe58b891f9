"""What the site's tests share: every public page, Chromium's arguments, axe and the W3C
checker."""

import json
import os
import shutil
import subprocess
from pathlib import Path

from tests.helpers import ROOT, require

# Every public page, with the demo data loaded: the checks below run on each.
PUBLIC_PAGES = [
    "/",
    "/arshjul/",
    "/arshjul/2023/",
    "/arshjul/2027/moten/",
    "/arshjul/2027/moten/arbetsmote/",
    "/arshjul/2027/moten/riktningsmote/",
    "/arshjul/2027/moten/konferens/",
    "/arshjul/2023/moten/arbetsmote/",
    "/personuppgifter/",
    "/tillganglighet/",
    "/logga-in/",
    "/logga-in/skickat/",
    "/logga-in/lank/?sesame=ogiltig",  # the expired-link page
    "/var-med/",
    "/arshjul/2027/moten/konferens/anmal/",  # open registration
    "/arshjul/2027/moten/konferens/anmal/tack/",
    "/arshjul/2023/enkat/",  # the survey's published results
    "/arshjul/2023/lardomar/",  # the lessons from the work meeting
    "/arshjul/2027/lardomar/",  # … nothing shared yet
    "/indikatorer/",
    "/indikatorer/N00914/",  # an indicator with its municipalities
    "/indikatorer/ENK-1/",  # a survey indicator (one value)
    "/arshjul/2027/nulagesanalys/",  # the preliminary status analysis
    "/arshjul/2023/nulagesanalys/",  # the final one
    "/arshjul/2023/uppfoljningsrapport/",  # the final follow-up report
    "/arshjul/2023/lagesbild/",  # the published lägesbild (a challenge's: personal_pages)
    "/arshjul/2027/inbaddning/",  # the wheel for another site's frame
    "/oppna-data/",  # the open data's page for developers
    "/finns-inte/",  # the 404 page
]

# WCAG 2.2 AA: the 2.0 and 2.1 rules and those new in 2.2 (target size, 2.5.8).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def axe_violations(page) -> list[str]:
    """What axe-core finds against WCAG 2.2 AA on the page open in the browser."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
    ]


def vnu_jar() -> str | None:
    """The W3C checker, where `make tools` puts it (or VNU_JAR says)."""
    candidates = [
        os.environ.get("VNU_JAR", ""),
        str(ROOT / "var" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"),
    ]
    return next((c for c in candidates if c and Path(c).is_file()), None)


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
