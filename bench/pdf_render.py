"""A 500-row participant list as PDF: our helper against WeasyPrint directly (goal ≤ 1.2).

The helper renders the template, fetches only local files and tags the PDF; WeasyPrint gets
the same HTML with the same options, its stylesheet as a file:// URL.
"""

import io
import resource
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

import pypdf
from django.conf import settings
from django.template.loader import render_to_string
from django.test import override_settings

from arshjul.lib import pdf

ROWS = 500
RUNS = 3

TEMPLATE = """{% extends "pdf/base.html" %}
{% block title %}Deltagarlista{% endblock %}
{% block running_header %}Arbetsmöte 13 januari 2027{% endblock %}
{% block content %}
<h1>Deltagare, arbetsmöte 13 januari 2027</h1>
<table>
  <thead><tr><th scope="col">Namn</th><th scope="col">Organisation</th>
  <th scope="col">Roll</th><th scope="col">Workshopgrupp</th>
  <th scope="col">E-post</th></tr></thead>
  <tbody>{% for p in participants %}<tr><td>{{ p.name }}</td><td>{{ p.organisation }}</td>
  <td>{{ p.role }}</td><td>{{ p.group }}</td><td>{{ p.email }}</td></tr>{% endfor %}</tbody>
</table>
{% endblock %}
"""


def participants():
    organisations = [
        "Karlstads kommun",
        "Säffle kommun",
        "Årjängs kommun",
        "Länsstyrelsen Värmland",
    ]
    groups = ["demografi och utanförskap", "kompetensförsörjning", "klimatförändringar"]
    return [
        {
            "name": f"Deltagare Åström-Öberg {n}",
            "organisation": organisations[n % len(organisations)],
            "role": "Utvecklingsstrateg",
            "group": groups[n % len(groups)],
            "email": f"deltagare{n}@example.org",
        }
        for n in range(ROWS)
    ]


def measure(function):
    """Median time of RUNS runs, then the peak Python memory of one more run (tracemalloc
    slows rendering several times over, so it is not on while timing)."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        content = function()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak, content


def run():
    import weasyprint

    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "bench_participants.html").write_text(TEMPLATE, encoding="utf-8")
        templates = [{**settings.TEMPLATES[0], "DIRS": [folder, *settings.TEMPLATES[0]["DIRS"]]}]
        with override_settings(TEMPLATES=templates):
            context = {"participants": participants()}
            helper = measure(lambda: pdf.render_pdf("bench_participants.html", context))
            html = render_to_string("bench_participants.html", context)

    stylesheet = Path(settings.BASE_DIR, "static", "css", "pdf.css").as_uri()
    html = html.replace('href="/static/css/pdf.css"', f'href="{stylesheet}"')
    direct = measure(lambda: weasyprint.HTML(string=html).write_pdf(pdf_tags=True))

    pages = len(pypdf.PdfReader(io.BytesIO(helper[2])).pages)
    print(
        f"rows: {ROWS}, runs: {RUNS} (median), PDF {len(helper[2]) / 1024:.0f} KiB, {pages} pages"
    )
    print(f"helper   : {helper[0]:6.2f} s, peak Python memory {helper[1] / 2**20:6.1f} MiB")
    print(f"direct   : {direct[0]:6.2f} s, peak Python memory {direct[1] / 2**20:6.1f} MiB")
    print(f"ratio    : {helper[0] / direct[0]:6.2f} (goal ≤ 1.2)")
    print(
        f"max RSS  : {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:6.1f} MiB (process)"
    )
