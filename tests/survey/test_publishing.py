"""Publishing the survey's results asks first, saying what becomes public. While groups can
still answer, the results are refused as final; staff may publish them as preliminary
results, which the public page calls so and which leave the indicators alone until the
survey has closed (then the sweep makes them final, once). For the whole cast."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from arshjul.lib.sweeps import run_sweeps
from indicators.models import Area, Geography, Indicator, IndicatorValue
from survey import services
from survey.models import Response, Survey
from tests import factories
from tests.confirming import as_data, confirm, confirming_form, the_cast

SURVEYS = "/admin/survey/survey/"
PUBLIC = "/arshjul/2027/enkat/"


@pytest.fixture
def enk1(db):
    """The survey indicator the yes/no question feeds, and the county it is stored for."""
    Geography.objects.create(code="0017", name="Värmland", level="county")
    area = Area.objects.create(name="Stärka konkurrenskraften")
    return Indicator.objects.create(
        code="ENK-1", name="Kompetensutveckling", area=area, unit="%", source="survey"
    )


@pytest.fixture
def answered(survey):
    """Four active groups: three have submitted (yes, yes, no), one has a draft."""
    for n, answer in enumerate(["yes", "yes", "no"]):
        org = factories.organisation(name=f"Organisation {n}", category="other")
        factories.submitted_response(survey, factories.leadership_group(org), {"yes": answer})
    late = factories.leadership_group(factories.organisation(name="Sen", category="cluster"))
    Response.objects.create(survey=survey, group=late, link_sent_at=timezone.now())
    return survey


@pytest.fixture
def closed(frozen_now, editor_client, editor):
    """20 December 2026, the morning after the survey closed; the editor signed in anew (a
    session of 27 November has expired)."""
    frozen_now(2026, 12, 20, 9)
    editor_client.force_login(editor)


def publish_first(client, survey):
    """The action from the list: its first POST, which asks."""
    return client.post(SURVEYS, {"action": "publish_results", "_selected_action": [survey.pk]})


def fresh(survey) -> Survey:
    return Survey.objects.get(pk=survey.pk)


def test_publishing_asks_first_saying_what_becomes_public(answered, enk1, editor_client, closed):
    page = publish_first(editor_client, answered)

    html = page.content.decode()
    assert page.status_code == 200
    assert "3 av 4 grupper svarade Ledningsenkäten (2027)." in html
    assert "/arshjul/2027/enkat/" in html
    assert "ENK-1" in html and "Har ni haft kompetensutveckling?" in html
    assert 'value="Publicera resultaten"' in html
    assert fresh(answered).results_published_at is None
    assert not IndicatorValue.objects.exists()


def test_the_confirmed_results_become_public_once_and_feed_the_indicators(
    answered, enk1, editor_client, client, closed
):
    first = publish_first(editor_client, answered)

    done = confirm(editor_client, SURVEYS, first).content.decode()
    again = confirm(editor_client, SURVEYS, first).content.decode()  # a second click

    assert "Ledningsenkäten (2027): resultaten är publika." in done
    assert "resultaten är redan publika" in again
    published = fresh(answered)
    assert published.results_published_at is not None and not published.results_preliminary
    assert IndicatorValue.objects.get(indicator=enk1).value == Decimal("66.7")
    page = client.get(PUBLIC).content.decode()
    assert "Preliminära" not in page


def test_an_open_surveys_results_are_refused_as_final(answered, enk1):
    with pytest.raises(services.SurveyError) as refused:
        services.results_publish(survey=answered)

    assert "Grupperna kan svara till 19 december" in " ".join(refused.value.messages)
    assert fresh(answered).results_published_at is None
    assert not IndicatorValue.objects.exists()


def test_an_open_survey_offers_only_preliminary_results(answered, editor_client):
    page = publish_first(editor_client, answered)

    html = page.content.decode()
    assert "grupperna kan svara till 19 december, och 3 av 4 grupper har svarat hittills" in html
    assert 'value="Publicera preliminära resultat"' in html
    assert 'value="Publicera resultaten"' not in html
    assert fresh(answered).results_published_at is None


def test_preliminary_results_say_so_and_leave_the_indicators_alone(
    answered, enk1, editor_client, client
):
    confirm(editor_client, SURVEYS, publish_first(editor_client, answered))

    published = fresh(answered)
    assert published.results_published_at is not None and published.results_preliminary
    page = client.get(PUBLIC).content.decode()
    assert "Preliminära resultat: 3 av 4 grupper har svarat, enkäten stänger 19 december." in page
    assert (
        "Läs de preliminära resultaten av Ledningsenkäten"
        in client.get("/arshjul/2027/").content.decode()
    )
    assert not IndicatorValue.objects.exists()


def test_preliminary_results_become_final_once_when_the_survey_has_closed(
    answered, enk1, editor_client, client, frozen_now
):
    confirm(editor_client, SURVEYS, publish_first(editor_client, answered))
    frozen_now(2026, 12, 19, 23, 59)
    run_sweeps(["survey-results-final"])
    assert fresh(answered).results_preliminary
    assert not IndicatorValue.objects.exists()

    frozen_now(2026, 12, 20, 0, 5)
    run_sweeps(["survey-results-final"])
    run_sweeps(["survey-results-final"])

    assert not fresh(answered).results_preliminary
    assert IndicatorValue.objects.filter(indicator=enk1).count() == 1
    assert "Preliminära" not in client.get(PUBLIC).content.decode()


def test_a_group_given_more_time_keeps_the_results_preliminary(
    answered, enk1, editor_client, frozen_now
):
    confirm(editor_client, SURVEYS, publish_first(editor_client, answered))
    late = Response.objects.get(survey=answered, status=Response.Status.DRAFT)
    services.deadline_extend(response=late, until=factories.end_of_day(2026, 12, 22))

    frozen_now(2026, 12, 20, 9)
    run_sweeps(["survey-results-final"])
    assert fresh(answered).results_preliminary and not IndicatorValue.objects.exists()

    frozen_now(2026, 12, 23, 9)
    run_sweeps(["survey-results-final"])
    assert not fresh(answered).results_preliminary
    assert IndicatorValue.objects.filter(indicator=enk1).exists()


def test_a_confirmation_shown_before_a_group_got_more_time_publishes_nothing(
    answered, enk1, editor_client, closed
):
    first = publish_first(editor_client, answered)
    late = Response.objects.get(survey=answered, status=Response.Status.DRAFT)
    late.deadline_extended_to = factories.end_of_day(2026, 12, 22)
    late.save()

    page = confirm(editor_client, SURVEYS, first).content.decode()

    assert "Grupperna kan svara till 22 december" in page
    assert fresh(answered).results_published_at is None
    assert not IndicatorValue.objects.exists()


def test_the_change_form_does_not_publish_the_results(answered, editor_client):
    page = editor_client.get(f"{SURVEYS}{answered.pk}/change/").content.decode()
    assert 'name="results_published_at' not in page
    assert 'name="results_preliminary' not in page


def test_only_a_publisher_can_confirm(answered, enk1, editor_client, reader, editor, closed):
    first = publish_first(editor_client, answered)
    coordinators = [
        factories.coordinator(answered.cycle, org)
        for org in {r.group.organisation for r in answered.responses.select_related("group")}
    ][:2]
    cast = the_cast(*coordinators, reader=reader, editor=editor)

    for who, client in cast.items():
        if who == "Redaktör":
            continue
        publish_first(client, answered)
        client.post(SURVEYS, as_data(confirming_form(first)["fields"]))
        assert fresh(answered).results_published_at is None, who
    assert not IndicatorValue.objects.exists()

    confirm(cast["Redaktör"], SURVEYS, first)
    assert fresh(answered).results_published_at is not None


def test_publishing_needs_the_survey_to_have_opened(cycle, editor_client):
    later = factories.survey(cycle, opens_on=datetime.date(2026, 12, 1))

    data = {"action": "publish_results", "_selected_action": [later.pk]}
    page = editor_client.post(SURVEYS, data, follow=True).content.decode()

    assert "Enkäten öppnar 1 december: det finns inga resultat att publicera än." in page
    assert fresh(later).results_published_at is None
