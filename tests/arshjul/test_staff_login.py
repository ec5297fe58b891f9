"""The staff login can't be guessed without limit, and can't be used to lock a named person
out: failed attempts lock the pair (user name, network address) for a quarter of an hour."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db


def log_in(client, password, **extra):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "staff", "password": password},
        **extra,
    )


def test_five_wrong_passwords_lock_that_address_out_for_a_quarter_of_an_hour(staff, settings):
    settings.STAFF_LOGIN_MAX_FAILURES = 5
    guesser = Client(REMOTE_ADDR="81.2.69.1")
    for n in range(5):
        assert log_in(guesser, f"gissning{n}").status_code == 200
    response = log_in(guesser, "a-long-test-password")
    assert response.status_code == 200
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert "_auth_user_id" not in guesser.session

    # The person themselves, elsewhere, is not locked out.
    own = Client(REMOTE_ADDR="81.2.69.2")
    assert log_in(own, "a-long-test-password").status_code == 302

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert log_in(guesser, "a-long-test-password").status_code == 302


def test_one_address_guessing_many_user_names_is_held_back(staff, settings):
    settings.STAFF_LOGIN_MAX_FAILURES_PER_IP = 10
    guesser = Client(REMOTE_ADDR="81.2.69.3")
    for n in range(10):
        guesser.post("/admin/login/", {"username": f"user{n}", "password": "x"})
    response = log_in(guesser, "a-long-test-password")
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_guesses_sent_at_once_are_counted_too(staff, settings):
    from tests.helpers import run_at_once

    settings.STAFF_LOGIN_MAX_FAILURES = 5

    def guess(n):
        client = Client(REMOTE_ADDR="81.2.69.7")
        return log_in(client, f"gissning{n}").content.decode()

    pages = run_at_once(12, guess)
    tried = [p for p in pages if "För många misslyckade" not in p]
    assert len(tried) == 5  # the sixth and later were refused without trying the password
