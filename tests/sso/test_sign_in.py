"""Staff sign in through the region's identity provider (a real OpenID Connect provider in a
second process): the role comes from the provider's groups at every sign-in, someone in no
group gets no staff access and is told whom to ask, and signing out ends the provider's
session too."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import Client

from arshjul.roles import EDITOR, READER
from tests.sso.helpers import EDITORS, READERS, sign_in_through, start_sign_in

pytestmark = pytest.mark.django_db


def user_of(client):
    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def roles(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_someone_in_the_editors_group_signs_in_without_a_local_password_as_redaktor(sso):
    sso.set_groups({"eva": [EDITORS, "some-other-group"]})
    client = Client()
    response = sign_in_through(sso, client, "eva")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    eva = user_of(client)
    assert eva.is_staff and not eva.is_superuser and roles(eva) == {EDITOR}
    assert not eva.has_usable_password()
    assert eva.email == "eva.redaktor@region.example.se" and eva.get_full_name() == "Eva Redaktör"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/arshjul/cycle/add/").status_code == 200


def test_someone_in_the_readers_group_is_lasare_who_reads_and_changes_nothing(sso):
    sso.set_groups({"lars": [READERS]})
    client = Client()
    sign_in_through(sso, client, "lars")
    lars = user_of(client)
    assert lars.is_staff and roles(lars) == {READER}
    assert client.get("/admin/arshjul/cycle/").status_code == 200
    assert client.get("/admin/arshjul/cycle/add/").status_code == 403


def test_in_both_groups_the_editors_wins(sso):
    sso.set_groups({"eva": [READERS, EDITORS]})
    client = Client()
    sign_in_through(sso, client, "eva")
    assert roles(user_of(client)) == {EDITOR}


def test_the_role_follows_the_group_at_each_sign_in_and_is_lost_with_it(sso):
    sso.set_groups({"eva": [EDITORS]})
    sign_in_through(sso, Client(), "eva")
    eva = get_user_model().objects.get(email="eva.redaktor@region.example.se")

    sso.set_groups({"eva": [READERS]})
    sign_in_through(sso, Client(), "eva")
    eva.refresh_from_db()
    assert eva.is_staff and roles(eva) == {READER}

    sso.set_groups({"eva": []})
    client = Client()
    response = sign_in_through(sso, client, "eva")
    eva.refresh_from_db()
    assert not eva.is_staff and roles(eva) == set()
    assert response.status_code == 403
    assert "Du har ingen behörighet till administrationen" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
    # The same account each time (the provider's sub), not a new one.
    assert get_user_model().objects.filter(email="eva.redaktor@region.example.se").count() == 1


def test_someone_in_no_group_gets_no_account_and_is_told_whom_to_ask(sso):
    users = get_user_model().objects.count()
    client = Client()
    response = sign_in_through(sso, client, "okand")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Du har ingen behörighet till administrationen" in page
    assert "arshjul-support@region.example.se" in page
    assert 'href="mailto:arshjul-support@region.example.se"' in response.content.decode()
    assert get_user_model().objects.count() == users
    assert "_auth_user_id" not in client.session


def test_without_a_contact_the_page_still_says_whom_to_ask(sso, settings):
    settings.STAFF_ACCESS_CONTACT = ""
    response = sign_in_through(sso, Client(), "okand")
    assert "ansvarar för Årshjul i regionen" in response.content.decode()


def test_a_superuser_is_never_changed_through_sign_on(sso):
    sso.set_groups({"eva": [EDITORS]})
    client = Client()
    sign_in_through(sso, client, "eva")
    eva = user_of(client)
    eva.is_superuser = True
    eva.save()

    sso.set_groups({"eva": []})
    client = Client()
    response = sign_in_through(sso, client, "eva")
    eva.refresh_from_db()
    assert eva.is_superuser and eva.is_staff and roles(eva) == {EDITOR}
    assert response.status_code == 302 and user_of(client) == eva


def test_a_deactivated_account_is_refused_whatever_its_groups(sso):
    sso.set_groups({"eva": [EDITORS]})
    sign_in_through(sso, Client(), "eva")
    get_user_model().objects.filter(email="eva.redaktor@region.example.se").update(is_active=False)
    client = Client()
    response = sign_in_through(sso, client, "eva")
    assert response.status_code == 403 and "_auth_user_id" not in client.session


def test_the_sign_in_returns_to_the_page_asked_for(sso):
    sso.set_groups({"eva": [EDITORS]})
    client = Client()
    back = sso.sign_in(start_sign_in(client, next_url="/admin/arshjul/cycle/"), "eva")
    response = client.get(back.removeprefix("http://testserver"))
    assert response["Location"] == "/admin/arshjul/cycle/"


def test_signing_out_ends_the_providers_session_too(sso):
    sso.set_groups({"eva": [EDITORS]})
    client, browser = Client(), requests.Session()
    sign_in_through(sso, client, "eva", browser=browser)

    response = client.post("/admin/logout/")
    assert "_auth_user_id" not in client.session
    end_session = response["Location"]
    assert end_session.startswith(f"{sso.issuer}/logout/")
    query = parse_qs(urlsplit(end_session).query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/admin/login/"]
    assert query["id_token_hint"][0].count(".") == 2
    back = browser.get(end_session, allow_redirects=False)
    assert back.headers["Location"] == "http://testserver/admin/login/"

    # Signed out at the provider: the next sign-in asks for the password again.
    again = browser.get(start_sign_in(Client()), allow_redirects=False)
    assert "/login/" in again.headers["Location"]


def test_a_password_sign_out_is_as_before(editor_client):
    response = editor_client.post("/admin/logout/")
    assert response.status_code == 200
    assert "_auth_user_id" not in editor_client.session


def token_due(client):
    """The ID token's time is up (a quarter of an hour after the sign-in)."""
    session = client.session
    session["oidc_id_token_expiration"] = 0
    session.save()


def check_again(client, browser, path="/admin/arshjul/cycle/"):
    """A page asked for once the ID token is due: the silent check at the provider, and back
    at our callback; its response."""
    response = client.get(path)
    assert response.status_code == 302 and "prompt=none" in response["Location"]
    back = browser.get(response["Location"], allow_redirects=False).headers["Location"]
    return client.get(back.removeprefix("http://testserver"))


def test_while_someone_works_the_role_is_checked_again_when_the_token_is_due(sso):
    sso.set_groups({"eva": [EDITORS]})
    client, browser = Client(), requests.Session()
    sign_in_through(sso, client, "eva", browser=browser)
    assert client.get("/admin/arshjul/cycle/add/").status_code == 200

    sso.set_groups({"eva": [READERS]})
    token_due(client)
    response = check_again(client, browser, "/admin/arshjul/cycle/add/")
    assert response["Location"] == "/admin/arshjul/cycle/add/"
    assert roles(user_of(client)) == {READER}
    assert client.get("/admin/arshjul/cycle/add/").status_code == 403

    sso.set_groups({"eva": []})
    token_due(client)
    response = check_again(client, browser)
    assert response.status_code == 403
    assert "Du har ingen behörighet till administrationen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_session_ended_at_the_provider_ends_here_at_the_next_check(sso):
    sso.set_groups({"eva": [EDITORS]})
    client = Client()
    sign_in_through(sso, client, "eva")
    token_due(client)
    # Another browser (no session at the provider) stands in for a provider session ended.
    response = check_again(client, requests.Session())
    assert response.status_code == 302 and response["Location"] == "/admin/login/"
    assert "_auth_user_id" not in client.session
    page = client.get("/admin/login/").content.decode()
    assert "Din session med regionens konto har tagit slut. Logga in igen." in page


def test_a_password_session_is_never_sent_to_the_provider(sso, editor_client):
    token_due(editor_client)
    assert editor_client.get("/admin/").status_code == 200


def test_no_token_secret_or_address_reaches_the_logs_during_a_sign_in(sso, caplog):
    import logging

    from tests.sso.helpers import CLIENT_SECRET, PASSWORDS

    caplog.set_level(logging.DEBUG)
    sso.set_groups({"eva": [EDITORS]})
    client = Client()
    sign_in_through(sso, client, "eva")
    id_token = client.session["oidc_id_token"]
    client.get("/oidc/callback/?code=used-again&state=forged")  # a refusal is logged
    client.post("/admin/logout/")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "refused" in logged  # the refusal was logged, in words
    for secret in [id_token, id_token.split(".")[2], CLIENT_SECRET, PASSWORDS["eva"]]:
        assert secret not in logged
    assert "eva.redaktor@region.example.se" not in logged
