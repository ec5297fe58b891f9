# The production-like image: gunicorn for the web, the same image for Celery worker and beat.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Pango (and its fonts) for WeasyPrint's PDFs; gettext to compile the Swedish catalogue;
# pg_dump and pg_restore for backups (manage.py backup), of the database server's major version
# (PG_MAJOR, as docker-compose.yml's db): pg_dump refuses a server newer than itself, and
# Debian's own client is 15, so the client comes from PostgreSQL's repository; tzdata for the
# nightly backup's Swedish hour (deploy/backup-schedule.sh).
ARG PG_MAJOR=16
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-common \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
        postgresql-client-${PG_MAJOR} tzdata \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
# Editable, so templates/, static/ and locale/ beside the code are the ones in use.
# The build runs two commands with production settings; nothing is sent or cached then.
ARG BUILD_SETTINGS="DEBUG=false SECRET_KEY=build-only-not-used-at-run-time ENV_FILE= \
    CACHE_URL=redis://build-only:6379/0 ALLOW_CONSOLE_EMAIL=true"
RUN pip install -e . \
    && env $BUILD_SETTINGS python manage.py compilemessages -l sv --ignore=var \
    && env $BUILD_SETTINGS python manage.py collectstatic --noinput \
    && useradd --system --home /app arshjul \
    && mkdir -p /app/var/media /app/var/private /app/var/backups && chown -R arshjul /app/var

USER arshjul
EXPOSE 8000
CMD ["gunicorn", "arshjul.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
