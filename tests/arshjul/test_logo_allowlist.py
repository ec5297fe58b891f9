"""The logo checker promises a plain drawing: it knows which SVG elements and attributes make
one, refuses a file that tries to do anything else (load a style sheet, animate a link,
hide a URL behind capitals or a CSS escape) with the reason in Swedish, and keeps only what it
knows — so what is served is exactly what was checked. A normal logo, with what drawing
programs add to it, is accepted."""

from pathlib import Path

import defusedxml.ElementTree as DET
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from arshjul.identity import logo_checked
from arshjul.models import Identity

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DEMO_LOGO = (ROOT / "arshjul" / "demo_files" / "logotyp-platshallare.svg").read_bytes()
SVG_NS = "http://www.w3.org/2000/svg"


def svg(inner: str, *, before: str = "", attributes: str = "") -> bytes:
    return (
        f'{before}<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 48 48"{attributes}>'
        f"{inner}</svg>"
    ).encode()


# The six that passed the old checker, each refused now with what is wrong.
ATTACKS = {
    "url_in_capitals": (
        svg('<style>rect { fill: URL(https://evil.example/track.png) }</style><rect width="9"/>'),
        "länkar till något utanför sig själv",
    ),
    "import_in_capitals": (
        svg('<style>@IMPORT "https://evil.example/x.css";</style><rect width="9"/>'),
        "länkar till något utanför sig själv",
    ),
    "css_escape": (
        svg(r'<style>rect { fill: \75rl(https://evil.example/x.png) }</style><rect width="9"/>'),
        "skriven med escape-tecken",
    ),
    "animate_changing_href": (
        svg(
            '<use href="#c"><animate attributeName="href" values="https://evil.example/x.svg#c"'
            ' dur="1s"/></use><circle id="c" r="4"/>'
        ),
        "animering",
    ),
    "set_changing_href": (
        svg(
            '<use href="#c"><set attributeName="href" to="https://evil.example/x.svg#c"/></use>'
            '<circle id="c" r="4"/>'
        ),
        "animering",
    ),
    "xml_stylesheet": (
        svg(
            '<rect width="9"/>',
            before='<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.css"?>',
        ),
        "bearbetningsinstruktion",
    ),
}
MORE_ATTACKS = {
    "style_attribute_url": (
        svg('<rect width="9" style="fill:Url(//evil.example/x)"/>'),
        "länkar till något utanför sig själv",
    ),
    "fill_attribute_url": (
        svg('<rect width="9" fill="url(https://evil.example/x#g)"/>'),
        "länkar till något utanför sig själv",
    ),
    "css_image_set": (
        svg('<style>rect { fill: image-set("https://evil.example/x.png" 1x) }</style>'),
        "länkar till något utanför sig själv",
    ),
    "use_of_another_file": (
        svg('<use xlink:href="https://evil.example/x.svg#a"/>'),
        "länkar till något utanför sig själv",
    ),
    "xhtml_script": (
        svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
        "skript",
    ),
    "foreign_object": (
        svg("<foreignObject><div>hej</div></foreignObject>"),
        "skript",
    ),
    "event_handler_in_capitals": (svg('<rect ONCLICK="alert(1)"/>'), "händelsehanterare"),
    "entity": (
        b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        "DOCTYPE",
    ),
    "external_entity": (
        b'<!DOCTYPE svg SYSTEM "https://evil.example/x.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
        "DOCTYPE",
    ),
    "not_svg_at_all": (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "inte en SVG-bild"),
}


@pytest.mark.parametrize("attack", list(ATTACKS), ids=str)
def test_each_way_past_the_old_checker_is_refused_with_the_reason(attack):
    content, reason = ATTACKS[attack]
    with pytest.raises(ValueError, match=reason):
        logo_checked("logo.svg", content)


@pytest.mark.parametrize("attack", list(MORE_ATTACKS), ids=str)
def test_other_active_content_is_refused_too(attack):
    content, reason = MORE_ATTACKS[attack]
    with pytest.raises(ValueError, match=reason):
        logo_checked("logo.svg", content)


def test_the_demo_logo_is_accepted_and_kept_as_drawn():
    kept, content_type = logo_checked("logotyp.svg", DEMO_LOGO)

    assert content_type == "image/svg+xml"
    original, cleaned = DET.fromstring(DEMO_LOGO), DET.fromstring(kept)
    assert [(e.tag, e.attrib) for e in original.iter()] == [
        (e.tag, e.attrib) for e in cleaned.iter()
    ]
    assert cleaned.find(f"{{{SVG_NS}}}title").text == "Platshållare för logotyp"


ILLUSTRATOR = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<svg version="1.1" id="Lager_1" data-name="Lager 1" xmlns="http://www.w3.org/2000/svg"
  xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px" viewBox="0 0 200 50"
  style="enable-background:new 0 0 200 50;" xml:space="preserve">
<defs><style>.cls-1{fill:#004B87;}.cls-2{fill:url(#Namnlos_toning);}</style>
<linearGradient id="Namnlos_toning" x1="0" y1="0" x2="200" y2="0" gradientUnits="userSpaceOnUse">
<stop offset="0" stop-color="#004b87"/><stop offset="1" style="stop-color:#1e6b2e"/>
</linearGradient></defs>
<path class="cls-1" d="M10 10h30v30H10z"/>
<rect class="cls-2" x="50" y="10" width="140" height="30"/>
<use xlink:href="#Namnlos_toning"/>
<text transform="translate(60 45) rotate(0)" font-family="'Open Sans', sans-serif">Nordvik</text>
</svg>"""

INKSCAPE = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
  xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
  xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:dc="http://purl.org/dc/elements/1.1/" width="48" height="48" viewBox="0 0 48 48"
  id="svg8" inkscape:version="1.2" sodipodi:docname="logo.svg">
  <sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="4"/>
  <metadata><rdf:RDF><dc:title>Logotyp</dc:title></rdf:RDF></metadata>
  <g inkscape:label="Lager 1" inkscape:groupmode="layer" id="layer1">
    <circle cx="24" cy="24" r="20" style="fill:#5b2a86;stroke:none" sodipodi:type="arc"/>
  </g>
</svg>"""


@pytest.mark.parametrize("content", [ILLUSTRATOR, INKSCAPE], ids=["illustrator", "inkscape"])
def test_a_logo_from_a_drawing_program_is_accepted_without_the_programs_notes(content):
    kept, _content_type = logo_checked("logo.svg", content)

    text = kept.decode()
    for gone in ["inkscape", "sodipodi", "metadata", "rdf:", "data-name", "Generator"]:
        assert gone not in text
    drawing = DET.fromstring(kept)
    assert drawing.tag == f"{{{SVG_NS}}}svg"
    assert drawing.iter(f"{{{SVG_NS}}}circle") or drawing.iter(f"{{{SVG_NS}}}path")
    assert "fill" in text  # the colours stay


def test_what_staff_upload_is_kept_as_checked_and_served(editor_client):
    identity = Identity.objects.create(organiser_name="Region Nordvik")
    data = {
        "organiser_name": "Region Nordvik",
        "accent_colour": "#1d5c2e",
        "logo_file": SimpleUploadedFile("logo.svg", INKSCAPE, content_type="image/svg+xml"),
    }
    assert (
        editor_client.post(f"/admin/arshjul/identity/{identity.pk}/change/", data).status_code
        == 302
    )

    served = Client().get("/identitet/logotyp")
    assert served["Content-Type"] == "image/svg+xml"
    assert b"sodipodi" not in served.content and b"<circle" in served.content


def test_a_refused_logo_is_explained_beside_the_field_and_nothing_changes(editor_client):
    identity = Identity.objects.create(organiser_name="Region Nordvik")
    content, _reason = ATTACKS["xml_stylesheet"]
    data = {
        "organiser_name": "Region Nordvik",
        "accent_colour": "#1d5c2e",
        "logo_file": SimpleUploadedFile("logo.svg", content, content_type="image/svg+xml"),
    }
    response = editor_client.post(f"/admin/arshjul/identity/{identity.pk}/change/", data)

    assert response.status_code == 200
    assert "bearbetningsinstruktion" in " ".join(
        response.context["adminform"].form.errors["logo_file"]
    )
    identity.refresh_from_db()
    assert not identity.logo


def test_a_drawing_nested_beyond_reason_is_refused():
    content = svg("<g>" * 5000 + "</g>" * 5000)
    with pytest.raises(ValueError, match="djupare"):
        logo_checked("logo.svg", content)


def mutated(content: bytes, at: int, replacement: bytes) -> bytes:
    at %= len(content)
    return content[:at] + replacement + content[at + len(replacement) :]


@settings(max_examples=50, deadline=None)
@given(
    content=st.one_of(
        st.binary(max_size=2000),
        st.builds(
            mutated,
            st.sampled_from([DEMO_LOGO, INKSCAPE, ILLUSTRATOR]),
            st.integers(0),
            st.binary(min_size=1, max_size=6),
        ),
        st.builds(
            mutated,
            st.sampled_from([DEMO_LOGO, INKSCAPE, ILLUSTRATOR]),
            st.integers(0),
            st.text(min_size=1, max_size=12).map(str.encode),
        ),
    )
)
def test_any_file_is_refused_with_a_reason_or_kept_as_a_drawing_that_checks_again(content):
    try:
        kept, content_type = logo_checked("logo.svg", content)
    except ValueError as error:
        assert str(error)
        return
    if content_type == "image/png":  # a PNG is kept as it came
        assert kept == content
    else:
        assert logo_checked("logo.svg", kept) == (kept, content_type)
