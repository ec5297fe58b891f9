import http.server
import io
import sys
import threading

import pypdf
import pytest

from arshjul.lib import pdf


def pdf_text(content: bytes) -> str:
    """The PDF's text with every run of white space as one space (table cells wrap)."""
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.fixture
def html_template(settings, tmp_path):
    """Templates written by the test, found before the project's own."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]

    def write(name, text):
        (tmp_path / name).write_text(text, encoding="utf-8")
        return name

    return write


@pytest.fixture
def listener():
    """A web server on 127.0.0.1 that counts the requests that reach it."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body::after { content: 'FJARRINNEHALL'; }")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


@pytest.mark.django_db  # the organiser's identity is read for every PDF
def test_it_renders_swedish_text_with_our_stylesheet(html_template):
    name = html_template(
        "swedish.html",
        "{% load static %}"
        '<html lang="sv"><head><link rel="stylesheet" href="{% static "css/pdf.css" %}"></head>'
        "<body><h1>Räksmörgås på Åmål</h1><p>Ölandsbron, Älvdalen, Ödeshög</p></body></html>",
    )

    content = pdf.render_pdf(name)

    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    assert "Räksmörgås på Åmål" in text
    assert "Ölandsbron, Älvdalen, Ödeshög" in text
    assert "Sida 1 av 1" not in text  # that comes from pdf/base.html, not used here


@pytest.mark.django_db  # the organiser's identity is read for every PDF
def test_the_page_footer_is_in_the_documents_language(html_template):
    name = html_template(
        "paged.html",
        '{% extends "pdf/base.html" %}{% block content %}<p>Innehåll</p>{% endblock %}',
    )
    assert "Sida 1 av 1" in pdf_text(pdf.render_pdf(name))
    assert "Page 1 of 1" in pdf_text(pdf.render_pdf(name, language="en"))


@pytest.mark.django_db  # the organiser's identity is read for every PDF
def test_it_refuses_remote_resources_and_files_outside_static_and_media(
    html_template, listener, tmp_path
):
    remote_url, hits = listener
    secret = tmp_path / "secret.css"
    secret.write_text("body::before { content: 'HEMLIGT'; }")
    name = html_template(
        "hostile.html",
        f'<html><head><link rel="stylesheet" href="{remote_url}/x.css">'
        f'<link rel="stylesheet" href="file://{secret}"></head>'
        f'<body><p>Text</p><img src="{remote_url}/bild.png" alt=""></body></html>',
    )

    content = pdf.render_pdf(name)

    assert hits == []  # nothing left the server
    text = pdf_text(content)
    assert "Text" in text
    assert "FJARRINNEHALL" not in text and "HEMLIGT" not in text


def test_the_fetcher_only_resolves_our_own_files(settings, tmp_path):
    settings.SITE_URL = "https://arshjul.example.org"
    css = pdf.resolve_local("https://arshjul.example.org/static/css/pdf.css")
    assert css.name == "pdf.css" and css.is_file()
    for url in [
        "https://annan.example.org/static/css/pdf.css",
        "https://arshjul.example.org/admin/",
        "https://arshjul.example.org/static/../../etc/passwd",
        "file:///etc/passwd",
        f"file://{tmp_path}/x.css",
    ]:
        with pytest.raises(pdf.RefusedURL):
            pdf.resolve_local(url)


def test_without_weasyprint_it_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as without Pango
    with pytest.raises(pdf.PdfUnavailable, match="libpango"):
        pdf.render_pdf("pdf/base.html")
