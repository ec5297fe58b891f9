"""What one network address may sign up for the open conference, counted in the real shared
cache (Redis): a robot at one address is stopped at the limit, however many addresses it
invents and whichever process answers it; a municipality's staff behind their employer's one
address, named by the region, all get through; whoever is held back keeps what they typed
and is told in Swedish to wait."""

import multiprocessing

import pytest
import redis
from django.core.cache import caches
from django.test import Client

from meetings.models import Meeting
from meetings.services import meeting_save
from registrations.models import Participant
from tests import factories
from tests.helpers import require, run_python

pytestmark = pytest.mark.django_db

FORM = "/arshjul/2027/moten/konferens/anmal/"
REDIS = "redis://127.0.0.1:6379/8"
PROXY = {"REMOTE_ADDR": "10.0.0.2"}  # our reverse proxy; the visitor's address follows it
KARLSTAD = "194.68.10.5"  # the municipality's one address to the world (its NAT)


@pytest.fixture(autouse=True)
def shared_cache(settings):
    """Redis as in production, where every web process counts in the same place."""
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
        available = True
    except redis.RedisError:
        available = False
    require(available, "no Redis server on 127.0.0.1:6379")
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS},
    }
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def conference(cycle, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.OPEN_REGISTRATION_MAX_PER_IP = 5
    settings.OPEN_REGISTRATION_CROWD_NETWORKS = ["194.68.10.0/28"]
    settings.OPEN_REGISTRATION_CROWD_MAX_PER_IP = 500
    meeting = Meeting.objects.get(cycle=cycle, slug="konferens")
    meeting.participation, meeting.capacity = "open", 10
    meeting.registration_closes_at = factories.end_of_day(2027, 9, 15)
    return meeting_save(meeting=meeting)


def register(address, name, email, organisation_name="Karlstads kommun"):
    data = {"name": name, "email": email, "organisation_name": organisation_name}
    return Client().post(FORM, data, HTTP_X_FORWARDED_FOR=address, **PROXY)


def test_a_municipalitys_staff_behind_its_one_named_address_all_register(conference):
    answers = [
        register(KARLSTAD, f"Anställd {n}", f"anstalld{n}@karlstad.example.se").status_code
        for n in range(40)
    ]
    assert answers == [302] * 40  # eight times the limit of any other address
    assert Participant.objects.confirmed().count() == 10
    assert Participant.objects.waiting().count() == 30
    # Visitors at their own addresses pass meanwhile, each with the ordinary limit.
    assert register("81.2.69.1", "Ada", "ada@example.org").status_code == 302


def test_a_robot_at_one_address_inventing_addresses_is_stopped_at_the_limit(conference):
    answers = [
        register("81.2.69.9", f"Robot {n}", f"x{n}@slump{n}.example").status_code for n in range(12)
    ]
    assert answers == [302] * 5 + [429] * 7
    assert Participant.objects.count() == 5
    # The address next to the municipality's network is not in it: the ordinary limit.
    near = [register("194.68.10.99", f"R {n}", f"r{n}@example.org").status_code for n in range(6)]
    assert near == [302] * 5 + [429]
    # Someone else, at another address, is not held back by the robot.
    assert register("81.2.69.10", "Ada", "ada@example.org").status_code == 302


def test_who_is_held_back_keeps_what_they_typed_and_is_told_in_swedish_to_wait(conference):
    for n in range(5):
        register("81.2.69.9", f"Person {n}", f"p{n}@example.org")
    held = register("81.2.69.9", "Åsa Öberg", "asa.oberg@example.org", "Föreningen Framtid")
    html = held.content.decode()
    assert held.status_code == 429
    assert "Många anmälningar har skickats från ditt nätverk" in html
    assert "Vänta en timme" in html
    assert 'value="Åsa Öberg"' in html and 'value="asa.oberg@example.org"' in html
    assert 'value="Föreningen Framtid"' in html
    assert 0 < int(held["Retry-After"]) <= 3600
    assert not Participant.objects.filter(email="asa.oberg@example.org").exists()


def test_even_a_named_network_has_a_limit(conference, settings):
    settings.OPEN_REGISTRATION_CROWD_MAX_PER_IP = 8
    answers = [
        register(KARLSTAD, f"R {n}", f"r{n}@karlstad.example.se").status_code for n in range(10)
    ]
    assert answers == [302] * 8 + [429] * 2


def _admit_twenty(_):
    from registrations.open_registration import open_registration_admit

    return sum(open_registration_admit("81.2.69.9").allowed for _ in range(20))


def test_the_limit_holds_across_two_processes(conference):
    """Two web processes (forked, as gunicorn's workers are) counting the same address at
    once let exactly the limit through between them."""
    with multiprocessing.get_context("fork").Pool(2) as processes:
        allowed = processes.map(_admit_twenty, range(2))
    assert sum(allowed) == 5 and len(allowed) == 2


def test_a_network_that_is_not_one_stops_the_site_at_start():
    result = run_python(
        "import django; django.setup()",
        DEBUG="true",
        OPEN_REGISTRATION_CROWD_NETWORKS="194.68.10.0/28,karlstad",
    )
    assert result.returncode != 0
    assert "OPEN_REGISTRATION_CROWD_NETWORKS must list networks" in result.stderr
