"""The survey's part of the cycle pages (see arshjul.cycle_pages): when the groups answer,
and the results once staff publish them."""

from arshjul.cycle_pages import Part

from . import rules, selectors
from .results import public_results


def survey_parts(cycle, *, is_home: bool):
    for survey in selectors.surveys_for_cycle(cycle.pk):
        published = public_results(survey)
        if is_home and not published:
            continue  # the home page's timeline has the deadline already
        yield Part(
            "survey/includes/cycle_part.html",
            {
                "survey": survey,
                "window": rules.survey_window(survey),
                "results_published": published,
            },
            # The link to the results appears at the moment they are published.
            valid_until=None if published else survey.results_published_at,
        )
