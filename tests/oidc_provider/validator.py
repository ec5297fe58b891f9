from oauth2_provider.oauth2_validators import OAuth2Validator

from .settings import DIR


class GroupsValidator(OAuth2Validator):
    """Adds the person's e-mail, names and groups (from groups.json, which a test may change
    between sign-ins) to the ID token and the user info."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "groups": "openid"}

    def get_additional_claims(self, request):
        import json

        groups = (
            json.loads((DIR / "groups.json").read_text()) if (DIR / "groups.json").exists() else {}
        )
        user = request.user
        return {
            "email": user.email,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "groups": groups.get(user.username, []),
        }

    # A silent check (prompt=none) reaches these only for someone signed in here, whose
    # authorisation needs no consent (the application skips it).
    def validate_silent_login(self, request):
        return True

    def validate_silent_authorization(self, request):
        return True
