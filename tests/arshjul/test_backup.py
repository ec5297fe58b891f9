"""Backups and restores (arshjul.backups): the demo, backed up and restored into a fresh
database by ``manage.py restore`` in a process of its own (as an operator runs it), comes back
with every row of every model and every file equal. A damaged archive, another release's
(unless --force), another engine's and a database that is not empty are refused, and the
database's password is never in what the commands say. Runs on the engine the tests run on:
SQLite, and PostgreSQL in CI."""

import hashlib
import json
import subprocess
import tarfile
from io import BytesIO, StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import translation

from arshjul.backups import DATABASE_MEMBERS, backup_create
from arshjul.models import Identity, PdfJob
from meetings.models import Material
from tests import factories
from tests.helpers import ROOT, run_python

# Committed rows: pg_dump and the commands' own processes see only what is committed.
committed = pytest.mark.django_db(transaction=True)

RELEASE = "2026.11"


def database_url(name: str | None = None, *, password: str = "") -> str:
    """The test database (or another of the same server), for a process of its own."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{name or s['NAME']}"
    auth = (s["USER"] or "postgres") + (f":{quote(password, safe='')}" if password else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name or s['NAME']}"


def manage(*args: str, database: str, folder: Path, **variables) -> subprocess.CompletedProcess:
    """``python manage.py …`` as an operator runs it, on ``database``, with its files and its
    shared cache in ``folder``."""
    return run_python(
        ["manage.py", *args],
        DEBUG="true",
        DATABASE_URL=database,
        MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "private"),
        CACHE_URL=f"filecache://{folder / 'cache'}",
        RELEASE=variables.pop("RELEASE", RELEASE),
        **variables,
    )


def every_row(database: str | None = None) -> list:
    """Every row of every model, as ``dumpdata`` writes them (model by model, by primary key):
    of the test database, or of another one, read by a process of its own."""
    if database is None:
        call_command("dumpdata", stdout=(written := StringIO()))
        return json.loads(written.getvalue())
    result = run_python(
        ["manage.py", "dumpdata", "--indent", "1"], DEBUG="true", DATABASE_URL=database
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def every_file(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def tables_in(database: str) -> int:
    """How many tables the database has (none, if it is an SQLite file not yet made)."""
    if database.startswith("sqlite:") and not Path(database.removeprefix("sqlite://")).exists():
        return 0
    result = run_python(
        "import django; django.setup(); from django.db import connection;"
        "print(len(connection.introspection.table_names()))",
        DEBUG="true",
        DATABASE_URL=database,
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def archive_of_another_engine(source: Path, target: Path, engine: str) -> Path:
    """A copy of an archive that says it holds ``engine``'s database (checksums intact)."""
    name = DATABASE_MEMBERS[engine]
    with tarfile.open(source) as archive, tarfile.open(target, "w") as copy:
        for member in archive.getmembers():
            content = archive.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(content)
                for entry in manifest["files"]:
                    if entry["name"] == manifest["database"]:
                        entry["name"] = name
                content = json.dumps({**manifest, "engine": engine, "database": name}).encode()
                member.size = len(content)
            elif member.name.startswith("database."):
                member.name = name
            copy.addfile(member, BytesIO(content))
    return target


@pytest.fixture
def folders(settings, tmp_path):
    """The site's files and backups in folders of the test's own."""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "site" / "private")
    settings.BACKUP_DIR = str(tmp_path / "backups")
    settings.RELEASE = RELEASE
    return tmp_path


@pytest.fixture
def site(folders, demo_data, settings):
    """The demo as `make run` loads it (meeting material in MEDIA_ROOT, the organiser's logo
    in the database), with a staff member's finished PDF list in PRIVATE_MEDIA_ROOT."""
    job = PdfJob.objects.create(kind="coordinator_list", state=PdfJob.State.DONE, progress=100)
    job.file.save("samordnare-2027.pdf", ContentFile(b"%PDF-1.7 a list of coordinators"))
    assert Material.objects.exclude(file="").count() >= 2
    assert Identity.objects.get().logo
    return Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)


@pytest.fixture
def small_site(folders, settings):
    """A few rows and a file in each folder: enough for an archive to refuse."""
    settings.MEDIA_ROOT = str(folders / "site" / "media")
    factories.organisation(name="Kils kommun")
    for root in [settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT]:
        Path(root).mkdir(parents=True)
        (Path(root) / "a-file.pdf").write_bytes(b"%PDF-1.7")


@pytest.fixture
def fresh_database(tmp_path):
    """A new, empty database of the engine the tests run on, named by its DATABASE_URL: a new
    SQLite file, or a new database on the PostgreSQL server (dropped afterwards)."""
    if connection.vendor == "sqlite":
        yield database_url(str(tmp_path / "restored" / "db.sqlite3"))
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield database_url(name)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@committed
def test_the_demo_restored_into_a_fresh_database_has_every_row_and_every_file(
    site, fresh_database, folders
):
    media, private = site
    call_command("backup", stdout=StringIO())
    (archive,) = (folders / "backups").iterdir()
    assert archive.name == f"arshjul-backup-{RELEASE}-20261127T110000Z.tar"
    restored = folders / "restored"
    old_page = FileBasedCache(str(restored / "cache" / "pages"), {})
    old_page.set("page-cache:a-page", "the site before the restore")

    result = manage("restore", str(archive), database=fresh_database, folder=restored)

    assert result.returncode == 0, result.stderr
    assert every_row(fresh_database) == every_row()
    assert every_file(restored / "media") == every_file(media) != {}
    assert every_file(restored / "private") == every_file(private) != {}
    assert old_page.get("page-cache:a-page") is None  # the shared cache is emptied
    assert "Varje tabell har de rader manifestet anger." in result.stdout


@committed
def test_the_manifest_says_what_the_archive_holds(site):
    backup = backup_create()

    manifest = backup.manifest
    assert (manifest["release"], manifest["engine"]) == (RELEASE, connection.vendor)
    assert manifest["created_at"] == "2026-11-27T11:00:00Z"
    applied = MigrationRecorder(connection).applied_migrations()
    assert sorted(manifest["migrations"]) == sorted([app, name] for app, name in applied)
    counts = {entry["model"]: entry["rows"] for entry in manifest["models"]}
    assert counts["meetings.material"] == Material.objects.count()
    assert counts["arshjul.pdfjob"] == PdfJob.objects.count() >= 1
    assert counts["arshjul.identity"] == 1
    with tarfile.open(backup.path) as archive:
        members = {m.name: archive.extractfile(m).read() for m in archive.getmembers()}
    assert json.loads(members.pop("manifest.json")) == manifest
    assert {
        name: (len(content), hashlib.sha256(content).hexdigest())
        for name, content in members.items()
    } == {entry["name"]: (entry["size"], entry["sha256"]) for entry in manifest["files"]}
    assert "private/pdf-jobs/" in " ".join(members)
    assert "media/material/" in " ".join(members)


@committed
def test_a_damaged_archive_is_refused_and_the_database_left_empty(
    small_site, fresh_database, folders
):
    archive = backup_create().path
    damaged = folders / "damaged.tar"
    content = bytearray(archive.read_bytes())
    with tarfile.open(archive) as tar:
        database = next(m for m in tar.getmembers() if m.name.startswith("database."))
    content[database.offset_data + database.size // 2] ^= 0xFF
    damaged.write_bytes(content)
    cut = folders / "cut.tar"
    cut.write_bytes(archive.read_bytes()[: len(content) // 2])

    said = {
        bad: manage("restore", str(bad), database=fresh_database, folder=folders / "to")
        for bad in [damaged, cut]
    }

    for bad, result in said.items():
        assert result.returncode == 1
        assert f"Arkivet {bad} är skadat eller är ingen säkerhetskopia av Årshjul" in result.stderr
    assert "database." in said[damaged].stderr
    assert "stämmer inte med sin kontrollsumma" in said[damaged].stderr
    assert tables_in(fresh_database) == 0
    assert not (folders / "to" / "media").exists()
    with pytest.raises(CommandError, match="Inget sådant arkiv"):
        call_command("restore", str(folders / "no-such.tar"))


@committed
def test_an_archive_can_be_checked_without_restoring_it(small_site, folders):
    archive = backup_create().path
    damaged = folders / "damaged.tar"
    damaged.write_bytes(archive.read_bytes().replace(b"%PDF-1.7", b"%PDF-1.8"))

    call_command("restore", "--check", str(archive), stdout=(said := StringIO()))

    assert said.getvalue().startswith(f"Arkivet är helt: version {RELEASE}, ")
    assert "2 filer." in said.getvalue()
    with pytest.raises(CommandError, match="a-file.pdf stämmer inte med sin kontrollsumma"):
        call_command("restore", "--check", str(damaged))


@committed
def test_another_releases_archive_is_refused_unless_forced(small_site, fresh_database, folders):
    archive = backup_create().path

    refused = manage(
        "restore", str(archive), database=fresh_database, folder=folders / "to", RELEASE="2027.1"
    )
    assert refused.returncode == 1
    assert f"Arkivet är från version {RELEASE} och detta är 2027.1" in refused.stderr
    assert tables_in(fresh_database) == 0

    forced = manage(
        "restore",
        "--force",
        str(archive),
        database=fresh_database,
        folder=folders / "to",
        RELEASE="2027.1",
    )
    assert forced.returncode == 0, forced.stderr
    assert "Varje tabell har de rader manifestet anger." in forced.stdout
    assert (folders / "to" / "media" / "a-file.pdf").read_bytes() == b"%PDF-1.7"


@committed
def test_another_engines_archive_is_refused_with_what_it_needs(small_site, folders):
    archive = backup_create().path
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    foreign = archive_of_another_engine(archive, folders / "foreign.tar", other)

    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("restore", str(foreign))

    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    assert str(refused.value) == (
        f"The archive holds a {names[other]} database and this site uses "
        f"{names[connection.vendor]}: it can only be restored into {names[other]} (DATABASE_URL)."
    )


@committed
def test_a_database_that_is_not_empty_is_refused_and_left_as_it_was(small_site, folders):
    archive = backup_create().path
    before = every_row()

    result = manage("restore", str(archive), database=database_url(), folder=folders / "site")

    assert result.returncode == 1
    assert "Databasen är inte tom" in result.stderr
    assert every_row() == before


@committed
def test_backups_in_the_folder_are_kept_to_the_newest_backup_keep(folders, settings):
    settings.BACKUP_KEEP = 2
    backups = folders / "backups"
    backups.mkdir()
    old = [backups / f"arshjul-backup-2026.10-202611{day:02}T020000Z.tar" for day in (1, 2, 3)]
    for path in [*old, backups / "notes.txt"]:
        path.write_text("…")

    call_command("backup", stdout=(said := StringIO()))

    left = sorted(path.name for path in backups.iterdir())
    assert left == [
        "arshjul-backup-2026.10-20261103T020000Z.tar",
        left[1],  # the new one
        "notes.txt",
    ]
    assert left[1].startswith(f"arshjul-backup-{RELEASE}-")
    assert said.getvalue().count("Äldre säkerhetskopia borttagen") == 2


@committed
def test_an_archive_written_elsewhere_removes_nothing(folders, settings):
    settings.BACKUP_KEEP = 1
    (folders / "backups").mkdir()
    old = folders / "backups" / "arshjul-backup-2026.10-20261101T020000Z.tar"
    old.write_text("…")

    call_command("backup", "--output", str(folders / "copy.tar"), stdout=StringIO())

    assert old.exists()
    assert tarfile.is_tarfile(folders / "copy.tar")


@committed
def test_the_database_password_is_never_in_what_the_commands_say(
    small_site, fresh_database, folders
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no password; CI runs this on PostgreSQL")
    password = connection.settings_dict["PASSWORD"] or "Hemligt-lösenord-42"  # trust: ignored
    source = database_url(password=password)
    target = database_url(fresh_database.rsplit("/", 1)[1], password=password)
    name = connection.settings_dict["NAME"]

    said = [
        manage("backup", "--output", str(folders / "a.tar"), database=source, folder=folders),
        manage("restore", str(folders / "a.tar"), database=target, folder=folders / "to"),
        manage(  # the database is not found
            "backup",
            "--output",
            str(folders / "b.tar"),
            database=source.replace(f"/{name}", "/no_such_database"),
            folder=folders,
        ),
    ]

    assert [result.returncode for result in said] == [0, 0, 1]
    assert "no_such_database" in said[2].stderr
    for result in said:
        assert password not in result.stdout + result.stderr
        assert quote(password, safe="") not in result.stdout + result.stderr


def test_the_commands_speak_swedish_with_english_available(folders):
    with pytest.raises(CommandError, match="Inget sådant arkiv"):
        call_command("restore", str(folders / "none.tar"))
    with translation.override("en"), pytest.raises(CommandError, match="No such archive"):
        call_command("restore", str(folders / "none.tar"))


def test_make_backup_runs_the_command():
    rule = (ROOT / "Makefile").read_text().split("\nbackup: setup\n", 1)[1].split("\n\n", 1)[0]
    assert rule.strip() == "$(BIN)/python manage.py backup"


def test_a_backup_is_never_written_where_the_site_serves_files(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")

    with pytest.raises(CommandError, match="MEDIA_ROOT"):
        call_command("backup", "--output", str(tmp_path / "media" / "backup.tar"))

    assert not (tmp_path / "media").exists()
