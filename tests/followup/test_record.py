"""A final report is the year's record: what it showed when made final, it shows after
imports, changes, new participants, a deleted organisation and a changed lägesbild."""

import pytest
from django.test import TestCase

from arshjul.models import Organisation
from followup import services
from followup.errors import FollowupError
from indicators.models import Geography, IndicatorValue
from registrations.models import Participant
from situation.models import Picture
from tests import factories
from tests.followup.helpers import participants, text_of, values

URL = "/arshjul/2027/uppfoljningsrapport/"


def test_a_report_is_made_final_only_once_published(report):
    with pytest.raises(FollowupError, match="Publicera rapporten innan den fastställs"):
        services.report_make_final(report=report)


def test_a_final_report_reads_the_same_after_the_cycle_changes(
    published, taking_part, surveys, indicators, known_picture, visitor, editor, kil
):
    gone = factories.organisation(name="Föreningen Som Upphör", category="civil_society")
    participants(taking_part, gone, 2)
    with TestCase.captureOnCommitCallbacks(execute=True):
        final = services.report_make_final(report=published, user=editor)
    before = text_of(visitor.get(URL).content.decode())
    assert "10 personer från 5 organisationer." in before
    assert "Idéburen sektor 1 2" in before
    assert "Inga lärosäten arbetar med utmaningen." in before

    # A year's later life: values imported, more sign-ups, an organisation removed, the
    # lägesbild changed, the words edited behind the admin's back.
    county = Geography.objects.get(level="county")
    values(indicators["solar"], county, {2024: 12.0})
    IndicatorValue.objects.filter(indicator=indicators["employment"], year=2023).update(value=70)
    participants(taking_part, kil, 4, prefix="later")
    Participant.objects.filter(organisation=gone).delete()
    Organisation.objects.filter(pk=gone.pk).delete()
    Picture.objects.filter(pk=known_picture.pk).update(snapshot=None)
    type(final).objects.filter(pk=final.pk).update(conclusions="Ändrat i efterhand.")

    after = text_of(visitor.get(URL).content.decode())
    assert after == before
    assert "Ändrat i efterhand" not in after
    final.refresh_from_db()
    assert final.final_by == editor and final.snapshot["year"] == 2027


def test_a_final_reports_words_cannot_be_changed(published):
    final = services.report_make_final(report=published)
    final.conclusions = "Nya ord."
    with pytest.raises(FollowupError, match="årets dokumentation"):
        services.report_text_change_check(report=final)
    with pytest.raises(FollowupError, match="redan fastställd"):
        services.report_make_final(report=final)


def test_the_record_names_organisations_but_keeps_no_coordinators_address(published, known_picture):
    snapshot = dict(known_picture.snapshot)
    match = snapshot["challenges"][0]["matches"][0]
    match["organisations"][0]["contacts"] = [{"name": "Karin Kil", "email": "karin@kil.se"}]
    Picture.objects.filter(pk=known_picture.pk).update(snapshot=snapshot)

    final = services.report_make_final(report=published)

    [kept] = final.snapshot["picture"]["challenges"][0]["matches"]
    assert [o["name"] for o in kept["organisations"]] == ["Kils kommun", "Eda kommun"]
    assert "karin@kil.se" not in str(final.snapshot) and "Karin Kil" not in str(final.snapshot)
