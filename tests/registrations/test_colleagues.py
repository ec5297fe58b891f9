"""A coordinator adds a colleague as co-coordinator, who signs in the same passwordless way
and acts for the organisation; colleagues can be removed, the lead cannot."""

from django.test import Client, TestCase

from arshjul.models import Coordinator, OutgoingMail
from registrations import signin
from tests.helpers import sign_in


def add(client, name="Bo Kollega", email="bo@kil.example.org"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            "/min-organisation/samordnare/", {"name": name, "email": email}, follow=True
        )


def test_a_colleague_is_added_told_and_acts_for_the_organisation(owner_client, owner):
    page = add(owner_client).content.decode()
    assert "Bo Kollega är samordnare för Kils kommun nu" in page
    colleague = Coordinator.objects.get(email="bo@kil.example.org")
    assert (colleague.organisation, colleague.is_lead) == (owner.organisation, False)
    mail = OutgoingMail.objects.get(kind="colleague_added")
    assert mail.to == "bo@kil.example.org"
    assert "Anna Samordnare har lagt till dig som samordnare för Kils kommun" in mail.body_text
    assert "/logga-in/" in mail.body_text
    # Bo signs in the same way, and sees the organisation's page.
    assert [c.pk for c in signin.coordinators_for_email("bo@kil.example.org")] == [colleague.pk]
    bo = sign_in(Client(), colleague)
    html = bo.get("/min-organisation/").content.decode()
    assert "Kils kommun" in html and "Anna Samordnare" in html


def test_the_same_address_twice_or_a_bad_one_is_refused_with_the_input_kept(owner_client, owner):
    add(owner_client)
    again = add(owner_client, name="Bo igen").content.decode()
    assert "Adressen är redan samordnare för organisationen" in again
    assert "Bo igen" in again
    bad = add(owner_client, email="inte-en-adress").content.decode()
    assert "Fyll i en giltig e-postadress." in bad
    assert Coordinator.objects.filter(is_lead=False).count() == 1


def test_an_organisation_has_at_most_five_co_coordinators(owner_client, owner):
    for n in range(5):
        add(owner_client, name=f"K{n}", email=f"k{n}@kil.example.org")
    refused = add(owner_client, name="Sexan", email="sex@kil.example.org").content.decode()
    assert "högst 5 medsamordnare" in refused
    assert Coordinator.objects.filter(is_lead=False).count() == 5


def test_a_colleague_is_removed_but_never_the_lead_nor_by_another_organisation(
    owner_client, owner, outsider
):
    add(owner_client)
    colleague = Coordinator.objects.get(email="bo@kil.example.org")
    other = sign_in(Client(), outsider)
    assert other.post(f"/min-organisation/samordnare/{colleague.pk}/ta-bort/").status_code == 404
    assert owner_client.post(f"/min-organisation/samordnare/{owner.pk}/ta-bort/").status_code == 404
    removed = owner_client.post(
        f"/min-organisation/samordnare/{colleague.pk}/ta-bort/", follow=True
    )
    assert "Medsamordnaren är borttagen." in removed.content.decode()
    assert not Coordinator.objects.filter(pk=colleague.pk).exists()
    assert Coordinator.objects.filter(pk=owner.pk).exists()
