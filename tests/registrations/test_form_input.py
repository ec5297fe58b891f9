"""Whatever is typed into a public or coordinator form — very long, any Unicode, control
characters, NUL, HTML — the answer is never a server error, and a refused post stores
nothing. Property-based (hypothesis); CI runs it on PostgreSQL too, where lengths and NUL
bytes are enforced by the database."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registrations.models import JoinRequest, Participant, SignInRequest
from tests.helpers import long_address, rows

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

nasty = st.one_of(
    st.text(max_size=40),
    st.text(min_size=190, max_size=320),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),  # control characters
    st.sampled_from(
        [
            "",
            "<script>alert(1)</script>",
            "Anna\r\nBcc: angripare@example.org",
            "nul\x00byte",
            "😀" * 260,
            "a" * 5000,
            "Robert'); DROP TABLE participants;--",
            "anna@" + "b" * 250 + ".se",
            "Anna Berg <anna.berg@kil.se>",
        ]
    ),
)
# Valid addresses too, up to the longest there is (254), where keys and columns overflow.
addresses = st.one_of(
    nasty, st.emails(), st.integers(min_value=200, max_value=254).map(long_address)
)


def counts():
    return (Participant.objects.count(), JoinRequest.objects.count(), SignInRequest.objects.count())


def assert_safe(response, before):
    assert response.status_code < 500
    if response.status_code != 302:  # refused: shown again, nothing stored
        assert counts() == before


@pytest.fixture
def generous_limits(settings):
    settings.SIGNIN_MAX_PER_IP = settings.SIGNIN_MAX_PER_ADDRESS = 10**6
    settings.JOIN_MAX_PER_IP = 10**6


def test_the_sign_in_form(client, cycle, generous_limits):
    @EXAMPLES
    @given(email=addresses)
    def check(email):
        before = counts()
        assert_safe(client.post("/logga-in/", {"email": email}), before)

    check()


def test_the_join_form(client, cycle, owner, generous_limits):
    @EXAMPLES
    @given(name=nasty, category=nasty, person=nasty, email=addresses, message=nasty)
    def check(name, category, person, email, message):
        before = counts()
        data = {
            "organisation_name": name,
            "category": category,
            "coordinator_name": person,
            "coordinator_email": email,
            "message": message,
        }
        assert_safe(client.post("/var-med/", data), before)

    check()


def test_the_participant_rows(owner_client, work_meeting):
    group = work_meeting.cycle.cycle_challenges.first().challenge

    @EXAMPLES
    @given(
        name=nasty,
        email=addresses,
        role=nasty,
        needs=nasty,
        comment=nasty,
        consent=st.booleans(),
        group_value=st.sampled_from([str(group.pk), "", "999999", "x"]),
    )
    def check(name, email, role, needs, comment, consent, group_value):
        before = counts()
        data = rows((name, email))
        data.update(
            {
                "p-0-role": role,
                "p-0-workshop_group": group_value,
                "p-0-dietary_needs": needs,
                "p-0-accessibility_needs": needs,
                "p-0-comment": comment,
            }
        )
        if consent:
            data["p-0-needs_consent"] = "on"
        response = owner_client.post(f"/min-organisation/moten/{work_meeting.pk}/anmal/", data)
        assert_safe(response, before)

    check()


def test_the_pasted_list(owner_client, work_meeting):
    @EXAMPLES
    @given(pasted=st.one_of(nasty, st.lists(nasty, max_size=120).map("\n".join)))
    def check(pasted):
        before = counts()
        response = owner_client.post(
            f"/min-organisation/moten/{work_meeting.pk}/anmal/", {"paste-pasted": pasted}
        )
        assert response.status_code == 200
        assert counts() == before  # pasting only fills in the rows

    check()


def test_changing_and_replacing_a_participant(owner_client, ada):
    @EXAMPLES
    @given(name=nasty, email=addresses, role=nasty, action=st.sampled_from(["andra", "ersatt"]))
    def check(name, email, role, action):
        ada.refresh_from_db()
        before = (counts(), ada.name, ada.email)
        data = {"name": name, "email": email, "role": role, "workshop_group": ada.workshop_group_id}
        response = owner_client.post(f"/min-organisation/deltagare/{ada.pk}/{action}/", data)
        assert response.status_code < 500
        if response.status_code != 302:
            ada.refresh_from_db()
            assert (counts(), ada.name, ada.email) == before

    check()


def test_the_checklist(owner_client):
    @EXAMPLES
    @given(ticked=st.lists(nasty, max_size=5))
    def check(ticked):
        response = owner_client.post("/min-organisation/checklista/", {"ticked": ticked})
        assert response.status_code < 500

    check()
