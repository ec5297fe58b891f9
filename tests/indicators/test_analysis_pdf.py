"""The status analysis as people read it: a first page that is not half empty, axes that say
when they do not start at zero, one value as a figure rather than a lone dot, Swedish file
names — and staff see their Markdown before they save it."""

import html
import io
import re
import shutil
import subprocess
from decimal import Decimal

import pypdf
import pytest

from indicators.models import Indicator, IndicatorValue, StatusAnalysis
from tests.helpers import pango_available, require
from tests.html import form_as_shown
from tests.indicators.helpers import publish, values

CHANGE = "/admin/indicators/statusanalysis/{}/change/"
PREVIEW = "/admin/indicators/statusanalysis/preview/"


@pytest.fixture
def pdfs(private_files):
    require(pango_available(), "WeasyPrint needs Pango to make PDFs")


def download(visitor, year=2027):
    response = visitor.get(f"/arshjul/{year}/nulagesanalys.pdf")
    assert response["Content-Type"] == "application/pdf"
    return response


def pdf_text(response) -> str:
    reader = pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\xa0", " ").split())


def test_the_pdf_has_a_swedish_file_name(analysis, visitor, editor_client, pdfs):
    publish(editor_client, analysis)
    preliminary = download(visitor)["Content-Disposition"]
    assert 'filename="nulagesanalys-2027-preliminar.pdf"' in preliminary
    StatusAnalysis.objects.filter(pk=analysis.pk).update(stage="final")
    publish(editor_client, analysis)
    assert 'filename="nulagesanalys-2027.pdf"' in download(visitor)["Content-Disposition"]


def test_an_axis_that_does_not_start_at_zero_says_so(analysis, visitor, editor_client, pdfs):
    publish(editor_client, analysis)
    page = visitor.get("/arshjul/2027/nulagesanalys/").content.decode()
    # Employment, 78,0–80,2 %: drawn from 78, and said so under the chart and to a reader.
    assert '<p class="source-note axis-note">Axeln börjar vid 78, inte vid noll.</p>' in page
    assert "2023: 80,2\xa0%. Axeln börjar vid 78, inte vid noll.</desc>" in page
    assert "Axeln börjar vid 78, inte vid noll." in pdf_text(download(visitor))


def test_an_indicator_with_one_value_is_a_figure_not_a_chart(
    analysis, enk1, places, visitor, editor_client, pdfs
):
    values(enk1, places["county"], {2025: 44.8})
    section = analysis.sections.get(title="Klimatet")
    section.indicators.set([enk1])
    publish(editor_client, analysis)
    page = visitor.get("/arshjul/2027/nulagesanalys/").content.decode()
    klimatet = page[page.index(">Klimatet</h2>") :]
    assert "2025: <strong>44,8\xa0%</strong>" in klimatet
    assert "<svg" not in klimatet  # no chart of one dot
    assert "Ett år hittills: en kurva ritas när det finns fler." in klimatet
    assert page.count("<svg") == 2  # employment and solar keep theirs
    text = pdf_text(download(visitor))
    assert "44,8 % 2025" in text


def word_boxes(content: bytes, tmp_path) -> list[tuple[float, list[tuple[str, float]]]]:
    """Per page: its height, and each word with its lower edge (poppler's pdftotext -bbox)."""
    require(bool(shutil.which("pdftotext")), "pdftotext is missing (apt-get install poppler-utils)")
    (tmp_path / "analysis.pdf").write_bytes(content)
    out = tmp_path / "words.html"
    subprocess.run(  # noqa: S603
        ["pdftotext", "-bbox", str(tmp_path / "analysis.pdf"), str(out)],  # noqa: S607
        check=True,
    )
    pages = []
    for page in re.findall(r"<page (.*?)</page>", out.read_text(), re.S):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        words = [
            (html.unescape(text), float(bottom))
            for bottom, text in re.findall(r'yMax="([\d.]+)"[^>]*>([^<]*)</word>', page)
        ]
        pages.append((height, words))
    return pages


def test_the_first_page_is_not_left_half_empty(
    analysis, area, places, visitor, editor_client, pdfs, tmp_path
):
    section = analysis.sections.get(title="Demografi")
    # Two paragraphs: before, the second chart then went whole to page 2, leaving a third of
    # page 1 blank. Now only a chart with its heading keeps together (the list of its values
    # may follow on the next page), and charts are smaller: page 1 is blank at most by about
    # one chart's height.
    paragraph = (
        "Ett stycke om läget, med några rader text om vad siffrorna visar och inte visar "
        "för länet som helhet."
    )
    section.text = f"{paragraph}\n\n{paragraph}"
    section.save()
    for n in range(3):
        indicator = Indicator.objects.create(
            code=f"X-{n}", name=f"Indikator {n}", area=area, unit="%", source="other"
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                indicator=indicator,
                geography=places["county"],
                year=year,
                value=Decimal(50 + year % 7),
            )
            for year in range(2015, 2026)
        )
        section.indicators.add(indicator)
    publish(editor_client, analysis)
    content = b"".join(download(visitor).streaming_content)
    height, words = word_boxes(content, tmp_path)[0]
    text_bottoms = [bottom for text, bottom in words if bottom < height - 60]  # not the footer
    assert max(text_bottoms) > 0.75 * height, max(text_bottoms) / height


def test_staff_preview_their_markdown_without_saving_it(analysis, editor_client):
    page = editor_client.get(CHANGE.format(analysis.pk)).content.decode()
    assert 'formaction="/admin/indicators/statusanalysis/preview/" formtarget="_blank"' in page
    form = form_as_shown(page, introduction="Nu är det **fetare** och\n\n- en punkt")
    form["sections-0-text"] = "Sektionen i *kursiv*."
    preview = editor_client.post(PREVIEW, form)
    assert preview.status_code == 200
    shown = preview.content.decode()
    assert "Nu är det <strong>fetare</strong> och" in shown and "<li>en punkt</li>" in shown
    assert "Sektionen i <em>kursiv</em>." in shown
    assert "<script>alert" not in shown  # the fixture's unsafe words, as text
    analysis.refresh_from_db()
    assert "fetare" not in analysis.introduction  # nothing saved
    assert not analysis.sections.filter(text__contains="kursiv").exists()


def test_only_those_who_may_change_an_analysis_preview_it(analysis, reader_client, visitor):
    assert visitor.post(PREVIEW, {"introduction": "x"}).status_code == 302  # to the login
    assert reader_client.post(PREVIEW, {"introduction": "x"}).status_code == 403
    page = reader_client.get(CHANGE.format(analysis.pk)).content.decode()
    assert "formaction" not in page


def test_the_preview_answers_a_post_only(editor_client):
    assert editor_client.get(PREVIEW).status_code == 405
