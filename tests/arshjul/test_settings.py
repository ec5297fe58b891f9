"""Settings are read from the environment: run them in a fresh process for each case."""

import json

from tests.helpers import ROOT, run_python

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ENGINE": settings.DATABASES["default"]["ENGINE"],
    "DB_NAME": str(settings.DATABASES["default"]["NAME"]),
    "DB_HOST": settings.DATABASES["default"].get("HOST", ""),
    "EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "BROKER": settings.CELERY_BROKER_URL,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_HOST": settings.EMAIL_HOST,
    "EMAIL_PORT": settings.EMAIL_PORT,
    "TIME_ZONE": settings.TIME_ZONE,
    "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    "LANGUAGES": [code for code, _ in settings.LANGUAGES],
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
}))
"""


def settings_with(**variables):
    result = run_python(PRINT_SETTINGS, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_debug_is_off_unless_set():
    """A deployment that forgets DEBUG is not in debug mode: it stops, asking for its secret."""
    result = run_python(PRINT_SETTINGS)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    production = {"SECRET_KEY": "x" * 60, "CACHE_URL": "redis://r:6379/1"}
    assert settings_with(**production, ALLOW_CONSOLE_EMAIL="true")["DEBUG"] is False


def test_make_writes_a_laptops_env_with_debug_on():
    rule = (ROOT / "Makefile").read_text().split("\n.env:\n", 1)[1].split("\n\n", 1)[0]
    assert "DEBUG=true" in rule
    assert "setup: $(STAMP) .env" in (ROOT / "Makefile").read_text()


def test_every_variable_the_settings_read_is_in_env_example_with_a_line_on_it():
    import re

    code = (ROOT / "arshjul" / "settings.py").read_text()
    read = set(
        re.findall(
            r'(?:env\.\w+|env_bool|env_int|env_networks|env_url|environ\.Env\(\)\.str)\(\s*"([A-Z][A-Z0-9_]+)"',
            code,
        )
    )
    variable = re.compile(r"^#? ?([A-Z][A-Z0-9_]+)=")
    listed, unexplained = set(), []
    # Blocks between blank lines: each variable's block says in words what it is for.
    for block in (ROOT / ".env.example").read_text().split("\n\n"):
        names = [m[1] for line in block.splitlines() if (m := variable.match(line))]
        words = [line for line in block.splitlines() if not variable.match(line)]
        listed.update(names)
        if names and not any(line.startswith("# ") for line in words):
            unexplained += names
    assert read == listed, (read - listed, listed - read)
    assert unexplained == []


def test_the_defaults_need_nothing_installed():
    s = settings_with(DEBUG="true")
    assert s["DEBUG"] is True
    assert s["ENGINE"] == "django.db.backends.sqlite3"
    assert s["DB_NAME"] == str(ROOT / "var" / "db.sqlite3")
    assert s["EAGER"] is True and s["BROKER"] == "memory://"
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert s["TIME_ZONE"] == "Europe/Stockholm"
    assert s["LANGUAGE_CODE"] == "sv" and s["LANGUAGES"] == ["sv", "en"]


def test_environment_variables_switch_on_the_real_parts():
    s = settings_with(
        DATABASE_URL="postgres://arshjul:pw@db.internal:5432/arshjul",
        CELERY_BROKER_URL="redis://redis.internal:6379/0",
        EMAIL_URL="smtp://user:pw@mail.internal:587",
        DEBUG="false",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="arshjul.example.org,www.arshjul.example.org",
        CACHE_URL="redis://redis.internal:6379/1",
    )
    assert s["DEBUG"] is False
    assert s["ENGINE"] == "django.db.backends.postgresql"
    assert (s["DB_NAME"], s["DB_HOST"]) == ("arshjul", "db.internal")
    assert s["EAGER"] is False and s["BROKER"] == "redis://redis.internal:6379/0"
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (s["EMAIL_HOST"], s["EMAIL_PORT"]) == ("mail.internal", 587)
    assert s["ALLOWED_HOSTS"] == ["arshjul.example.org", "www.arshjul.example.org"]
    assert s["SSL_REDIRECT"] is True


def test_a_missing_secret_key_stops_start_up_naming_it():
    result = run_python(PRINT_SETTINGS, DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_malformed_variable_stops_start_up_naming_it():
    for name, value in [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "nosuchdb://x"),
        ("CELERY_BROKER_URL", "localhost"),
        ("SECURE_HSTS_SECONDS", "a year"),
    ]:
        result = run_python(PRINT_SETTINGS, **{"DEBUG": "true", name: value})
        assert result.returncode != 0, name
        assert name in result.stderr, (name, result.stderr[-500:])


def test_a_malformed_url_is_named_without_its_password():
    for name, value in [
        ("DATABASE_URL", "nosuchdb://arshjul:s3cret-pw@db:5432/arshjul"),
        ("EMAIL_URL", "smtp://mailer:s3cret-pw@mail.example.org:notaport"),
        ("CACHE_URL", "nosuchcache://user:s3cret-pw@cache:6379/1"),
    ]:
        result = run_python(PRINT_SETTINGS, **{"DEBUG": "true", name: value})
        assert result.returncode != 0, name
        assert name in result.stderr, (name, result.stderr[-500:])
        assert "s3cret-pw" not in result.stderr, (name, result.stderr[-800:])


def test_the_production_settings_pass_the_deploy_check():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="false",
        SECRET_KEY="q7-Hk2m9_zP4xN8vR1cL6tY3wB5jD0fG2sE7uA9oI4kM1nV6-w8Xe3Rt5Yu7Io9Pa",
        ALLOWED_HOSTS="arshjul.example.org",
        CSRF_TRUSTED_ORIGINS="https://arshjul.example.org",
        DATABASE_URL="postgres://arshjul@127.0.0.1:5432/arshjul",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        EMAIL_URL="smtp://mail.example.org:587",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_a_cache_each_process_keeps_alone():
    result = run_python(
        PRINT_SETTINGS, DEBUG="false", SECRET_KEY="x" * 60, EMAIL_URL="smtp://mail.example.org:25"
    )
    assert result.returncode != 0 and "CACHE_URL" in result.stderr


def test_the_images_build_commands_start_with_their_settings():
    """The Dockerfile runs compilemessages and collectstatic with production settings; they
    must be complete (no engine here builds the image)."""
    import re
    import shlex

    dockerfile = (ROOT / "Dockerfile").read_text()
    arg = re.search(r'ARG BUILD_SETTINGS="(.*?)"', dockerfile, re.S)[1].replace("\\\n", " ")
    variables = dict(item.split("=", 1) for item in shlex.split(arg))
    variables.pop("ENV_FILE")  # run_python() reads no .env file either
    result = run_python(["manage.py", "check"], **variables)
    assert result.returncode == 0, result.stderr


def test_commands_beside_make_run_link_to_the_port_it_serves_at(tmp_path):
    """`make run PORT=8080` leaves its address behind, so that login_link and run_sweeps in
    another terminal print links to that port, not 8000."""
    served = tmp_path / "site-url"
    served.write_text("http://127.0.0.1:8080\n")
    code = (
        "import django; from django.conf import settings; django.setup(); print(settings.SITE_URL)"
    )
    result = run_python(code, SITE_URL_FILE=str(served), DEBUG="true")
    assert result.stdout.strip() == "http://127.0.0.1:8080", result.stderr
    link = run_python(
        "import django; django.setup(); from arshjul.lib.emails import absolute_url;"
        " print(absolute_url('registrations:signin'))",
        SITE_URL_FILE=str(served),
        DEBUG="true",
    )
    assert link.stdout.strip() == "http://127.0.0.1:8080/logga-in/", link.stderr
    # Production names its address; the file is never read there.
    production = run_python(
        code,
        SITE_URL_FILE=str(served),
        DEBUG="false",
        SECRET_KEY="x" * 50,
        ALLOW_CONSOLE_EMAIL="true",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    assert production.stdout.strip() == "http://127.0.0.1:8000", production.stderr
