from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.lib.forms import error_words
from indicators import kolada, services
from indicators.errors import KoladaError, KoladaUnreachable
from indicators.models import Indicator


class Command(BaseCommand):
    help = (
        "Import an indicator's values from Kolada: from files of the API's answers (--file, "
        "one per page), or from the live API at KOLADA_BASE_URL. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("kpi", help="The Kolada KPI id, e.g. N00914.")
        parser.add_argument("--file", action="append", default=[], help="A page of the answer.")
        parser.add_argument(
            "--years", default="", help="From the live API: e.g. 2015-2024 (default: 10 years)."
        )

    def handle(self, *args, kpi, file, years, **options):
        indicator = Indicator.objects.filter(kolada_kpi=kpi).first()
        if indicator is None:
            raise CommandError(_("No indicator has the Kolada KPI %(kpi)s.") % {"kpi": kpi})
        try:
            if file:
                pages = [
                    page for name in file for page in kolada.read_file(Path(name).read_bytes())
                ]
                done = services.kolada_import(pages=pages)
            else:
                done = services.kolada_fetch(indicator=indicator, years=_years(years))
        except KoladaError as error:
            raise CommandError(error_words(error)) from error
        except (KoladaUnreachable, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("%(values)d values imported, %(gaps)d missing in Kolada.")
            % {"values": done.values, "gaps": done.gaps}
        )


def _years(text: str) -> list[int]:
    if not text:
        this_year = timezone.localdate().year
        return list(range(this_year - 10, this_year + 1))
    try:
        first, _dash, last = text.partition("-")
        return list(range(int(first), int(last or first) + 1))
    except ValueError as error:
        raise CommandError(_("Give the years as 2015-2024.")) from error
