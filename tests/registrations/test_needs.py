"""Participants' needs are health data: dietary needs, accessibility needs and comments are
kept only with the participant's consent — refused, never silently dropped, wherever they are
typed — and erased a configurable number of days after the meeting; the help texts and the
privacy page say so. Sent e-mails forget what they said and to whom."""

import pytest
from django.utils import timezone

from arshjul.lib.sweeps import run_sweeps
from arshjul.models import OutgoingMail
from registrations.models import Participant
from registrations.services import Person, RegistrationError, participants_register
from tests.helpers import rows

pytestmark = pytest.mark.django_db


def add_url(meeting):
    return f"/min-organisation/moten/{meeting.pk}/anmal/"


@pytest.mark.parametrize(
    "field, value",
    [
        ("dietary_needs", "Glutenfritt"),
        ("accessibility_needs", "Rullstol, hörselslinga"),
        ("comment", "Har en dold funktionsnedsättning"),
    ],
)
def test_needs_are_kept_only_with_consent(owner_client, work_meeting, field, value):
    group = work_meeting.cycle.cycle_challenges.first().challenge
    data = rows(("Ada", "ada@example.org"), group=group)
    data[f"p-0-{field}"] = value
    response = owner_client.post(add_url(work_meeting), data)
    html = response.content.decode()
    assert "Kryssa i rutan om deltagaren samtycker" in html
    assert value in html  # what was typed is kept
    assert not Participant.objects.exists()

    data["p-0-needs_consent"] = "on"
    owner_client.post(add_url(work_meeting), data)
    assert getattr(Participant.objects.get(), field) == value


def test_the_service_refuses_needs_without_consent(owner, work_meeting):
    group = work_meeting.cycle.cycle_challenges.first().challenge
    person = Person("Ada", "ada@example.org", workshop_group=group, accessibility_needs="Rullstol")
    with pytest.raises(RegistrationError) as refused:
        participants_register(
            meeting=work_meeting, organisation=owner.organisation, people=[person]
        )
    assert "needs_consent" in refused.value.error_dict
    assert not Participant.objects.exists()


def test_the_help_text_says_when_needs_are_erased(owner_client, work_meeting, settings):
    settings.NEEDS_RETENTION_DAYS = 14
    html = owner_client.get(add_url(work_meeting)).content.decode()
    assert "raderas 14 dagar efter mötet" in html
    assert "raderas efter mötet" not in html


def test_needs_and_comments_are_erased_the_configured_days_after_the_meeting(
    owner, work_meeting, frozen_now, settings
):
    settings.NEEDS_RETENTION_DAYS = 30
    group = work_meeting.cycle.cycle_challenges.first().challenge
    [ada] = participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=[
            Person(
                "Ada",
                "ada@example.org",
                workshop_group=group,
                dietary_needs="Glutenfritt",
                accessibility_needs="Rullstol",
                comment="Kommer 10 min sent",
                needs_consent=True,
            )
        ],
    )
    frozen_now(2027, 2, 12, 12)  # 30 days after 13 January
    run_sweeps(["needs"])
    ada.refresh_from_db()
    assert (ada.dietary_needs, ada.accessibility_needs) == ("Glutenfritt", "Rullstol")

    frozen_now(2027, 2, 13, 12)
    assert run_sweeps(["needs"]) == {"needs": 1}
    ada.refresh_from_db()
    assert (ada.dietary_needs, ada.accessibility_needs, ada.comment) == ("", "", "")
    assert (ada.needs_consent, ada.name) == (False, "Ada")


def test_participants_are_erased_two_years_after_the_meeting(
    owner, work_meeting, frozen_now, settings
):
    settings.REGISTRATION_RETENTION_DAYS = 730
    group = work_meeting.cycle.cycle_challenges.first().challenge
    participants_register(
        meeting=work_meeting,
        organisation=owner.organisation,
        people=[Person("Ada", "ada@example.org", workshop_group=group)],
    )
    frozen_now(2029, 1, 12, 12)
    run_sweeps(["registrations-erase"])
    assert Participant.objects.count() == 1
    assert Participant.history.filter(name="Ada").exists()
    frozen_now(2029, 1, 14, 12)
    run_sweeps(["registrations-erase"])
    assert not Participant.objects.exists()
    assert not Participant.history.filter(name="Ada").exists()  # nor in the change history


def test_the_privacy_page_names_every_category_its_retention_and_the_cookies(client, settings):
    settings.NEEDS_RETENTION_DAYS = 30
    html = client.get("/personuppgifter/").content.decode()
    expected = [
        "Samordnare",
        "Deltagare",
        "Kostbehov",
        "tillgänglighetsbehov",
        "Förfrågningar om att vara med",
        "E-post vi skickar",
        "samtycke",
        "Raderas 30 dagar efter mötet",
        "sessionid",
        "csrftoken",
        "django_language",
    ]
    for words in expected:
        assert words in html, words


def test_sent_e_mails_forget_what_they_said_and_to_whom(settings, frozen_now):
    settings.OUTBOX_RETENTION_DAYS = 30
    frozen_now(2026, 11, 1, 12)
    mail = OutgoingMail.objects.create(
        kind="participant_confirmed",
        dedup_key="k",
        to="ada@example.org",
        subject="Välkommen, Ada",
        body_text="Hej Ada",
        body_html="<p>Hej Ada</p>",
        state=OutgoingMail.State.SENT,
        sent_at=timezone.now(),
    )
    queued = OutgoingMail.objects.create(
        kind="test", dedup_key="q", to="bo@example.org", subject="s", body_text="Hej Bo"
    )
    frozen_now(2026, 12, 2, 12)
    assert run_sweeps(["outbox-erase"])["outbox-erase"] == 1
    mail.refresh_from_db()
    assert (mail.to, mail.body_text, mail.body_html) == ("", "", "")
    assert "Ada" not in mail.subject
    assert mail.state == OutgoingMail.State.SENT and mail.erased_at is not None
    queued.refresh_from_db()
    assert queued.body_text == "Hej Bo"  # not sent yet: kept


def test_an_erased_e_mail_is_not_sent_again(settings, frozen_now):
    from arshjul.lib import outbox

    settings.OUTBOX_RETENTION_DAYS = 30
    frozen_now(2026, 11, 1, 12)
    failed = OutgoingMail.objects.create(
        kind="test",
        dedup_key="f",
        to="ada@example.org",
        subject="s",
        body_text="Hej Ada",
        state=OutgoingMail.State.FAILED,
    )
    frozen_now(2026, 12, 2, 12)
    run_sweeps(["outbox-erase"])
    assert outbox.outbox_resend(mail_ids=[failed.pk]) == 0
    failed.refresh_from_db()
    assert failed.state == OutgoingMail.State.FAILED
