"""Local passwords can be kept for the break-glass superuser alone
(STAFF_PASSWORD_LOGIN=superusers), and the staff login's lock still holds for them."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORDS_OFF = "Personalen loggar inte längre in med lösenord här"


@pytest.fixture
def superusers_only(settings):
    settings.STAFF_PASSWORD_LOGIN = "superusers"


RIGHT_PASSWORD = "a-long-test-password"  # the staff fixtures'


def log_in(client, username, password=RIGHT_PASSWORD):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_a_redaktors_right_password_is_refused_in_swedish(superusers_only, editor):
    client = Client()
    response = log_in(client, "redaktor")
    assert response.status_code == 200
    assert PASSWORDS_OFF in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lasares_right_password_is_refused_too(superusers_only, reader):
    client = Client()
    assert PASSWORDS_OFF in log_in(client, "lasare").content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_says_no_more_than_before(superusers_only, editor):
    page = log_in(Client(), "redaktor", "wrong").content.decode()
    assert PASSWORDS_OFF not in page
    assert "och lösenord för ett personalkonto" in page


def test_the_superuser_still_signs_in_with_a_password(superusers_only, staff):
    client = Client()
    response = log_in(client, "staff")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_by_default_everyone_on_the_staff_signs_in_with_a_password(editor):
    client = Client()
    assert log_in(client, "redaktor").status_code == 302


def test_the_lock_still_holds_after_five_failures(superusers_only, staff, settings):
    settings.STAFF_LOGIN_MAX_FAILURES = 5
    guesser = Client(REMOTE_ADDR="81.2.69.11")
    for n in range(5):
        assert log_in(guesser, "staff", f"gissning{n}").status_code == 200
    response = log_in(guesser, "staff")
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert "_auth_user_id" not in guesser.session


def test_refused_right_passwords_count_against_the_lock(superusers_only, editor, settings):
    settings.STAFF_LOGIN_MAX_FAILURES = 3
    client = Client(REMOTE_ADDR="81.2.69.12")
    for _ in range(3):
        assert PASSWORDS_OFF in log_in(client, "redaktor").content.decode()
    assert "För många misslyckade" in log_in(client, "redaktor").content.decode()


def test_an_sso_account_has_no_password_to_sign_in_with(sso):
    from django.contrib.auth import get_user_model

    from tests.sso.helpers import EDITORS, sign_in_through

    sso.set_groups({"eva": [EDITORS]})
    sign_in_through(sso, Client(), "eva")
    eva = get_user_model().objects.get(email="eva.redaktor@region.example.se")
    for password in ["", "!", eva.password]:
        client = Client()
        log_in(client, eva.username, password)
        assert "_auth_user_id" not in client.session
