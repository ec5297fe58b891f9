"""``manage.py restore ARCHIVE``: a backup back into an empty database (see arshjul.backups)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arshjul.backups import ENGINE_NAMES, BackupError, archive_check, restore_archive


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into an empty database (of the same "
        "engine), with its files: every checksum is checked first, and an archive of another "
        "release is refused unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive (arshjul-backup-….tar).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore an archive of another release (then run manage.py migrate).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the archive (every checksum) and say what it holds; change nothing.",
        )

    def handle(self, *args, archive: Path, force: bool, check: bool, **options):
        try:
            if check:
                return self._check(archive)
            restored = restore_archive(path=archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = restored.manifest
        self.stdout.write(
            _("Restored %(path)s (release %(release)s, made %(created)s):")
            % {
                "path": archive,
                "release": manifest["release"],
                "created": manifest["created_at"],
            }
        )
        self.stdout.write(
            "  "
            + ngettext("%(count)d row", "%(count)d rows", restored.rows) % {"count": restored.rows}
            + ", "
            + ngettext("%(count)d table", "%(count)d tables", restored.tables)
            % {"count": restored.tables}
            + ", "
            + ngettext("%(count)d file", "%(count)d files", restored.files)
            % {"count": restored.files}
        )
        if restored.caches_cleared:
            self.stdout.write(_("The shared cache is emptied (pages, sessions, counters)."))
        else:
            self.stderr.write(
                _(
                    "The shared cache could not be reached: empty it before the site starts "
                    "(e.g. redis-cli -n 1 flushdb), or it shows pages from before the restore."
                )
            )
        if restored.migrate_needed:
            self.stdout.write(
                self.style.WARNING(
                    _("This code has migrations the archive lacks: run manage.py migrate.")
                )
            )
        if restored.differences:
            raise CommandError(
                _("The database does not match the manifest:\n%(lines)s")
                % {"lines": "\n".join(f"  {line}" for line in restored.differences)}
            )
        self.stdout.write(self.style.SUCCESS(_("Every table has the rows the manifest lists.")))

    def _check(self, archive: Path) -> None:
        manifest = archive_check(archive)
        rows = sum(entry["rows"] for entry in manifest["models"])
        files = len(manifest["files"]) - 1  # the database is a member too
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "The archive is whole: release %(release)s, %(engine)s, made %(created)s; "
                    "%(rows)s, %(files)s."
                )
                % {
                    "release": manifest["release"],
                    "engine": ENGINE_NAMES.get(manifest["engine"], manifest["engine"]),
                    "created": manifest["created_at"],
                    "rows": ngettext("%(count)d row", "%(count)d rows", rows) % {"count": rows},
                    "files": ngettext("%(count)d file", "%(count)d files", files)
                    % {"count": files},
                }
            )
        )
