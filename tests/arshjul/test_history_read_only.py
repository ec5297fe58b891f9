"""The change history in the admin is read, never written: every model with history, for
every role. django-simple-history's page for one version is a form that saves on POST with
mere view permission (a Läsare could change a coordinator's address, and so sign in as them);
here it shows the version and refuses every POST, whoever sends it.

The models are found in the admin's registry, so a new model with history is covered (and
fails here until the world below has one of it)."""

import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from arshjul.lib.admin_helpers import ReadOnlyHistoryAdmin
from registrations import invitations
from registrations.services import Person, participants_register
from tests import factories
from tests.helpers import sign_in, staff_member

pytestmark = pytest.mark.django_db

HISTORY_ADMINS = sorted(
    (
        model_admin
        for model, model_admin in admin.site._registry.items()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ),
    key=lambda model_admin: model_admin.model._meta.label,
)
ROLES = ["anonymous", "coordinator", "reader", "editor", "superuser"]
STAFF = {"reader", "editor", "superuser"}


@pytest.fixture
def world(db, frozen_now):
    """One row of every model with history, for Kils kommun."""
    frozen_now(2026, 11, 27, 12)
    cycle = factories.cycle_with_meetings(2027)
    kil = factories.organisation(
        name="Kils kommun", category="municipality", municipality_code="1715"
    )
    coordinator = factories.coordinator(
        cycle, kil, name="Anna Samordnare", email="anna@kil.example.org", is_lead=True
    )
    participants_register(
        meeting=cycle.meetings.get(slug="arbetsmote"),
        organisation=kil,
        people=[
            Person(
                "Ada Andersson",
                "ada@kil.example.org",
                workshop_group=cycle.cycle_challenges.first().challenge,
            )
        ],
    )
    invitations.invitation_add(
        meeting=cycle.meetings.get(slug="riktningsmote"),
        name="Inga Inbjuden",
        email="inga@example.org",
        organisation=kil,
    )
    survey = factories.survey(cycle)
    factories.submitted_response(survey, factories.leadership_group(kil), {"yes": "yes"})
    superuser = get_user_model().objects.create_superuser(
        "chef", "chef@example.org", "a-long-test-password"
    )
    return {"coordinator": coordinator, "superuser": superuser}


def client_for(role, world) -> Client:
    client = Client()
    if role == "coordinator":
        sign_in(client, world["coordinator"])
    elif role == "reader":
        client.force_login(staff_member("lasare", "Läsare"))
    elif role == "editor":
        client.force_login(staff_member("redaktor", "Redaktör"))
    elif role == "superuser":
        client.force_login(world["superuser"])
    return client


class _FormValues(HTMLParser):
    """What a browser posts from a rendered form: every named input with its value."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        name = found.get("name")
        if tag == "input" and name:
            kind = found.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in found:
                    self.values.setdefault(name, []).append(found.get("value") or "on")
            elif kind not in {"submit", "button", "file"}:
                self.values.setdefault(name, []).append(found.get("value") or "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in found:
            self.values.setdefault(self._select, []).append(found.get("value") or "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values[self._textarea] = [self.values[self._textarea][0].removeprefix("\n")]
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][0] += data


def forged_post(model_admin, obj, user) -> tuple[dict, str]:
    """The form the history page used to show ``user`` for ``obj``, as posted with one field
    changed (an address if there is one: the way to take over a coordinator's sign-in)."""
    request = RequestFactory().get("/")
    request.user = user
    form = model_admin.get_form(request, obj)(instance=obj)
    parser = _FormValues()
    parser.feed(str(form))
    data = parser.values
    # An address first, then any text, then a date (a response's extended deadline).
    preference = [forms.EmailField, forms.CharField, forms.SplitDateTimeField]
    candidates = [
        (preference.index(type(field)), name)
        for name, field in form.fields.items()
        if type(field) in preference
    ]
    if candidates:
        name = min(candidates)[1]
        field = form.fields[name]
        if isinstance(field, forms.EmailField):
            data[name] = ["someone@else.example"]
        elif isinstance(field, forms.SplitDateTimeField):
            data[f"{name}_0"], data[f"{name}_1"] = ["2031-01-01"], ["12:00:00"]
        else:
            data[name] = [(data.get(name) or [""])[0] + " (ändrad)"]
        return data, name
    pytest.fail(f"no field to change in {type(model_admin).__name__}'s form")


def snapshot(model, pk) -> tuple[dict, int]:
    """The row as stored, and how many versions its history holds."""
    history = getattr(model, model._meta.simple_history_manager_attribute)
    return model._default_manager.filter(pk=pk).values().get(), history.filter(pk=pk).count()


def version_url(model_admin, obj) -> str:
    history = getattr(obj, model_admin.model._meta.simple_history_manager_attribute)
    first = history.order_by("history_id").first()
    opts = model_admin.model._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, first.history_id],
    )


def test_every_admin_with_history_is_read_only_by_construction():
    """A new model with history gets the read-only history by using the one base."""
    for model_admin in HISTORY_ADMINS:
        assert isinstance(model_admin, ReadOnlyHistoryAdmin), type(model_admin).__name__


def test_every_model_with_history_is_in_the_world(world):
    assert HISTORY_ADMINS, "the admin has no history pages at all?"
    for model_admin in HISTORY_ADMINS:
        assert model_admin.model._default_manager.exists(), model_admin.model.__name__


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "model_admin", HISTORY_ADMINS, ids=[ma.model._meta.label for ma in HISTORY_ADMINS]
)
def test_nobody_changes_a_row_through_its_history_page(world, model_admin, role):
    obj = model_admin.model._default_manager.order_by("pk").first()
    data, changed = forged_post(model_admin, obj, world["superuser"])
    before = snapshot(model_admin.model, obj.pk)

    response = client_for(role, world).post(version_url(model_admin, obj), data)

    if role in STAFF:
        assert response.status_code in {403, 405}, (changed, response.status_code)
    else:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert snapshot(model_admin.model, obj.pk) == before, changed


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "model_admin", HISTORY_ADMINS, ids=[ma.model._meta.label for ma in HISTORY_ADMINS]
)
def test_the_history_list_refuses_a_post_too(world, model_admin, role):
    obj = model_admin.model._default_manager.order_by("pk").first()
    opts = model_admin.model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    before = snapshot(model_admin.model, obj.pk)

    response = client_for(role, world).post(url, {"name": "Ändrad"})

    if role in STAFF:
        assert response.status_code in {403, 405}
    else:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert snapshot(model_admin.model, obj.pk) == before


@pytest.mark.parametrize("role", sorted(STAFF))
@pytest.mark.parametrize(
    "model_admin", HISTORY_ADMINS, ids=[ma.model._meta.label for ma in HISTORY_ADMINS]
)
def test_staff_read_each_version_on_a_page_with_nothing_to_save(world, model_admin, role):
    obj = model_admin.model._default_manager.order_by("pk").first()
    client = client_for(role, world)
    opts = model_admin.model._meta

    history_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    listing = client.get(history_url)
    version = client.get(version_url(model_admin, obj))

    assert listing.status_code == 200 and version.status_code == 200
    html = version.content.decode()
    forms_on_page = re.findall(r"<form[^>]*>", html)
    assert [f for f in forms_on_page if "logout" not in f] == []  # only the admin's "Log out"
    assert "Återställ" not in html
    assert str(obj) in html


def test_a_reader_cannot_take_over_a_coordinators_address(world):
    """The defect as reported: a Läsare posts the coordinator's version page with another
    address, and would then be sent the coordinator's sign-in links."""
    coordinator = world["coordinator"]
    coordinator_admin = admin.site._registry[type(coordinator)]
    data, changed = forged_post(coordinator_admin, coordinator, world["superuser"])
    assert changed == "email"

    client_for("reader", world).post(version_url(coordinator_admin, coordinator), data)

    coordinator.refresh_from_db()
    assert coordinator.email == "anna@kil.example.org"
