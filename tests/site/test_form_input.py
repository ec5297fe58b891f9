"""Whatever is posted to any form a visitor, a group with its link or a coordinator can
reach — each field very long, any Unicode, NUL, a number written in other digits ("²"),
HTML — the answer is never a server error. The forms are found on the pages themselves, so
a new form is tried without a line here. Property-based (hypothesis); CI runs it on
PostgreSQL too, where NUL bytes and lengths meet the database."""

from urllib.parse import urljoin

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.html import forms_on
from tests.site.helpers import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

nasty = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["", "²", "٣", "-1", "0", "9" * 30, "nul\x00byte", "a" * 6000, "<script>x</script>"]
    ),
)


def post_forms(client: Client, path: str):
    """(form's address, the fields as shown, every field's name, its buttons) per POST form."""
    page = client.get(path)
    if page.status_code != 200:
        return []
    return [
        (urljoin(path, form["action"]) if form["action"] else path, form)
        for form in forms_on(page)
        if form["method"] == "post" and "logga-ut" not in form["action"]  # stay signed in
    ]


def try_form(client: Client, address: str, form: dict) -> None:
    names = sorted(form["names"] - {"csrfmiddlewaretoken"})
    buttons = [b for b in form["buttons"] if b[0]] or [(None, "")]

    @EXAMPLES
    @given(
        changes=st.dictionaries(st.sampled_from(names), nasty) if names else st.just({}),
        button=st.sampled_from(buttons),
    )
    def check(changes, button):
        data = {**form["fields"], **changes}
        if button[0]:
            data[button[0]] = button[1]
        response = client.post(address, data)
        assert response.status_code < 500, (address, data)

    check()


def test_no_public_or_personal_form_answers_a_server_error(demo_data, personal_pages):
    tried = 0
    for path in [*PUBLIC_PAGES, *personal_pages]:
        client = Client()
        for address, form in post_forms(client, path):
            try_form(client, address, form)
            tried += 1
    assert tried >= 6  # sign-in, join, open registration, invitation, registration, survey


def test_no_coordinator_form_answers_a_server_error(coordinator_session):
    client, _session, pages = coordinator_session
    tried = 0
    for path in pages:
        for address, form in post_forms(client, path):
            try_form(client, address, form)
            tried += 1
    assert tried >= 8
