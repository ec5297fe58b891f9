"""``manage.py load_region <folder>``: set up a region from its files (see arshjul.region)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arshjul.region import RegionError, region_files, region_load


class Command(BaseCommand):
    help = (
        "Load a region's organisations, identity, strategy, first cycle, meetings and "
        "indicators from a folder of CSV or XLSX files: all of it, or — if a row has an "
        "error — nothing. See examples/ and the README."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="The folder of the region's files.")

    def handle(self, *args, folder: Path, **options):
        translation.activate("sv")
        if not folder.is_dir():
            raise CommandError(_("No such folder: %(folder)s") % {"folder": folder})
        names = ", ".join(f"{kind.name}.csv" for kind in region_files())
        try:
            loaded = region_load(folder)
        except RegionError as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(
                _(
                    "Nothing is read in. %(file)s:\n%(lines)s\n"
                    "(The files are read in the order %(names)s.)"
                )
                % {"file": error.filename, "lines": lines, "names": names}
            ) from error
        for filename, count in loaded.counts:
            self.stdout.write(
                ngettext("%(file)s: %(count)d row", "%(file)s: %(count)d rows", count)
                % {"file": filename, "count": count}
            )
        self.stdout.write(self.style.SUCCESS(_("The region is read in.")))
