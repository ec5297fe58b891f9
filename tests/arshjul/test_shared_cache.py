"""On a laptop (`make run`), the cache is one every process shares: values imported by a
command in another terminal, as the README says to, show on the next anonymous visit, not at
midnight; and a rate limit counts every process's hits, at once."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from arshjul.lib import ratelimit
from indicators.models import Area, Geography, Indicator
from tests.indicators.helpers import KOLADA

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The test database, for a process of its own."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    return (
        f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
    )


def same_cache() -> dict:
    """The cache this process uses, for a process of its own: its folder, for a file cache
    (the tests keep theirs apart from var/cache); else what the environment says, if anything
    (the settings' default otherwise)."""
    config = settings.CACHES["default"]
    if config["BACKEND"].endswith("SharedFileCache"):
        return {"CACHE_URL": f"filecache://{Path(config['LOCATION']).parent}"}
    return {"CACHE_URL": os.environ["CACHE_URL"]} if "CACHE_URL" in os.environ else {}


def another_process(args: list[str]):
    """Python in another process, as in another terminal: the same database and cache."""
    env = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "DATABASE_URL"}}
    env.update(
        ENV_FILE="",
        DEBUG="true",
        DJANGO_SETTINGS_MODULE="arshjul.settings",
        DATABASE_URL=database_url(),
        **same_cache(),
    )
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def employment(transactional_db):
    Geography.objects.create(code="0017", name="Värmland", level="county")
    Geography.objects.create(code="1780", name="Karlstad", level="municipality")
    area = Area.objects.create(name="Stärka konkurrenskraften")
    return Indicator.objects.create(
        code="N00914",
        name="Andel förvärvsarbetande 20–64 år",
        area=area,
        unit="%",
        source=Indicator.Source.KOLADA,
        kolada_kpi="N00914",
        levels=Indicator.Levels.MUNICIPALITIES,
    )


def test_the_default_cache_on_a_laptop_is_files_every_process_shares():
    from tests.helpers import run_python

    result = run_python(
        "import django; from django.conf import settings; django.setup();"
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'],"
        " settings.CACHES['pages']['LOCATION'])",
        DEBUG="true",  # a laptop's .env
    )
    backend, default, pages = result.stdout.split()
    assert backend == "arshjul.lib.cache.SharedFileCache"
    assert (default, pages) == (str(ROOT / "var/cache/default"), str(ROOT / "var/cache/pages"))


def test_a_command_in_another_terminal_shows_on_the_next_anonymous_visit(employment):
    visitor = Client()
    before = visitor.get("/indikatorer/N00914/").content.decode()
    assert "80,2" not in before
    assert visitor.get("/indikatorer/N00914/").content.decode() == before  # from the cache

    result = another_process(
        ["manage.py", "import_kolada", "N00914", "--file", str(KOLADA / "n00914-page1.json")]
    )
    assert result.returncode == 0, result.stderr

    assert "80,2" in visitor.get("/indikatorer/N00914/").content.decode()


def test_a_rate_limit_counts_the_hits_of_every_process(transactional_db):
    code = (
        "import django; django.setup(); from arshjul.lib import ratelimit;"
        "[ratelimit.hit('test', 'anna', limit=5, window=900) for _ in range(4)]"
    )
    done = another_process(["-c", code])
    assert done.returncode == 0, done.stderr

    assert ratelimit.count("test", "anna", window=900) == 4
    assert ratelimit.hit("test", "anna", limit=5, window=900)  # the fifth
    assert not ratelimit.hit("test", "anna", limit=5, window=900)  # the sixth
