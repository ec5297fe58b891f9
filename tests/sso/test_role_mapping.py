"""The rule that turns the provider's groups into a staff role (arshjul.staff_sso), on the
real database: exactly the role the groups give, the editors' group winning, none without a
mapped group; a superuser never changed."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from arshjul import staff_sso
from arshjul.roles import EDITOR, READER, sync_roles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mapping(settings):
    sync_roles()
    settings.OIDC_ISSUER_URL = "https://login.region.example.se"
    settings.OIDC_GROUPS_CLAIM = "groups"
    settings.OIDC_EDITOR_GROUPS = ["redaktorer", "kommunikation"]
    settings.OIDC_READER_GROUPS = ["lasare"]


def roles(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


@pytest.mark.parametrize(
    "groups, role",
    [
        (["redaktorer"], EDITOR),
        (["kommunikation", "annat"], EDITOR),
        (["lasare"], READER),
        (["lasare", "redaktorer"], EDITOR),
        (["annat"], None),
        ([], None),
        (["Redaktorer"], None),  # names are matched exactly, as the provider writes them
    ],
)
def test_the_groups_give_the_role(groups, role):
    assert staff_sso.role_for(groups) == role


def test_a_claim_with_one_group_as_a_string_is_read_too(settings):
    assert staff_sso.groups_in({"groups": "lasare"}) == ["lasare"]
    settings.OIDC_GROUPS_CLAIM = "roles"
    assert staff_sso.groups_in({"roles": ["redaktorer"], "groups": ["lasare"]}) == ["redaktorer"]
    assert staff_sso.groups_in({}) == []


def test_the_role_is_set_exactly_and_other_groups_are_left_alone():
    user = get_user_model().objects.create_user("x")
    other = Group.objects.create(name="Extra")
    user.groups.add(other, Group.objects.get(name=READER))
    staff_sso.staff_roles_apply(user=user, role=EDITOR)
    user.refresh_from_db()
    assert user.is_staff and roles(user) == {EDITOR, "Extra"}

    staff_sso.staff_roles_apply(user=user, role=None)
    user.refresh_from_db()
    assert not user.is_staff and roles(user) == {"Extra"}


def test_a_superuser_is_never_changed():
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "x" * 20)
    staff_sso.staff_roles_apply(user=boss, role=None)
    boss.refresh_from_db()
    assert boss.is_staff and boss.is_superuser


def test_a_sign_in_finds_the_account_by_issuer_and_sub_and_sets_the_role():
    claims = {"sub": "abc", "email": "a@region.example.se", "name": "Anna A", "groups": ["lasare"]}
    first = staff_sso.staff_sign_in(claims=claims)
    assert first.user.is_staff and roles(first.user) == {READER}
    assert first.user.first_name == "Anna A"

    again = staff_sso.staff_sign_in(claims={**claims, "email": "ny@region.example.se"})
    assert again.user.pk == first.user.pk and again.user.email == "ny@region.example.se"

    gone = staff_sso.staff_sign_in(claims={**claims, "groups": []})
    assert gone.user is None and gone.refusal == "no-role"
    first.user.refresh_from_db()
    assert not first.user.is_staff and roles(first.user) == set()


def test_someone_unknown_without_a_group_gets_no_account():
    outcome = staff_sso.staff_sign_in(claims={"sub": "nobody", "groups": ["annat"]})
    assert outcome.user is None and outcome.refusal == "no-role"
    assert get_user_model().objects.count() == 0


def test_the_contact_is_a_link_when_it_is_an_address(settings):
    settings.STAFF_ACCESS_CONTACT = "it@region.example.se"
    assert staff_sso.access_contact() == {"email": "it@region.example.se", "text": ""}
    settings.STAFF_ACCESS_CONTACT = "IT-supporten, 010-123 45 67"
    assert staff_sso.access_contact() == {"email": "", "text": "IT-supporten, 010-123 45 67"}
