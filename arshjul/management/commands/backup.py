"""``manage.py backup``: one archive of the database and the files (see arshjul.backups)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arshjul.backups import ENGINE_NAMES, BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write one archive with the database, the uploaded files and a manifest (release, "
        "migrations, rows, checksums): into BACKUP_DIR, keeping the newest BACKUP_KEEP, or to "
        "--output."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="A file to write, or a folder to write it in (then nothing older is removed).",
        )

    def handle(self, *args, output: Path | None, **options):
        try:
            backup = backup_create(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = backup.manifest
        rows = sum(entry["rows"] for entry in manifest["models"])
        files = len(manifest["files"]) - 1  # the database is a member too
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup written: %(path)s (%(size)s).")
                % {"path": backup.path, "size": filesizeformat(backup.path.stat().st_size)}
            )
        )
        self.stdout.write(
            _("Release %(release)s, %(engine)s: %(rows)s in %(tables)d tables; %(files)s.")
            % {
                "release": manifest["release"],
                "engine": ENGINE_NAMES[manifest["engine"]],
                "rows": ngettext("%(count)d row", "%(count)d rows", rows) % {"count": rows},
                "tables": len(manifest["models"]),
                "files": ngettext("%(count)d file", "%(count)d files", files) % {"count": files},
            }
        )
        for path in backup.removed:
            self.stdout.write(_("Older backup removed: %(path)s") % {"path": path})
