"""Sign-in can be neither replayed nor used to shut anyone out: the limits live in the shared
cache and count atomically, nobody can lock another person out, the client's address is read
through the configured proxies only, and a one-time link signs in exactly once."""

import pytest
import redis
from django.core.cache import caches
from django.test import Client, TestCase

from registrations.models import SignInRequest
from tests.helpers import ask_for_link, link_in, outbox, require, run_at_once

pytestmark = pytest.mark.django_db


def test_past_the_limit_for_an_address_the_answer_is_the_same_and_the_last_link_works(
    client, owner, settings
):
    settings.SIGNIN_MAX_PER_ADDRESS = 3
    stranger = Client()
    for _ in range(3):  # someone else asks for Anna's address, three times
        assert ask_for_link(stranger, owner.email).url == "/logga-in/skickat/"
    # Anna's own request: the same answer as always, and no fourth e-mail.
    response = ask_for_link(client, owner.email)
    assert response.status_code == 302 and response.url == "/logga-in/skickat/"
    links = outbox("signin_link")
    assert len(links) == 3
    # The latest link she received signs her in.
    token = link_in(links[-1]).split("sesame=")[1]
    assert client.post("/logga-in/lank/", {"sesame": token}).status_code == 302
    assert "_auth_user_id" in client.session


def test_visitors_behind_a_trusted_proxy_are_counted_each_by_their_own_address(
    client, owner, settings
):
    settings.SIGNIN_MAX_PER_IP = 3
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(10):  # ten visitors, one proxy
        response = client.post(
            "/logga-in/",
            {"email": f"person{n}@example.org"},
            HTTP_X_FORWARDED_FOR=f"81.2.69.{n}",
            **proxy,
        )
        assert response.status_code == 302, n
    # One visitor asking too often is held back, and only that visitor.
    for _ in range(3):
        client.post(
            "/logga-in/", {"email": "x@example.org"}, HTTP_X_FORWARDED_FOR="81.2.69.200", **proxy
        )
    held = client.post(
        "/logga-in/", {"email": "x@example.org"}, HTTP_X_FORWARDED_FOR="81.2.69.200", **proxy
    )
    other = client.post(
        "/logga-in/", {"email": "y@example.org"}, HTTP_X_FORWARDED_FOR="81.2.69.201", **proxy
    )
    assert (held.status_code, other.status_code) == (429, 302)


def test_without_trusted_proxies_a_forged_forwarded_for_changes_nothing(client, owner, settings):
    settings.SIGNIN_MAX_PER_IP = 3
    for n in range(3):
        client.post("/logga-in/", {"email": f"p{n}@example.org"}, HTTP_X_FORWARDED_FOR=f"1.2.3.{n}")
    response = client.post("/logga-in/", {"email": "q@example.org"}, HTTP_X_FORWARDED_FOR="1.2.3.9")
    assert response.status_code == 429


@pytest.fixture(params=["local memory", "redis"])
def shared_cache(request, settings):
    if request.param == "redis":
        try:
            redis.Redis.from_url("redis://127.0.0.1:6379/13", socket_connect_timeout=1).ping()
            available = True
        except redis.RedisError:
            available = False
        require(available, "no Redis server on 127.0.0.1:6379")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/13",
            }
        }
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.mark.django_db(transaction=True)
def test_twelve_requests_at_once_against_a_limit_of_three_send_three_links(
    shared_cache, owner, settings
):
    settings.SIGNIN_MAX_PER_ADDRESS = 3

    def ask(n):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return Client(REMOTE_ADDR=f"81.2.69.{n}").post("/logga-in/", {"email": owner.email})

    answers = run_at_once(12, ask)
    assert [a.status_code for a in answers] == [302] * 12
    assert SignInRequest.objects.count() + len(outbox("signin_link")) == 3
    assert len(outbox("signin_link")) == 3


@pytest.mark.django_db(transaction=True)
def test_a_one_time_link_used_eight_times_at_once_signs_in_once(owner):
    ask_for_link(Client(), owner.email)
    token = link_in(outbox("signin_link")[0]).split("sesame=")[1]

    def use(_):
        visitor = Client()
        response = visitor.post("/logga-in/lank/", {"sesame": token})
        return response.status_code, "_auth_user_id" in visitor.session

    results = run_at_once(8, use)
    assert sorted(results) == [(302, True)] + [(410, False)] * 7
