"""Where values come from, in the same words wherever values are shown: the overview, the
indicator's page, the status analysis (its page and its PDF) — "Källa: Kolada" for imported
values, "Demodata (påhittade värden)" for values made up for the demo."""

import io
import re

import pypdf
import pytest

from indicators.models import IndicatorValue
from tests.helpers import pango_available, require
from tests.indicators.helpers import publish

KOLADA = "Källa: Kolada"
DEMO = "Demodata (påhittade värden)"


def source_lines(html: str) -> list[str]:
    return [
        " ".join(line.split())
        for line in re.findall(r'<p class="source-note">(.*?)</p>', html, re.S)
        if "axis" not in line
    ]


def shown(visitor, editor_client, analysis) -> dict[str, list[str]]:
    publish(editor_client, analysis)
    return {
        url: source_lines(visitor.get(url).content.decode())
        for url in ["/indikatorer/", "/indikatorer/N00914/", "/arshjul/2027/nulagesanalys/"]
    }


@pytest.mark.parametrize(
    ("demo", "note", "words"),
    [
        (True, "", DEMO),  # as the demo loads them
        (False, "Källa: Kolada", KOLADA),  # as an import from Kolada stores them
        (False, "", KOLADA),  # typed in by staff: the indicator's source
    ],
)
def test_the_source_is_said_the_same_on_every_page(
    analysis, employment, visitor, editor_client, demo, note, words
):
    IndicatorValue.objects.filter(indicator=employment).update(is_demo=demo, source_note=note)
    pages = shown(visitor, editor_client, analysis)
    assert words in pages["/indikatorer/"]
    assert words in pages["/indikatorer/N00914/"]
    assert words in pages["/arshjul/2027/nulagesanalys/"]
    for lines in pages.values():
        assert not {line for line in lines if "Kolada" in line or "emodata" in line} - {words}


def test_values_partly_made_up_say_both(analysis, employment, visitor, editor_client):
    IndicatorValue.objects.filter(indicator=employment).update(is_demo=True)
    IndicatorValue.objects.filter(indicator=employment, year=2023).update(
        is_demo=False, source_note="Källa: Kolada"
    )
    page = visitor.get("/indikatorer/N00914/").content.decode()
    assert f"{KOLADA} · {DEMO}" in source_lines(page)


def test_the_pdf_says_the_source_in_the_same_words(
    analysis, employment, visitor, editor_client, private_files
):
    require(pango_available(), "WeasyPrint needs Pango to make PDFs")
    IndicatorValue.objects.filter(indicator=employment).update(is_demo=True)
    publish(editor_client, analysis)
    download = visitor.get("/arshjul/2027/nulagesanalys.pdf")
    reader = pypdf.PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert DEMO in text and "Demodata:" not in text
