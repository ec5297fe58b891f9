"""Nothing personal leaves through the open data, ever: with the demo — and everything it
leaves unpublished published too, so that every endpoint has something to show — walk every
endpoint of the API (from its OpenAPI description, every page of every list), every file of
every dataset, the data package, the catalogue and the developers' page, and fail on

- any e-mail address but the catalogue's functional contact point, as staff set it;
- the name of anyone the database knows: coordinators, participants, the invited, scribes,
  meetings' and the organiser's contact persons, staff, whoever saved or submitted an answer;
- any free text a person wrote that no public page shows: the survey's free-text answers,
  participants' needs and comments, the working material's descriptions and contacts, and
  workshop notes staff did not share (the public pages — the lägesbild, the lessons — are
  the measure: what they show may be shown again, nothing else).

The last test plants a coordinator's name where a file and the API show it, and sees the
walker catch it: a walker that finds nothing must be able to find something.
"""

import csv
import html
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from arshjul.models import Coordinator, Cycle, Identity, Organisation
from indicators.models import Indicator, IndicatorValue, StatusAnalysis
from meetings.models import Meeting
from opendata.datasets import DATASETS
from opendata.documents import KINDS
from opendata.models import CatalogueSettings
from registrations.models import Invitation, JoinRequest, Participant
from situation.models import Picture
from survey.models import Answer as SurveyAnswer
from survey.models import LeadershipGroup, Question, Response, Survey
from tests.opendata.helpers import FUNCTIONAL_CONTACT, publish_everything
from working_material.models import Answer as MaterialAnswer
from working_material.models import Entry, Reflection
from workshops.models import NoteEntry, NoteReflection, Notes, Scribe

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
SHORTEST_TEXT = 12  # a free text shorter than this is a word anyone may write
FILES = ["opendata:csv", "opendata:csv-excel", "opendata:xlsx"]
CATALOGUE = ["opendata:catalogue-rdf", "opendata:catalogue-jsonld", "opendata:catalogue-ttl"]


def words(text: str) -> str:
    return " ".join(str(text).replace("\xa0", " ").split())


# --- What must never show -------------------------------------------------------------------------


def names() -> set[str]:
    """Every person's name the database holds (a name of one short word is left out: it
    would be found inside other words)."""
    found = set()
    found.update(Coordinator.objects.values_list("name", flat=True))
    found.update(Participant.objects.values_list("name", flat=True))
    found.update(Invitation.objects.values_list("name", flat=True))
    found.update(Invitation.objects.values_list("answered_by", flat=True))
    found.update(Scribe.objects.values_list("name", flat=True))
    found.update(Meeting.objects.values_list("contact_name", flat=True))
    found.update(JoinRequest.objects.values_list("coordinator_name", flat=True))
    found.update(Identity.objects.values_list("contact_name", flat=True))
    found.update(Entry.objects.values_list("contact", flat=True))
    for model, fields in [
        (Response, ["last_saved_by", "submitted_by"]),
        (SurveyAnswer, ["saved_by"]),
        (MaterialAnswer, ["last_saved_by", "done_by"]),
        (Reflection, ["saved_by"]),
        (Entry, ["saved_by"]),
        (Notes, ["last_saved_by"]),
        (NoteReflection, ["saved_by"]),
        (NoteEntry, ["saved_by"]),
    ]:
        for field in fields:
            found.update(model.objects.values_list(field, flat=True))
    for first, last in get_user_model().objects.values_list("first_name", "last_name"):
        found.add(f"{first} {last}".strip())
    found = {words(name) for name in found if name}
    return {name for name in found if " " in name or len(name) >= 6}


def emails() -> set[str]:
    """Every address the database holds (the regular expression catches the rest)."""
    found = set()
    for model, field in [
        (Coordinator, "email"),
        (Participant, "email"),
        (Invitation, "email"),
        (Scribe, "email"),
        (Meeting, "contact_email"),
        (Organisation, "contact_email"),
        (LeadershipGroup, "contact_email"),
        (Survey, "contact_email"),
        (Identity, "contact_email"),
        (JoinRequest, "coordinator_email"),
    ]:
        found.update(model.objects.values_list(field, flat=True))
    found.update(get_user_model().objects.values_list("email", flat=True))
    return {e for e in found if e}


def free_texts() -> set[str]:
    """What people wrote: the survey's free-text answers, participants' needs and comments,
    the working material's descriptions, participants, contacts and reflections, and the
    workshop notes (each reflection line by line, as the lägesbild quotes them)."""
    found = set(
        SurveyAnswer.objects.filter(question__kind=Question.Kind.TEXT).values_list(
            "value", flat=True
        )
    )
    for field in ["dietary_needs", "accessibility_needs", "comment"]:
        found.update(Participant.objects.values_list(field, flat=True))
    for field in ["description", "participants", "contact"]:
        found.update(Entry.objects.values_list(field, flat=True))
    for field in ["name", "description"]:
        found.update(NoteEntry.objects.values_list(field, flat=True))
    for text in [
        *Reflection.objects.values_list("text", flat=True),
        *NoteReflection.objects.values_list("text", flat=True),
    ]:
        found.update(line.strip(" -*•\t") for line in text.splitlines())
    return {words(t) for t in found if len(words(t)) >= SHORTEST_TEXT}


def public_pages_text(client) -> str:
    """What the public pages show of the lägesbilder, the lessons from the work meetings and
    the follow-up reports: the measure of what a person's words may be shown again."""
    pages = []
    for cycle in Cycle.objects.published():
        pages.append(f"/arshjul/{cycle.year}/lardomar/")
        pages.append(f"/arshjul/{cycle.year}/uppfoljningsrapport/")
        picture = Picture.objects.filter(cycle=cycle).exclude(snapshot=None).first()
        if picture and picture.published_at:
            pages.append(f"/arshjul/{cycle.year}/lagesbild/")
            pages += [
                f"/arshjul/{cycle.year}/lagesbild/{c['id']}/"
                for c in picture.snapshot["challenges"]
            ]
    texts = []
    for url in pages:
        response = client.get(url)
        if response.status_code == 200:
            texts.append(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))
    return words(" ".join(texts))


@pytest.fixture
def forbidden(client, published):
    """What the walked answers must not contain, from the database as the walk finds it."""
    public = public_pages_text(client)
    allowed_email = CatalogueSettings.objects.values_list("contact_email", flat=True).first()
    return {
        "names": names(),
        "emails": emails(),
        "texts": {t for t in free_texts() if t not in public},
        "allowed_email": allowed_email or None,
    }


def personal_in(text: str, forbidden: dict) -> list[str]:
    """What personal ``text`` shows: [] when nothing."""
    text = words(text)
    found = [
        f"e-mail {address}"
        for address in sorted(set(EMAIL.findall(text)))
        if address != forbidden["allowed_email"]
    ]
    found += [f"e-mail {a}" for a in forbidden["emails"] if a in text and a not in str(found)]
    found += [
        f"name {name}"
        for name in sorted(forbidden["names"])
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    ]
    found += [f"free text {t[:60]}" for t in sorted(forbidden["texts"]) if t in text]
    return found


# --- Everything published -------------------------------------------------------------------------


@pytest.fixture
def published(demo_data, settings):
    """The demo, with what it leaves unpublished published (tests/opendata/helpers.py)."""
    settings.OPEN_DATA_RATE_LIMIT = 1_000_000
    publish_everything()
    assert StatusAnalysis.objects.filter(published_at__lte=timezone.now()).count() == 2


# --- Walking --------------------------------------------------------------------------------------


def strings_of(value) -> list[str]:
    """Every string in a JSON document, keys too."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [str(k), *strings_of(v)]]
    if isinstance(value, list):
        return [s for v in value for s in strings_of(v)]
    return [] if value is None else [str(value)]


def path_values(name: str) -> list[str]:
    """What a path parameter of the API takes, from the demo: every value it has."""
    values = {
        "year": [str(c.year) for c in Cycle.objects.published()],
        "kind": KINDS,
        "code": list(Indicator.objects.values_list("code", flat=True)),
        "slug": list(DATASETS),
    }
    if name not in values:
        pytest.fail(f"the walker does not know how to fill {{{name}}}: teach it")
    return values[name]


def addresses(template: str) -> list[str]:
    found = [template]
    for name in re.findall(r"\{(\w+)\}", template):
        found = [a.replace(f"{{{name}}}", v) for a in found for v in path_values(name)]
    return found


def walk_api(client) -> list[tuple[str, str]]:
    """(address, every string of the answer) for every address of the API's description,
    every page of it."""
    schema = client.get(reverse("opendata:schema"))
    assert schema.status_code == 200
    walked = [(reverse("opendata:schema"), schema.content.decode())]
    paths = [p for p, operations in schema.json()["paths"].items() if "get" in operations]
    assert paths
    for template in paths:
        answered = 0
        for address in addresses(template):
            while address:
                response = client.get(address)
                assert response.status_code in {200, 404}, (address, response.status_code)
                if response.status_code == 404:
                    break
                answered += 1
                body = response.json()
                walked.append((address, "\n".join(strings_of(body))))
                following = body.get("next") if isinstance(body, dict) else None
                address = urlsplit(following)._replace(scheme="", netloc="").geturl() or None
                address = address if following else None
        assert answered, f"nothing published at {template}: publish something there"
    return walked


def file_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response["Content-Type"]
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    text = content.decode("utf-8-sig")
    if "csv" in kind:
        # The header says the separator: ";" for Excel's variant, "," for machines'. The
        # cells read as a person reads them (a quote in a text is no longer doubled).
        delimiter = ";" if ";" in text.split("\n", 1)[0] else ","
        cells = [c for row in csv.reader(io.StringIO(text), delimiter=delimiter) for c in row]
        return "\n".join(cells)
    if "json" in kind:
        return "\n".join(strings_of(json.loads(text)))
    return html.unescape(text)


def walk(client, urls) -> list[tuple[str, str]]:
    walked = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        walked.append((url, file_text(response)))
    return walked


def dataset_files() -> list[str]:
    return [reverse(name, args=[slug]) for slug in DATASETS for name in FILES] + [
        reverse("opendata:datapackage")
    ]


def catalogue() -> list[str]:
    return [reverse(name) for name in CATALOGUE]


def findings(walked, forbidden) -> list[str]:
    return [f"{url}: {what}" for url, text in walked for what in personal_in(text, forbidden)]


# --- The walks ------------------------------------------------------------------------------------


def test_the_walker_has_people_and_their_words_to_look_for(forbidden):
    assert len(forbidden["names"]) > 20
    assert len(forbidden["emails"]) > 20
    assert SurveyAnswer.objects.filter(question__kind=Question.Kind.TEXT).exclude(value="")
    assert NoteReflection.objects.filter(shared=False).exclude(text="").exists()
    assert forbidden["texts"]


def test_no_endpoint_of_the_api_shows_anything_personal(client, forbidden):
    walked = walk_api(client)

    assert len(walked) > 10
    assert findings(walked, forbidden) == []


def test_no_file_of_any_dataset_shows_anything_personal(client, forbidden):
    assert findings(walk(client, dataset_files()), forbidden) == []


def test_the_catalogue_shows_nothing_personal_but_the_functional_contact(client, forbidden):
    walked = walk(client, catalogue())

    assert findings(walked, forbidden) == []
    assert any(FUNCTIONAL_CONTACT in text for _url, text in walked)


def test_the_developers_page_shows_nothing_personal(client, forbidden):
    # The whole page, its footer too: the site's footer names the organiser's contact person
    # and address (Identity) on every page, and this page is open data's own.
    assert findings(walk(client, [reverse("opendata:page")]), forbidden) == []


# --- The walker can fail --------------------------------------------------------------------------


@pytest.fixture
def planted(published):
    """A coordinator's name in the source note of the values the 2027 analysis shows (as a
    careless import might leave it), and a participant's address in a meeting's summary."""
    coordinator = Coordinator.objects.filter(cycle__year=2027).order_by("pk").first()
    participant = Participant.objects.order_by("pk").first()
    analysis = StatusAnalysis.objects.get(cycle__year=2027)
    indicator = analysis.sections.first().indicators.first()
    IndicatorValue.objects.filter(indicator=indicator).update(
        source_note=f"Källa: {coordinator.name}", is_demo=False
    )
    indicator.save()  # the page cache sees the change
    meeting = Meeting.objects.filter(cycle__year=2027).first()
    meeting.summary = f"Frågor till {participant.email}"
    meeting.save()
    return coordinator.name, participant.email


def test_the_walker_finds_a_name_and_an_address_planted_in_the_api(client, forbidden, planted):
    name, address = planted

    found = findings(walk_api(client), forbidden)

    assert any(f"name {name}" in f and "/documents/2027/status_analysis/" in f for f in found)
    assert any(f"e-mail {address}" in f and "/cycles/" in f for f in found)


def test_the_walker_finds_a_name_planted_in_a_file(client, forbidden, planted):
    name, _address = planted

    found = findings(walk(client, dataset_files()), forbidden)

    assert any(f"name {name}" in f and "indikatorvarden" in f for f in found)
