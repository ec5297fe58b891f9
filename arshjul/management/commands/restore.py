"""``manage.py restore ARCHIVE``: a backup back into an empty database (see arshjul.backups)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arshjul.backups import BackupError, restore_archive


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

    def handle(self, *args, archive: Path, force: bool, **options):
        try:
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
