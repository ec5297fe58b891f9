"""The sign-on tests' providers, each a real server on 127.0.0.1, and the site configured to
use one (helpers in tests/sso/helpers.py)."""

import copy

import pytest

from tests.sso.helpers import (
    CLIENT_ID,
    CLIENT_SECRET,
    EDITORS,
    READERS,
    OidcProvider,
    ScriptedProvider,
)

TEST_CLIENT = "http://testserver"


@pytest.fixture(scope="session")
def oidc_provider():
    """django-oauth-toolkit's provider in a process of its own, for the whole session."""
    provider = OidcProvider(
        redirect_uris=[f"{TEST_CLIENT}/oidc/callback/"],
        post_logout_redirect_uris=[f"{TEST_CLIENT}/admin/login/"],
    )
    yield provider
    provider.stop()


@pytest.fixture
def sso(settings, oidc_provider, db):
    """The site signs staff in through the provider: its editors' group gives Redaktör, its
    readers' group Läsare. Each test starts with nobody in any group."""
    from arshjul.roles import sync_roles

    sync_roles()
    oidc_provider.set_groups({})
    settings.OIDC_ISSUER_URL = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_EDITOR_GROUPS = [EDITORS]
    settings.OIDC_READER_GROUPS = [READERS]
    settings.STAFF_ACCESS_CONTACT = "arshjul-support@region.example.se"
    # As the settings do when OIDC_ISSUER_URL is set: "Logga ut" may go on to the provider.
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(oidc_provider.url)
    settings.CONTENT_SECURITY_POLICY = policy
    yield oidc_provider
    oidc_provider.set_groups({})


@pytest.fixture(scope="module")
def scripted_provider():
    provider = ScriptedProvider()
    yield provider
    provider.stop()


@pytest.fixture
def scripted_sso(settings, scripted_provider, db):
    """The site signs staff in through the scripted provider (which answers with the ID
    token the test made)."""
    from arshjul.roles import sync_roles

    sync_roles()
    settings.OIDC_ISSUER_URL = scripted_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_EDITOR_GROUPS = [EDITORS]
    settings.OIDC_READER_GROUPS = [READERS]
    return scripted_provider
