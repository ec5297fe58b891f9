"""``manage.py load_region <folder>``: set up a region from its files (see arshjul.region)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

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
            raise CommandError(f"Ingen mapp: {folder}")
        names = ", ".join(f"{kind.name}.csv" for kind in region_files())
        try:
            loaded = region_load(folder)
        except RegionError as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(
                f"Inget är inläst. {error.filename}:\n{lines}\n(Filerna läses i ordningen {names}.)"
            ) from error
        for filename, count in loaded.counts:
            self.stdout.write(f"{filename}: {count} rader")
        self.stdout.write(self.style.SUCCESS("Regionen är inläst."))
