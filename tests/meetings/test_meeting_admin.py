import pytest

from meetings.models import Meeting
from tests import factories
from tests.helpers import meeting_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at": "08:00"}, "Mötet måste sluta efter att det har börjat."),
        (
            {"registration_closes_at_0": "2027-01-13", "registration_closes_at_1": "10:00"},
            "Anmälan måste stänga innan mötet börjar.",
        ),
        ({"capacity": "0"}, "Ett möte med ett begränsat antal platser har minst en plats."),
        ({"capacity": "-5"}, "större än eller lika med 0"),
        ({"limit_per_organisation": "0"}, "En organisation måste få skicka minst en person."),
        (
            {"registration_opens_at_0": "2027-01-01", "registration_opens_at_1": "08:00"},
            "Anmälan måste öppna innan den stänger.",
        ),
        ({"slug": "arbetsmote"}, "Ett annat möte i årshjulet har redan den här adressen."),
    ],
)
def test_staff_get_a_swedish_message_and_keep_what_they_typed(staff_client, changes, message):
    cycle = factories.cycle_with_meetings(2027)
    count = Meeting.objects.count()

    response = staff_client.post(
        "/admin/meetings/meeting/add/", meeting_form(cycle, summary="Min text", **changes)
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Min text" in html
    assert Meeting.objects.count() == count


def test_a_valid_meeting_is_saved(staff_client):
    cycle = factories.cycle_with_meetings(2027)
    response = staff_client.post(
        "/admin/meetings/meeting/add/", meeting_form(cycle, capacity="130")
    )
    assert response.status_code == 302
    assert Meeting.objects.get(slug="nytt-mote").capacity == 130
