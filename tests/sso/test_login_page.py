"""The admin's login page: Django's own, unchanged, where single sign-on is not configured;
with it, the region's account first and the password form second. And the whole cast trying
the login and the sign-on's addresses: nobody gets staff access from them."""

import re
from pathlib import Path

import django.contrib.admin
import pytest
from django.template import Context, Engine
from django.test import Client

from tests.helpers import CAST, refused_by_the_admin

pytestmark = pytest.mark.django_db


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_newcomers_machine_shows_djangos_own_login_page_unchanged():
    response = Client().get("/admin/login/")
    assert response.status_code == 200
    # Django's own template, rendered with the same context, as the site did before.
    stock = (Path(django.contrib.admin.__file__).parent / "templates/admin/login.html").read_text()
    context = Context(response.context[0].flatten())
    stock_page = Engine.get_default().from_string(stock).render(context)
    assert 'id="login-form"' in stock_page
    assert without_tokens(response.content.decode()) == without_tokens(stock_page)
    assert "oidc" not in response.content.decode()


def test_with_sign_on_the_regions_account_comes_first(sso):
    page = Client().get("/admin/login/?next=/admin/arshjul/cycle/").content.decode()
    button = page.index("Logga in med regionens konto")
    assert 'href="/oidc/authenticate/?next=/admin/arshjul/cycle/"' in page
    assert (
        button
        < page.index("Eller logga in med användarnamn och lösenord")
        < page.index('id="login-form"')
    )


def test_with_passwords_for_superusers_only_the_form_is_the_administrators_emergency_way_in(
    sso, settings
):
    settings.STAFF_PASSWORD_LOGIN = "superusers"
    page = Client().get("/admin/login/").content.decode()
    assert page.index("Logga in med regionens konto") < page.index(
        "Nödinloggning för administratör"
    )
    assert 'id="login-form"' in page


def test_the_sign_on_addresses_are_not_there_without_it():
    for url in ["/oidc/authenticate/", "/oidc/callback/?code=c&state=s", "/oidc/logout/"]:
        assert Client().get(url).status_code == 404


@pytest.mark.parametrize("role", CAST)
def test_nobody_of_the_cast_gets_staff_access_from_the_login_or_the_sign_on(role, cast, sso):
    client = cast[role]
    staff_before = role in {"reader", "editor"}
    answers = {
        "login GET": client.get("/admin/login/").status_code,
        "login POST": client.post(
            "/admin/login/", {"username": "redaktor", "password": "wrong"}
        ).status_code,
        "start GET": client.get("/oidc/authenticate/?next=/admin/").status_code,
        "start POST": client.post("/oidc/authenticate/").status_code,
        "callback GET": client.get("/oidc/callback/?code=c&state=forged").status_code,
        "callback POST": client.post("/oidc/callback/", {"code": "c", "state": "s"}).status_code,
        "error GET": client.get("/oidc/callback/?error=access_denied").status_code,
        "logout GET": client.get("/oidc/logout/").status_code,
        "logout POST": client.post("/oidc/logout/").status_code,
    }
    assert answers == {
        "login GET": 302 if staff_before else 200,
        "login POST": 200,  # the wrong password, again
        "start GET": 302,  # to the provider
        "start POST": 405,
        "callback GET": 302,  # to the login page, refused
        "callback POST": 405,
        "error GET": 302,
        "logout GET": 405,
        "logout POST": 302,  # signed out (nobody is signed in by now)
    }
    # A refused callback signs out whoever was signed in: nobody is staff now.
    assert refused_by_the_admin(client.get("/admin/"), "anonymous")


def test_the_pages_let_the_sign_out_form_go_on_to_the_provider():
    from tests.helpers import run_python

    code = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
    )
    configured = run_python(
        code, DEBUG="true", OIDC_ISSUER_URL="https://login.example.se/realms/region/"
    )
    assert configured.stdout.strip() == "[\"'self'\", 'https://login.example.se']"
    assert run_python(code, DEBUG="true").stdout.strip() == "[\"'self'\"]"
