"""The four survey indicators take their values from the leadership survey, never retyped:
when staff publish a survey's results, each indicator whose source is the survey gets the
survey's value (survey.results.indicator_values) for the county, for the year the survey
closed (the year its answers describe)."""

from django.utils import timezone

from arshjul.lib import numbers
from survey.results import indicator_values

from .models import Geography, Indicator
from .values import NewValue, values_save


def survey_values_store(*, survey, **kwargs) -> int:
    """Receives survey.signals.results_published. Returns how many values were stored."""
    county = Geography.objects.filter(level=Geography.Level.COUNTY).order_by("pk").first()
    if county is None:
        return 0
    indicators = {i.code: i for i in Indicator.objects.filter(source=Indicator.Source.SURVEY)}
    year = timezone.localdate(survey.closes_at).year
    values = [
        NewValue(
            indicator=indicators[code],
            year=year,
            geography=county,
            value=numbers.share_value(value.overall.hits, value.overall.n),
            source_note=f"{survey.title} {survey.cycle.year}",
        )
        for code, value in indicator_values(survey).items()
        if code in indicators and value.percent is not None
    ]
    return values_save(values)
