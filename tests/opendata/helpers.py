"""What the open data's tests share: the demo with everything it leaves unpublished
published, so that every endpoint and file has something to show."""

from django.utils import timezone

from followup.models import Report
from followup.services import report_publish
from opendata.models import CatalogueSettings
from situation.models import Picture
from situation.services import picture_publish
from survey.models import Survey

FUNCTIONAL_CONTACT = "oppnadata@region.example.org"


def publish_everything() -> None:
    """On the demo: the 2027 survey's results (preliminary), the 2027 lägesbild and follow-up
    report, and the catalogue's functional contact point."""
    now = timezone.now()
    Survey.objects.filter(cycle__year=2027).update(
        results_published_at=now, results_preliminary=True
    )
    Survey.objects.first().save()  # the page cache sees the change
    picture_publish(picture=Picture.objects.get(cycle__year=2027), now=now)
    report_publish(report=Report.objects.get(cycle__year=2027), now=now)
    CatalogueSettings.objects.create(contact_email=FUNCTIONAL_CONTACT)
