"""What the provider sends back is checked in full: an ID token whose signature was altered,
that has expired, that is for another client or from another issuer, or that answers another
sign-in is refused, and so are a state not ours and the provider's own error. Each ends on
the login page with a message in Swedish, nobody signed in, never an error 500. (The
provider here is a real HTTP server that answers with the token the test made.)"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.sso.helpers import READERS, rsa_key, start_sign_in, state_and_nonce

pytestmark = pytest.mark.django_db

FAILED = "Inloggningen med regionens konto kunde inte slutföras. Försök igen."


def callback_with(provider, client, **token):
    """Start a sign-in, let the provider answer with an ID token made from ``token``, and
    come back to our callback as the browser would."""
    state, nonce = state_and_nonce(start_sign_in(client))
    provider.next_id_token = provider.id_token(nonce=token.pop("nonce", nonce), **token)
    return client.get(f"/oidc/callback/?code=the-code&state={state}", follow=True)


def refused(response, message=FAILED) -> bool:
    return (
        response.status_code == 200
        and response.redirect_chain[-1][0] == "/admin/login/"
        and message in response.content.decode()
        and "_auth_user_id" not in response.client.session
    )


def test_a_good_token_signs_in(scripted_sso):
    client = Client()
    response = callback_with(scripted_sso, client)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.status_code == 200 and "_auth_user_id" in client.session


def test_a_token_whose_signature_was_altered_is_refused(scripted_sso):
    client = Client()
    state, nonce = state_and_nonce(start_sign_in(client))
    header, payload, signature = scripted_sso.id_token(nonce=nonce).split(".")
    altered = ("A" if signature[0] != "A" else "B") + signature[1:]
    scripted_sso.next_id_token = f"{header}.{payload}.{altered}"
    response = client.get(f"/oidc/callback/?code=c&state={state}", follow=True)
    assert refused(response)
    assert get_user_model().objects.count() == 0


def test_a_token_with_claims_changed_after_signing_is_refused(scripted_sso):
    import base64
    import json

    client = Client()
    state, nonce = state_and_nonce(start_sign_in(client))
    header, payload, signature = scripted_sso.id_token(nonce=nonce, groups=[READERS]).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["groups"] = ["arshjul-redaktorer"]
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    scripted_sso.next_id_token = f"{header}.{forged}.{signature}"
    assert refused(client.get(f"/oidc/callback/?code=c&state={state}", follow=True))


def test_a_token_signed_with_another_key_is_refused(scripted_sso):
    assert refused(callback_with(scripted_sso, Client(), key=rsa_key()))


def test_an_expired_token_is_refused(scripted_sso):
    assert refused(callback_with(scripted_sso, Client(), expires_in=-3600))
    assert get_user_model().objects.count() == 0


def test_a_token_for_another_client_is_refused(scripted_sso):
    assert refused(callback_with(scripted_sso, Client(), aud="another-application"))


def test_a_token_from_another_issuer_is_refused(scripted_sso):
    assert refused(callback_with(scripted_sso, Client(), iss="https://evil.example"))


def test_a_token_of_another_sign_in_is_refused(scripted_sso):
    assert refused(callback_with(scripted_sso, Client(), nonce="someone-elses-nonce"))


def test_a_state_that_is_not_ours_is_refused(scripted_sso):
    client = Client()
    start_sign_in(client)
    assert refused(client.get("/oidc/callback/?code=c&state=forged", follow=True))


def test_a_callback_without_a_sign_in_begun_is_refused(scripted_sso):
    assert refused(Client().get("/oidc/callback/?code=c&state=s", follow=True))


def test_the_providers_error_is_said_in_swedish(scripted_sso):
    client = Client()
    state, _ = state_and_nonce(start_sign_in(client))
    response = client.get(f"/oidc/callback/?error=access_denied&state={state}", follow=True)
    assert refused(response, "Regionens inloggningstjänst loggade inte in dig. Försök igen.")


def test_a_provider_that_does_not_answer_is_said_in_swedish(settings, db):
    import socket

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.OIDC_ISSUER_URL = f"http://127.0.0.1:{port}"
    settings.OIDC_RP_CLIENT_ID = "arshjul"
    response = Client().get("/oidc/authenticate/?next=/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/login/"
    assert "Regionens inloggningstjänst svarar inte just nu" in response.content.decode()


def test_a_changed_e_mail_address_is_still_the_same_account(scripted_sso):
    callback_with(scripted_sso, Client(), sub="person-7", email="old@region.example.se")
    callback_with(scripted_sso, Client(), sub="person-7", email="new@region.example.se")
    user = get_user_model().objects.get()
    assert user.email == "new@region.example.se" and user.is_staff


def test_the_same_sub_at_another_issuer_is_someone_else(scripted_sso):
    from arshjul.staff_sso import username_for

    assert username_for(issuer="https://a.example", sub="1") != username_for(
        issuer="https://b.example", sub="1"
    )


def test_the_discovery_document_is_read_once_and_kept_in_the_shared_cache(scripted_sso):
    asked = scripted_sso.discovery_requests
    callback_with(scripted_sso, Client())
    callback_with(scripted_sso, Client())
    assert scripted_sso.discovery_requests == asked + 1


def test_nothing_is_asked_of_the_provider_at_start_up_or_to_show_the_login_page():
    """Configured for a provider that does not answer (nothing listens on port 1), the site
    starts and shows its login page with the button."""
    from tests.helpers import run_python

    result = run_python(
        "import django; django.setup();"
        "from django.test import Client; from django.test.utils import setup_test_environment;"
        "setup_test_environment();"
        "r = Client().get('/admin/login/'); print(r.status_code, 'oidc/authenticate' in r.text)",
        DEBUG="true",
        OIDC_ISSUER_URL="http://127.0.0.1:1",
        OIDC_CLIENT_ID="arshjul",
        STAFF_PASSWORD_LOGIN="superusers",
    )
    assert result.stdout.strip().splitlines()[-1] == "200 True", result.stderr
