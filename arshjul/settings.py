"""Settings for Årshjul: one module, read from the environment through django-environ.

With DEBUG=true (the ``.env`` that ``make run`` writes) the defaults run on a laptop with
nothing installed: SQLite under ``var/``, Celery tasks run eagerly in the web process, e-mail
printed to the console. Environment variables (or a ``.env`` file beside ``manage.py``) switch
on the real parts; ``.env.example`` lists every one (a test keeps the two in step).
"""

import ipaddress
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from arshjul.lib.error_reports import sentry_init
from arshjul.lib.logs import RequestIdCeleryIntegration

BASE_DIR = Path(__file__).resolve().parent.parent

# A .env file is read when present; variables already in the environment win. ENV_FILE points
# elsewhere (an empty value reads none), which keeps tests independent of a developer's .env.
_env_file = environ.Env().str("ENV_FILE", default=str(BASE_DIR / ".env"))
if _env_file and Path(_env_file).is_file():
    environ.Env.read_env(_env_file)

env = environ.Env()

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    """A strict boolean: a typo such as DEBUG=flase stops start-up instead of meaning False."""
    raw = env.str(name, default="")
    if raw == "":
        return default
    if raw.strip().lower() in _TRUE:
        return True
    if raw.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = env.str(name, default="")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_networks(name: str, example: str) -> list[str]:
    """A comma-separated list of networks (CIDR), each checked at start-up."""
    networks = [n.strip() for n in env.list(name, default=[]) if n.strip()]
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list networks such as {example}, not {network!r}."
            ) from None
    return networks


def without_password(url: str) -> str:
    """A URL as an error message may show it: its password (user:password@) replaced."""
    import re

    return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", url)


def env_url(name: str, parse, default: str | None = None):
    """Parse a URL variable with django-environ, naming the variable when it is malformed
    (and showing the value without its password: start-up errors end up in logs)."""
    raw = env.str(name, default=default or "")
    try:
        return parse(raw)
    except (ImproperlyConfigured, KeyError, ValueError) as exc:
        shown = without_password(raw)
        message = str(exc).replace(raw, shown)
        raise ImproperlyConfigured(f"{name} is not a valid URL ({shown!r}): {message}") from None


# Off unless set: a deployment that forgets it does not run in debug mode. `make run` and
# `make test` write a .env with DEBUG=true for a laptop.
DEBUG = env_bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-local-development-only")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is false (a long random string, kept secret)."
        )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The absolute address of the site, for links in e-mails and PDFs. On a laptop, `make run`
# leaves the address it serves at in var/site-url, so that commands run beside it
# (login_link, run_sweeps) link to the same port.
_dev_site_url = Path(env.str("SITE_URL_FILE", default=str(BASE_DIR / "var" / "site-url")))
SITE_URL = env.str(
    "SITE_URL",
    default=_dev_site_url.read_text().strip()
    if DEBUG and _dev_site_url.is_file()
    else "http://127.0.0.1:8000",
).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the API's documentation pages' scripts, served by us (no CDN)
    "corsheaders",
    "django_guid",
    "arshjul",
    "meetings",
    "registrations",
    "survey",
    "indicators",
    "working_material",
    "workshops",
    "situation",
    "followup",
    "pages",  # what the pages that gather apps show (imports the apps; only opendata imports it)
    "opendata",  # the open data: API, bulk files, DCAT-AP-SE catalogue (reads pages' wheel)
]

MIDDLEWARE = [
    # First: every log line of the request, in every middleware too, carries its id.
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    # The open data may be read from any site's scripts (CORS_URLS_REGEX, GET only).
    "corsheaders.middleware.CorsMiddleware",
    # ETags on pages anyone may be given (If-None-Match → 304); none on a personal page.
    "arshjul.lib.middleware.SharedPagesConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "arshjul.lib.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who changed what: the signed-in user (staff, or a coordinator) on every history row.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "arshjul.lib.middleware.PrivatePagesMiddleware",
]

ROOT_URLCONF = "arshjul.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "arshjul.context_processors.branding",
            ],
        },
    },
]

WSGI_APPLICATION = "arshjul.wsgi.application"

# SQLite under var/ unless DATABASE_URL names another database (postgres://… uses psycopg 3).
(BASE_DIR / "var").mkdir(exist_ok=True)
_database_url = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
if _database_url.split(":", 1)[0] not in environ.Env.DB_SCHEMES:
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database URL django-environ knows "
        f"({without_password(_database_url)!r}); "
        "use sqlite:///path or postgres://user@host:5432/name."
    )
DATABASES = {"default": env_url("DATABASE_URL", env.db_url_config, default=_database_url)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections (a new PostgreSQL connection costs as much as a page), checked
# before each request reuses one.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("CONN_HEALTH_CHECKS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock at BEGIN, so two sign-ups cannot both read
    # "one place left"; WAL lets readers carry on meanwhile.
    # Tests use a file, not memory, so that threads and a Celery worker process see the data:
    # beside the database they stand in for (two checkouts' test runs never share one).
    _name = Path(DATABASES["default"]["NAME"])
    DATABASES["default"]["TEST"] = {"NAME": str(_name.with_name(f"{_name.stem}-test.sqlite3"))}
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache: rate limits, sessions, the pages' versions and whole public pages. On a
# laptop, files under var/cache, which every process shares (`make run`, and a command such
# as import_kolada in another terminal: its changes show on the next visit); Redis in
# production (CACHE_URL=redis://host:6379/1), where every web process on every machine
# shares it and its counters are atomic.
_cache = env_url(
    "CACHE_URL", env.cache_url_config, default=f"filecache://{BASE_DIR / 'var' / 'cache'}"
)
CACHES = {
    # Rate limits, sessions and the pages' versions: never pushed out by pages.
    "default": {**_cache, "OPTIONS": {**_cache.get("OPTIONS", {})}},
    # Whole pages (arshjul.lib.page_cache), in a space of their own. On Redis it is the same
    # server and database under another prefix, so that a visit reads the versions and the
    # page in one MGET. Redis never pushes a key out there: the stack's Redis has no
    # maxmemory (noeviction; pages leave when their time is up, by midnight), and eviction,
    # were one set, would choose across the whole server whatever the alias. Where entries
    # are pushed out (a file cache's, a memory cache's MAX_ENTRIES) each alias has its own.
    "pages": {**_cache, "KEY_PREFIX": "pages"},
}
if _cache["BACKEND"].endswith("FileBasedCache"):
    # A folder each (a file cache's limit and clear() are its folder's); add() and incr()
    # under a lock (arshjul.lib.cache).
    for _alias, _entries in [("default", 100_000), ("pages", 10_000)]:
        CACHES[_alias] = {
            "BACKEND": "arshjul.lib.cache.SharedFileCache",
            "LOCATION": str(Path(_cache["LOCATION"]) / _alias),
            "OPTIONS": {"MAX_ENTRIES": _entries},
        }
if _cache["BACKEND"].endswith("LocMemCache"):
    CACHES["default"]["OPTIONS"]["MAX_ENTRIES"] = 100_000
    CACHES["pages"]["LOCATION"] = "pages"
# Whole pages from the shared cache (arshjul.lib.page_cache); off only to measure or debug.
PAGE_CACHE = env_bool("PAGE_CACHE", default=True)
# Models every page shows (the header and footer name the organiser, with its logo and
# colour): a page in the cache is made anew when one of them changes.
PAGE_CACHE_EVERY_PAGE = ["arshjul.Identity"]
# Who runs the site, for e-mails, calendar files and PDFs (arshjul.lib.branding): the
# organiser's identity, as the admin edits it.
BRANDING = "arshjul.identity.identity_branding"
# Names this deploy in the page cache's keys (with the static files' manifest), so that a
# new release never serves pages made by the last one.
RELEASE = env.str("RELEASE", default="")
if not DEBUG and "redis" not in _cache["BACKEND"].lower():
    raise ImproperlyConfigured(
        "CACHE_URL must name a shared cache (redis://host:6379/1) when DEBUG is false: every "
        "web process, on every machine, must count the same rate limits and see the same pages."
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish first, English available; dates and times in Swedish time.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["arshjul.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing one
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
# Files with personal data (PDF lists): served under no URL, see arshjul.models.PrivateStorage.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private"))
# Backups (arshjul.backups, `manage.py backup`): the folder archives are written to, and how
# many of the newest are kept there (0: every one).
BACKUP_DIR = env.path("BACKUP_DIR", default=str(BASE_DIR / "var" / "backups"))
BACKUP_KEEP = env_int("BACKUP_KEEP", default=14)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files in production (collectstatic in the image); plain files locally.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Django 6 behaviour now: a link typed without a scheme means https.
FORMS_URLFIELD_ASSUME_HTTPS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: printed to the console unless EMAIL_URL names a server (smtp://user:pass@host:587).
_email = env_url("EMAIL_URL", env.email_url_config, default="consolemail://")
globals().update(_email)  # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, …
# Printed e-mail carries working sign-in links: in production that would put a way into
# coordinators' pages in the server's logs. Only a deliberate choice allows it.
ALLOW_CONSOLE_EMAIL = env_bool("ALLOW_CONSOLE_EMAIL", default=DEBUG)
if EMAIL_BACKEND.endswith("console.EmailBackend") and not ALLOW_CONSOLE_EMAIL:  # noqa: F821
    raise ImproperlyConfigured(
        "EMAIL_URL must name a mail server when DEBUG is false (e.g. smtp://host:587): printed "
        "e-mail would put sign-in links in the logs. Set ALLOW_CONSOLE_EMAIL=true to allow it."
    )
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Årshjul <arshjul@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# A send that takes longer than this is abandoned; the outbox treats the row as stuck later.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", default=30)

# The outbox: how often a transient failure is retried (exponential backoff from
# OUTBOX_RETRY_BASE_SECONDS), and when a row still "sending" counts as abandoned by its worker.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", default=8)
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", default=60)
OUTBOX_STUCK_AFTER_SECONDS = env_int("OUTBOX_STUCK_AFTER_SECONDS", default=15 * 60)
# Sent e-mails keep their row and state; their text, attachments and recipient are erased
# this many days after sending.
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", default=30)

# Materials staff upload for meetings (documents, images).
MATERIAL_MAX_MEGABYTES = env_int("MATERIAL_MAX_MEGABYTES", default=25)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# PDF jobs: how long a finished job's file is kept before a sweep removes it.
PDF_JOB_RETENTION_DAYS = env_int("PDF_JOB_RETENTION_DAYS", default=7)
PDF_TIME_LIMIT_SECONDS = env_int("PDF_TIME_LIMIT_SECONDS", default=300)

# Celery: with no broker configured, tasks run eagerly in the calling process (and the
# in-memory transport stands in, so nothing tries to reach a broker).
_broker = env.str("CELERY_BROKER_URL", default="")
if _broker and "://" not in _broker:
    raise ImproperlyConfigured(
        f"CELERY_BROKER_URL is not a valid URL ({without_password(_broker)!r}), "
        "e.g. redis://localhost:6379/0."
    )
CELERY_BROKER_URL = _broker or "memory://"
CELERY_TASK_ALWAYS_EAGER = not _broker
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = "default"
# PDFs have a queue of their own: a worker with low concurrency, a time limit and
# --max-tasks-per-child (WeasyPrint's memory is returned when the child exits).
CELERY_TASK_ROUTES = {"arshjul.tasks.pdf_job_render": {"queue": "pdf"}}
# A task is acknowledged after it ran, so a worker that dies mid-task leaves it for another;
# the services' claims make a second run harmless.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that cannot reach the broker gives up quickly: the outbox row (or the sign-in
# request) is stored and the sweep queues it once the broker is back.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Every sweep (outbox, PDF clean-up, later the reminders) runs from one periodic task;
# `python manage.py run_sweeps` runs the same services without beat.
SWEEP_INTERVAL_SECONDS = env_int("SWEEP_INTERVAL_SECONDS", default=300)
CELERY_BEAT_SCHEDULE = {
    "run-sweeps": {"task": "arshjul.tasks.run_sweeps", "schedule": SWEEP_INTERVAL_SECONDS},
}

# Reminders (arshjul.reminders), one schedule for every kind: how many Swedish calendar days
# before its deadline each reminder goes (7: on 12 December for 19 December), from which hour
# of the day, Swedish time (REMINDER_HOUR, 7–19: never between 20:00 and 07:00). A kind with
# no marks is reminded only when staff remind from the overview.
REMINDER_MARKS = {
    "sign_up": (7, 2),  # coordinators whose organisation has registered nobody
    "survey": (7, 2),  # leadership groups that have not submitted
    "working_material": (7, 2),  # organisations not done
    "participant": (2,),  # participants, before their meeting
    "invitation": (7,),  # invitees who have not answered
}
REMINDER_HOUR = env_int("REMINDER_HOUR", default=8)
if not 7 <= REMINDER_HOUR <= 19:
    raise ImproperlyConfigured(
        f"REMINDER_HOUR must be an hour from 7 to 19 (reminders never go at night), "
        f"not {REMINDER_HOUR}."
    )

# Security. Defaults are safe for production when DEBUG is false; a plain-http local stack
# (docker compose) turns the https-only ones off through the environment.
_https = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=_https)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=_https)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=_https)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31_536_000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=_https)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=_https)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): our own scripts, styles, images and fonts only; no
# inline script or style anywhere, no framing, forms post only to us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The client's address, for rate limits: REMOTE_ADDR, unless the site runs behind this many
# reverse proxies that each append to X-Forwarded-For (read with django-ipware). Only trust
# proxies you run: a client can write any X-Forwarded-For it likes.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0)

LOGIN_URL = "admin:login"

# Sessions read from the shared cache, written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Coordinators sign in with one-time links (django-sesame): valid an hour, used once.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "sesame.backends.ModelBackend",
]
SESAME_MAX_AGE = env_int("SIGNIN_LINK_MAX_AGE_SECONDS", default=60 * 60)
SESAME_ONE_TIME = True
# Limits per window, counted in the shared cache. Past the per-address limit no more links
# are sent (the visitor is told the same as always); past the per-IP limit the visitor is
# asked to wait.
SIGNIN_RATE_WINDOW_SECONDS = 15 * 60
SIGNIN_MAX_PER_ADDRESS = env_int("SIGNIN_MAX_PER_ADDRESS", default=3)
SIGNIN_MAX_PER_IP = env_int("SIGNIN_MAX_PER_IP", default=20)
# Requests to take part (/var-med/) per network address and hour.
JOIN_MAX_PER_IP = env_int("JOIN_MAX_PER_IP", default=5)
# Sign-ups through open registration per network address and hour (many people at one
# office may sign up for the conference). A municipality's staff reach the site from one or a
# few addresses of its own network: the networks named in OPEN_REGISTRATION_CROWD_NETWORKS
# (CIDR, e.g. 194.68.10.0/28) have OPEN_REGISTRATION_CROWD_MAX_PER_IP per address instead
# (registrations/open_registration.py says why this rule).
OPEN_REGISTRATION_MAX_PER_IP = env_int("OPEN_REGISTRATION_MAX_PER_IP", default=30)
OPEN_REGISTRATION_CROWD_MAX_PER_IP = env_int("OPEN_REGISTRATION_CROWD_MAX_PER_IP", default=500)
OPEN_REGISTRATION_CROWD_NETWORKS = env_networks(
    "OPEN_REGISTRATION_CROWD_NETWORKS", example="194.68.10.0/28"
)
# The staff login: failed attempts per user name and network address, and per network
# address, in STAFF_LOGIN_WINDOW_SECONDS; then that pair (or address) waits out the window.
STAFF_LOGIN_WINDOW_SECONDS = env_int("STAFF_LOGIN_WINDOW_SECONDS", default=15 * 60)
STAFF_LOGIN_MAX_FAILURES = env_int("STAFF_LOGIN_MAX_FAILURES", default=5)
STAFF_LOGIN_MAX_FAILURES_PER_IP = env_int("STAFF_LOGIN_MAX_FAILURES_PER_IP", default=30)

# --- Staff single sign-on (OpenID Connect)
# Staff sign in with the region's accounts (Entra ID, Keycloak, …) when the provider's issuer
# and this site's client id are set; off otherwise (arshjul.staff_sso). The provider's
# endpoints are read from <issuer>/.well-known/openid-configuration at the first sign-in and
# kept in the shared cache: nothing is fetched at start-up.
OIDC_ISSUER_URL = env.str("OIDC_ISSUER_URL", default="").rstrip("/")
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
# The provider's groups (as the claim names them) whose members are Redaktör or Läsare; set at
# each sign-in, an editor's group winning over a reader's; no group, no staff access.
OIDC_EDITOR_GROUPS = env.list("OIDC_EDITOR_GROUPS", default=[])
OIDC_READER_GROUPS = env.list("OIDC_READER_GROUPS", default=[])
# Whom a person signed in by the provider but in no group should ask (an address or words).
STAFF_ACCESS_CONTACT = env.str("STAFF_ACCESS_CONTACT", default="")
# "all", or "superusers": local passwords only for the break-glass superuser.
STAFF_PASSWORD_LOGIN = env.str("STAFF_PASSWORD_LOGIN", default="all")
if STAFF_PASSWORD_LOGIN not in {"all", "superusers"}:
    raise ImproperlyConfigured(
        f"STAFF_PASSWORD_LOGIN must be all or superusers, not {STAFF_PASSWORD_LOGIN!r}."
    )
# What mozilla-django-oidc needs besides: ID tokens signed with the provider's keys (RS256,
# from its JWKS), kept in the session for the provider's sign-out; a provider that does not
# answer in OIDC_TIMEOUT seconds is reported, not waited for.
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = 10
AUTHENTICATION_BACKENDS.append("arshjul.oidc.StaffBackend")
# The role is checked again with the provider (silently) this often while someone works.
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = 15 * 60
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "arshjul.oidc.StaffSessionRefresh",
)
if OIDC_ISSUER_URL:
    # "Logga ut" is a form whose answer sends the browser on to the provider's end of
    # session: the pages' Content-Security-Policy must let a form go there.
    from urllib.parse import urlsplit

    _issuer = urlsplit(OIDC_ISSUER_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        f"{_issuer.scheme}://{_issuer.netloc}"
    )

# What participants tell us about their needs (dietary needs, which can reveal health or
# religion; accessibility needs; a comment) is kept only with their consent, and erased this
# many days after the meeting.
NEEDS_RETENTION_DAYS = env_int("NEEDS_RETENTION_DAYS", default=30)
# Participants and requests to take part are erased this many days after the meeting (or the
# decision), as the region's records management plan says.
REGISTRATION_RETENTION_DAYS = env_int("REGISTRATION_RETENTION_DAYS", default=730)
# Kolada's REST API (v3) for indicator values, e.g. https://api.kolada.se/v3; empty: values
# are imported from downloaded files only.
KOLADA_BASE_URL = env.str("KOLADA_BASE_URL", default="")
KOLADA_TIMEOUT_SECONDS = env_int("KOLADA_TIMEOUT_SECONDS", default=20)
# The names people give when they save or submit a group's survey answers (optional; the
# answers are the organisation's, not theirs) are erased this many days after the deadline.
SURVEY_NAMES_RETENTION_DAYS = env_int("SURVEY_NAMES_RETENTION_DAYS", default=90)

# A coordinator's changes are summed up in one e-mail once they have been quiet this long
# (and at most this long after the first change).
DIGEST_QUIET_MINUTES = env_int("DIGEST_QUIET_MINUTES", default=10)
DIGEST_MAX_DELAY_MINUTES = env_int("DIGEST_MAX_DELAY_MINUTES", default=60)

# Logs: one line per event on the processes' standard error. "text" for a person at a
# terminal, "json" (one object a line) for a log collector. Every line carries the request's
# id (X-Request-ID, django-guid; also in the Celery tasks the request queued), and never a
# link's token, a password or an e-mail address (arshjul.lib.logs redacts them).
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {
            "()": "django_guid.log_filters.CorrelationId",
            "correlation_id_field": "request_id",
        },
    },
    "formatters": {
        "text": {"()": "arshjul.lib.logs.TextFormatter"},
        "json": {"()": "arshjul.lib.logs.JsonFormatter"},
    },
    # Every handler: the request's id, and the formatter that redacts.
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own handlers (a console in DEBUG, mail to ADMINS, runserver's request lines)
        # would write past the redaction: its loggers write through the root's handler.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports every rendering step at INFO; its warnings (a refused URL) stay.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        # One line per task run is noise in a laptop's terminal; failures still show.
        "celery.app.trace": {"level": "WARNING"},
        # "No X-Request-ID, generated one" on every request is noise; a refused one still shows.
        "django_guid": {"level": "WARNING"},
    },
}
# The request's id: X-Request-ID when a request comes with a uuid there (a proxy's or a load
# balancer's), else a new one; sent back on the response, and passed to the Celery tasks the
# request queues, whose worker logs with it (and which keep it when run eagerly).
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    # django-guid would replace CORS's Access-Control-Expose-Headers (CORS_EXPOSE_HEADERS).
    "EXPOSE_HEADER": False,
    "INTEGRATIONS": [RequestIdCeleryIntegration(use_django_logging=True)],
}

# Errors reported to Sentry (or a server that speaks its protocol, such as GlitchTip) when
# SENTRY_DSN is set, with personal data scrubbed (arshjul.lib.error_reports); off by default.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")
_rate = env.str("SENTRY_TRACES_SAMPLE_RATE", default="0")
try:
    SENTRY_TRACES_SAMPLE_RATE = float(_rate)
except ValueError:
    SENTRY_TRACES_SAMPLE_RATE = float("nan")
if not 0 <= SENTRY_TRACES_SAMPLE_RATE <= 1:
    raise ImproperlyConfigured(f"SENTRY_TRACES_SAMPLE_RATE must be from 0 to 1, not {_rate!r}.")
if SENTRY_DSN:
    sentry_init(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        release=RELEASE,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )

# The change history (django-simple-history) is for reading: a revert would write past the
# services that hold the rules (capacity, deadlines), so the admin offers none.
SIMPLE_HISTORY_REVERT_DISABLED = True

# The open data (opendata/): read by anyone, from any site's scripts, without an account.
CORS_URLS_REGEX = r"^/(api/v1|oppna-data)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Link", "Retry-After")
# Requests per address per minute to the API and the files (counted in the shared cache).
OPEN_DATA_RATE_LIMIT = env_int("OPEN_DATA_RATE_LIMIT", default=600)
REST_FRAMEWORK = {
    # Read-only and anonymous: no session, no CSRF, no user; the same answer for everyone,
    # so that it can come from the shared page cache.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "opendata.api.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "opendata.errors.exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Årshjul – öppna data",
    "DESCRIPTION": (
        "Strategins indikatorer, publicerade resultat och årshjulet som data. Läs utan konto; "
        "licens enligt katalogen (CC0 om inget annat anges). / The strategy's indicators, "
        "published results and the cycle as data. Read without an account."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for a set of choices shown by more than one field (a place's level).
    "ENUM_NAME_OVERRIDES": {"GeographyLevelEnum": "indicators.models.Geography.Level"},
}

# --- Operations: metrics and the state of the parts -------------------------------------------
# Prometheus at /metrics (arshjul.lib.metrics): requests and latencies (django-prometheus'
# middleware, outermost), and our own gauges read from the database at each scrape. Off (404)
# unless a token or a network is configured; scrape with "Authorization: Bearer <token>".
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    *MIDDLEWARE,
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
if not METRICS_TOKEN.isascii():
    # An HTTP header carries bytes: a token beyond ASCII would never match what is sent.
    raise ImproperlyConfigured("METRICS_TOKEN must be ASCII (a long random string).")
# Addresses that may scrape without the token (CIDR, e.g. 10.0.0.0/8), as the client address
# is read for rate limits (TRUSTED_PROXY_COUNT).
METRICS_ALLOWED_NETWORKS = env_networks("METRICS_ALLOWED_NETWORKS", example="10.0.0.0/8")
# Several gunicorn processes: each writes its counters to files in this folder, and a scrape
# of any one of them sums them all (prometheus_client's multiprocess mode).
PROMETHEUS_MULTIPROC_DIR = env.str("PROMETHEUS_MULTIPROC_DIR", default="")
if PROMETHEUS_MULTIPROC_DIR:
    Path(PROMETHEUS_MULTIPROC_DIR).mkdir(parents=True, exist_ok=True)
# A scraper reaching the web container directly speaks plain http.
SECURE_REDIRECT_EXEMPT = [*SECURE_REDIRECT_EXEMPT, r"^metrics$"]
# Every Celery worker records that it is alive this often (seconds); one not heard from in
# three heartbeats is taken for gone (the Driftstatus page).
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", default=30)
