"""What a coordinator hit while registering: rows kept when asking for more, the workshop
group kept when replacing, addresses pasted as e-mail programs copy them, a clear message for
a missing name, and a pasted list with a cap and a message instead of a 400."""

import pytest

from registrations.models import Participant
from tests.helpers import rows

pytestmark = pytest.mark.django_db


def add_url(meeting):
    return f"/min-organisation/moten/{meeting.pk}/anmal/"


def test_more_rows_keeps_every_typed_row_and_registers_nobody(owner_client, work_meeting):
    group = work_meeting.cycle.cycle_challenges.first().challenge
    data = rows(("Ada Andersson", "ada@example.org"), ("Bo Berg", ""), group=group)
    data["p-0-accessibility_needs"] = "Hörselslinga"
    data["more"] = "3"
    html = owner_client.post(add_url(work_meeting), data).content.decode()
    assert 'value="Ada Andersson"' in html and 'value="ada@example.org"' in html
    assert 'value="Bo Berg"' in html and 'value="Hörselslinga"' in html
    assert 'name="p-TOTAL_FORMS" value="5"' in html
    assert 'class="error-summary"' not in html  # nothing checked yet
    assert not Participant.objects.exists()


def test_more_rows_is_a_button_after_the_register_button(owner_client, work_meeting):
    html = owner_client.get(add_url(work_meeting)).content.decode()
    register = html.index("Anmäl deltagarna")
    more = html.index('name="more"')
    assert register < more  # Enter in a field registers, it does not add rows
    assert "?rader=" not in html


def test_replacing_keeps_the_workshop_group(owner_client, ada):
    html = owner_client.get(f"/min-organisation/deltagare/{ada.pk}/ersatt/").content.decode()
    assert f'<option value="{ada.workshop_group_id}" selected>' in html


def test_an_address_pasted_as_outlook_copies_it_is_split_into_name_and_address(
    owner_client, work_meeting
):
    pasted = 'Anna Berg <anna.berg@kil.se>\n"Berg, Bo" <bo.berg@kil.se>; Planerare\n'
    html = owner_client.post(add_url(work_meeting), {"paste-pasted": pasted}).content.decode()
    assert 'value="anna.berg@kil.se"' in html
    assert 'value="Berg, Bo"' in html and 'value="bo.berg@kil.se"' in html
    assert 'value="Planerare"' in html
    assert 'name="p-0-name" value="Anna Berg"' in html


def test_a_missing_name_says_what_to_fill_in(owner_client, work_meeting):
    group = work_meeting.cycle.cycle_challenges.first().challenge
    response = owner_client.post(add_url(work_meeting), rows(("", "ada@example.org"), group=group))
    assert "Skriv deltagarens namn." in response.content.decode()
    assert not Participant.objects.exists()


def test_a_pasted_list_over_the_cap_is_refused_with_a_message_and_kept(owner_client, work_meeting):
    pasted = "".join(f"Person {n}, person{n}@example.org\n" for n in range(101))
    response = owner_client.post(add_url(work_meeting), {"paste-pasted": pasted})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Listan har 101 rader. Klistra in högst 100 åt gången" in html
    assert "person100@example.org" in html  # the text area keeps the whole list
    assert not Participant.objects.exists()


def test_a_hundred_pasted_rows_can_be_registered_in_one_go(owner_client, work_meeting):
    group = work_meeting.cycle.cycle_challenges.first().challenge
    pasted = "".join(f"Person {n}, person{n}@example.org\n" for n in range(100))
    html = owner_client.post(add_url(work_meeting), {"paste-pasted": pasted}).content.decode()
    assert 'name="p-TOTAL_FORMS" value="100"' in html
    data = rows(*[(f"Person {n}", f"person{n}@example.org") for n in range(100)], group=group)
    response = owner_client.post(add_url(work_meeting), data)
    assert response.status_code == 302
    assert Participant.objects.count() == 100


def test_the_form_keeps_its_query_count_from_3_to_100_rows(
    owner_client, work_meeting, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    group = work_meeting.cycle.cycle_challenges.first().challenge
    few = rows(*[(f"P{n}", f"p{n}@example.org") for n in range(3)], group=group)
    many = rows(*[(f"P{n}", f"p{n}@example.org") for n in range(100)], group=group)
    with CaptureQueriesContext(connection) as one:
        owner_client.post(add_url(work_meeting), {**few, "more": "3"})
    with django_assert_max_num_queries(len(one)):
        owner_client.post(add_url(work_meeting), {**many, "more": "3"})
    # Registering them: the rows' groups are not read once a row either.
    with CaptureQueriesContext(connection) as three:
        owner_client.post(add_url(work_meeting), few)
    Participant.objects.all().delete()
    with CaptureQueriesContext(connection) as hundred:
        owner_client.post(add_url(work_meeting), many)
    assert Participant.objects.count() == 100
    per_row = (len(hundred) - len(three)) / 97
    # Its insert, its history row and its e-mail (a savepoint); nothing read again.
    assert per_row <= 5, per_row
