"""Backups and restores: everything a site holds, in one archive, and back again.

An archive (``arshjul-backup-<release>-<UTC time>.tar``, a plain tar) holds:

- the database: ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``) or
  ``database.sqlite3`` (SQLite: a copy made with SQLite's online backup, safe while the site
  runs);
- ``media/…``: the files in MEDIA_ROOT (the material staff upload for meetings);
- ``private/…``: the files in PRIVATE_MEDIA_ROOT (the PDF jobs' files). They could be made
  again, but the rows that name them are in the database: without them a restored site would
  offer downloads that fail. They hold nothing the database does not (it has the lists they
  print), so the archive is no more personal than without them;
- ``manifest.json``: the release, the database engine, the applied migrations, the rows of
  every table, and the size and SHA-256 of every other member.

The organiser's logo is a column of the database, so it comes with the database.

:func:`backup_create` writes one (a temporary file, renamed when complete: an archive with its
final name is always whole) and keeps the newest BACKUP_KEEP in BACKUP_DIR.
:func:`restore_archive` checks an archive first (every checksum; the release; the engine),
then brings it back into an empty database, and checks the rows against the manifest.
``manage.py backup`` and ``manage.py restore`` run them.

The database's password goes to pg_dump and pg_restore in their environment (PGPASSWORD),
never on their command line, where any user of the machine could read it.
"""

import datetime
import hashlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.backends.postgresql.client import DatabaseClient as PostgresClient
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
ARCHIVE_NAME = re.compile(r"^arshjul-backup-.+-(\d{8}T\d{6}Z)\.tar$")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup could not be written, or an archive cannot be restored: the message says why
    (in the operator's language), and nothing was changed."""


@dataclass
class Backup:
    """A written archive, its manifest and the older archives it replaced."""

    path: Path
    manifest: dict
    removed: list[Path] = field(default_factory=list)


@dataclass
class Restored:
    """What a restore brought back, and what differs from the manifest (nothing, if it
    went well)."""

    manifest: dict
    tables: int
    rows: int
    files: int
    differences: list[str]
    caches_cleared: bool
    migrate_needed: bool


def release_current() -> str:
    """This code's release: RELEASE, or else the package's version."""
    if settings.RELEASE:
        return settings.RELEASE
    try:
        return importlib.metadata.version("arshjul")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


# --- Writing an archive ----------------------------------------------------------------------


def backup_create(*, output: Path | None = None) -> Backup:
    """Write one archive of the database and the files: into BACKUP_DIR (then keep only the
    newest BACKUP_KEEP there), or to ``output`` (a file's path, or a folder to write it in)."""
    engine = _engine()
    release = release_current()
    created = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    name = f"arshjul-backup-{_safe(release)}-{created:%Y%m%dT%H%M%SZ}.tar"
    if output is None:
        folder = Path(settings.BACKUP_DIR)
        target = folder / name
    elif output.is_dir():
        folder, target = output, output / name
    else:
        folder, target = output.parent, output
    if target.exists():
        raise BackupError(_("%(path)s already exists; nothing was written.") % {"path": target})
    if folder.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        raise BackupError(
            _("%(path)s is inside MEDIA_ROOT, which the site serves: choose another folder.")
            % {"path": folder}
        )
    folder.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(dir=folder, prefix=".arshjul-backup-") as work:
        database = Path(work) / DATABASE_MEMBERS[engine]
        with _database_errors():
            if engine == "postgresql":
                migrations, models = _postgres_dump(database)
            else:
                migrations, models = _sqlite_copy(database)
        partial = Path(work) / f"{name}.partial"
        files = []
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as archive:
            files.append(_add(archive, database, DATABASE_MEMBERS[engine]))
            for prefix, root in _file_roots().items():
                for path in _files_under(root):
                    member = f"{prefix}/{path.relative_to(root).as_posix()}"
                    files.append(_add(archive, path, member))
            manifest = {
                "format": FORMAT,
                "application": "arshjul",
                "release": release,
                "created_at": created.isoformat().replace("+00:00", "Z"),
                "engine": engine,
                "database": DATABASE_MEMBERS[engine],
                "migrations": migrations,
                "models": models,
                "files": files,
            }
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
        partial.chmod(0o600)  # it holds personal data: readable by its owner only
        os.replace(partial, target)

    removed = backup_prune(folder=folder, keep=settings.BACKUP_KEEP) if output is None else []
    return Backup(path=target, manifest=manifest, removed=removed)


def backup_prune(*, folder: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest archives in ``folder`` (by the time in their
    names; 0 keeps every one). Other files are never touched. Returns those deleted."""
    if keep <= 0:
        return []
    found = sorted(
        (match[1], path.name, path)
        for path in folder.iterdir()
        if path.is_file() and (match := ARCHIVE_NAME.match(path.name))
    )
    removed = [path for _time, _name, path in found[:-keep]]
    for path in removed:
        path.unlink()
    return removed


def _postgres_dump(target: Path) -> tuple[list, list]:
    """pg_dump in the custom format, and the migrations and counts read in the same snapshot,
    so the manifest describes exactly the rows in the dump while the site goes on writing."""
    if connection.in_atomic_block:
        raise BackupError(_("A backup cannot be made inside a transaction."))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        migrations, models = _read_state(cursor)
        _run_postgres(
            ["pg_dump", "--format=custom", "--no-password", f"--snapshot={snapshot}"]
            + [f"--file={target}"],
            what="pg_dump",
        )
    return migrations, models


def _sqlite_copy(target: Path) -> tuple[list, list]:
    """A consistent copy through SQLite's online backup (safe while others write), made a
    single file (no write-ahead log beside it); the manifest is read from the copy."""
    source = Path(connection.settings_dict["NAME"])
    if not source.is_file():
        raise BackupError(_("The database %(path)s does not exist.") % {"path": source})
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(target)) as copy:
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        with closing(copy.cursor()) as cursor:
            return _read_state(cursor)


def _read_state(cursor) -> tuple[list, list]:
    """The applied migrations and every table's rows, through a DB-API cursor."""
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    migrations = [list(row) for row in cursor.fetchall()]
    return migrations, [
        {"model": label, "table": table, "rows": _count(cursor, table)}
        for label, table in _tables().items()
    ]


def _add(archive: tarfile.TarFile, path: Path, member: str) -> dict:
    """Add a file, hashing the very bytes that go into the archive."""
    info = archive.gettarinfo(path, arcname=member)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    with path.open("rb") as file:
        reader = _Hashing(file)
        archive.addfile(info, reader)
    return {"name": member, "size": info.size, "sha256": reader.hash.hexdigest()}


def _add_bytes(archive: tarfile.TarFile, member: str, content: bytes) -> None:
    info = tarfile.TarInfo(member)
    info.size, info.mode, info.mtime = len(content), 0o600, int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


class _Hashing:
    def __init__(self, file):
        self.file, self.hash = file, hashlib.sha256()

    def read(self, size=-1):
        chunk = self.file.read(size)
        self.hash.update(chunk)
        return chunk


def _file_roots() -> dict[str, Path]:
    return {
        "media": Path(settings.MEDIA_ROOT),
        "private": Path(settings.PRIVATE_MEDIA_ROOT),
    }


def _files_under(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._]+", "_", text).strip("._") or "dev"


# --- Reading and restoring an archive --------------------------------------------------------


def archive_check(path: Path) -> dict:
    """The archive's manifest, once every member is found whole (its size and SHA-256 as the
    manifest says, and nothing else in it); a BackupError otherwise."""
    damaged = _("The archive %(path)s is damaged or is not a backup of Årshjul (%(reason)s).")
    if not path.is_file():
        raise BackupError(_("No such archive: %(path)s") % {"path": path})
    try:
        with tarfile.open(path, "r:") as archive:
            members = {m.name: m for m in archive.getmembers()}
            if MANIFEST not in members:
                raise BackupError(damaged % {"path": path, "reason": _("no manifest")})
            manifest = json.load(archive.extractfile(members[MANIFEST]))
            if (
                manifest.get("application") != "arshjul"
                or manifest.get("format") != FORMAT
                or manifest.get("database") != DATABASE_MEMBERS.get(manifest.get("engine"))
                or manifest["database"] not in {entry["name"] for entry in manifest["files"]}
            ):
                raise BackupError(damaged % {"path": path, "reason": _("an unknown manifest")})
            listed = {entry["name"]: entry for entry in manifest["files"]}
            unlisted = set(members) - set(listed) - {MANIFEST}
            if unlisted:
                reason = _("members the manifest does not list: %(names)s") % {
                    "names": ", ".join(sorted(unlisted))
                }
                raise BackupError(damaged % {"path": path, "reason": reason})
            for name, entry in listed.items():
                member = members.get(name)
                if member is None or not member.isfile() or not _safe_member(name):
                    reason = _("%(name)s is missing") % {"name": name}
                    raise BackupError(damaged % {"path": path, "reason": reason})
                if member.size != entry["size"] or _sha256(archive, member) != entry["sha256"]:
                    reason = _("%(name)s does not match its checksum") % {"name": name}
                    raise BackupError(damaged % {"path": path, "reason": reason})
    except (tarfile.TarError, EOFError, OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(damaged % {"path": path, "reason": error}) from error
    return manifest


def restore_archive(*, path: Path, force: bool = False) -> Restored:
    """Bring an archive back: into an empty database of the same engine, from the same
    release (or any, with ``force``), with its files into MEDIA_ROOT and PRIVATE_MEDIA_ROOT.
    Then count every table against the manifest and clear the shared cache (its pages,
    sessions and versions describe the data that was there before)."""
    manifest = archive_check(path)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            _(
                "The archive holds a %(archive)s database and this site uses %(here)s: it can "
                "only be restored into %(archive)s (DATABASE_URL)."
            )
            % {
                "archive": ENGINE_NAMES.get(manifest["engine"], manifest["engine"]),
                "here": ENGINE_NAMES[engine],
            }
        )
    if manifest["release"] != release_current() and not force:
        raise BackupError(
            _(
                "The archive is from release %(archive)s and this is %(here)s. Restore it with "
                "release %(archive)s's code, or add --force (then run manage.py migrate)."
            )
            % {"archive": manifest["release"], "here": release_current()}
        )
    with _database_errors():
        present = _tables_present()
    if present:
        raise BackupError(
            _(
                "The database is not empty: it has %(tables)d of Årshjul's tables. A restore "
                "goes only into an empty database, so that it never overwrites a site: create a "
                "new database (or name a new SQLite file) in DATABASE_URL and restore into it."
            )
            % {"tables": len(present)}
        )

    with tempfile.TemporaryDirectory(prefix="arshjul-restore-") as work:
        database = Path(work) / manifest["database"]
        with tarfile.open(path, "r:") as archive:
            _extract(archive, manifest["database"], database)
        if engine == "postgresql":
            _postgres_restore(database)
        else:
            _sqlite_restore(database)
    files = _restore_files(path, manifest)

    with connection.cursor() as cursor:
        differences = [
            _("%(model)s: %(found)s rows, the archive has %(rows)d")
            % {
                "model": entry["model"],
                "found": "–" if found is None else found,
                "rows": entry["rows"],
            }
            for entry in manifest["models"]
            if (found := _count_or_none(cursor, entry["table"])) != entry["rows"]
        ]
    return Restored(
        manifest=manifest,
        tables=len(manifest["models"]),
        rows=sum(entry["rows"] for entry in manifest["models"]),
        files=files,
        differences=differences,
        caches_cleared=_clear_caches(),
        migrate_needed=_migrate_needed(),
    )


def _postgres_restore(dump: Path) -> None:
    """pg_restore into the configured database, all or nothing, owned by the configured user
    (the archive's owners and grants are another server's)."""
    name = connection.settings_dict["NAME"]
    connection.close()
    _run_postgres(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        + ["--no-password", f"--dbname={name}", str(dump)],
        what="pg_restore",
    )


def _sqlite_restore(copy: Path) -> None:
    """The copy goes in through SQLite's backup, page by page, with Django's connection
    closed: unlike copying the file over, it leaves no stale write-ahead log beside it."""
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(copy)) as source, closing(sqlite3.connect(target)) as live:
        source.backup(live)


def _restore_files(path: Path, manifest: dict) -> int:
    roots = _file_roots()
    count = 0
    with tarfile.open(path, "r:") as archive:
        for entry in manifest["files"]:
            prefix, _slash, rest = entry["name"].partition("/")
            if prefix in roots and rest:
                _extract(archive, entry["name"], roots[prefix] / PurePosixPath(rest))
                count += 1
    return count


def _extract(archive: tarfile.TarFile, name: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with archive.extractfile(name) as source, target.open("wb") as file:
        shutil.copyfileobj(source, file, CHUNK)


def _safe_member(name: str) -> bool:
    """A member's name stays inside its folder when restored: no absolute path, no ``..``."""
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in name


def _sha256(archive: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    digest = hashlib.sha256()
    with archive.extractfile(member) as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _clear_caches() -> bool:
    """Empty every cache: its pages, sessions, rate counts and models' versions describe the
    data before the restore, and all of it is made again as needed. False if one could not be
    reached (the operator is told to clear it)."""
    cleared = True
    for alias in settings.CACHES:
        try:
            caches[alias].clear()
        except Exception:  # noqa: BLE001 - Redis down, a folder unwritable: say so, go on
            cleared = False
    return cleared


def _migrate_needed() -> bool:
    """Whether the restored database lacks migrations this code has (an older release's
    archive, restored with --force)."""
    loader = MigrationLoader(connection)
    return bool(set(loader.graph.leaf_nodes()) - set(loader.applied_migrations))


# --- The database, whichever it is -----------------------------------------------------------


def _engine() -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(
            _("Backups support PostgreSQL and SQLite, not %(engine)s.")
            % {"engine": connection.vendor}
        )
    return connection.vendor


@contextmanager
def _database_errors():
    """The database cannot be reached or read: said in a sentence, not a traceback. (The
    driver's message names the server and the database, never the password.)"""
    try:
        yield
    except (DatabaseError, sqlite3.Error) as error:
        raise BackupError(
            _("The database could not be read: %(error)s") % {"error": error}
        ) from error


def _tables() -> dict[str, str]:
    """Every table the models keep (the many-to-many ones too), by model label."""
    return {
        model._meta.label_lower: model._meta.db_table
        for model in sorted(
            apps.get_models(include_auto_created=True), key=lambda m: m._meta.label_lower
        )
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    }


def _tables_present() -> list[str]:
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        return []  # a new file: asking would make it (and fail where its folder is missing)
    ours = set(_tables().values()) | {"django_migrations"}
    return sorted(ours & set(connection.introspection.table_names()))


def _count(cursor, table: str) -> int:
    table = connection.ops.quote_name(table)  # a model's table name, quoted: not a user's words
    cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
    return cursor.fetchone()[0]


def _count_or_none(cursor, table: str) -> int | None:
    try:
        with transaction.atomic():
            return _count(cursor, table)
    except DatabaseError:  # a table the restored database lacks counts as none
        return None


def _run_postgres(args: list[str], *, what: str) -> None:
    """Run pg_dump or pg_restore against the configured database: the connection (password
    included) in the environment, never in the arguments or in what is reported."""
    settings_dict = connection.settings_dict
    _args, env = PostgresClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(env or {})}
    for variable, key in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")]:
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    env["PGDATABASE"] = settings_dict["NAME"]
    if shutil.which(args[0]) is None:
        raise BackupError(
            _("%(program)s is not installed (Debian: apt-get install postgresql-client).")
            % {"program": what}
        )
    # The program is found on PATH as psql is by dbshell; the arguments are ours, not a user's.
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        said = result.stderr.strip()
        password = settings_dict.get("PASSWORD")
        if password:
            said = said.replace(password, "***")
        raise BackupError(
            _("%(program)s failed (exit code %(code)d): %(said)s")
            % {"program": what, "code": result.returncode, "said": said}
        )
