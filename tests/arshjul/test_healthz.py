import copy
import json

import pytest
import redis
from django.db import connections

from tests.helpers import require

pytestmark = pytest.mark.django_db


def test_it_is_healthy_with_the_database_up_and_no_broker(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"] == {"ok": True, "configured": False}


def test_it_answers_503_when_the_database_is_down(client, monkeypatch):
    broken = copy.deepcopy(connections.settings["default"])
    if broken["ENGINE"].endswith("sqlite3"):
        broken["NAME"] = "/nonexistent-directory/db.sqlite3"
    else:
        broken["PORT"] = "1"  # nothing listens there
    monkeypatch.setitem(connections.settings, "default", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "unavailable"
    assert body["database"]["ok"] is False


def test_it_answers_503_when_the_configured_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["broker"]["ok"] is False


def test_it_reports_a_reachable_redis_broker(client, settings):
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        reachable = True
    except redis.RedisError:
        reachable = False
    require(reachable, "no Redis server on 127.0.0.1:6379")
    settings.CELERY_BROKER_URL = url

    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content)["broker"] == {"ok": True, "configured": True}
