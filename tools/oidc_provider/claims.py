"""The claims the provider releases: the demo accounts' (accounts.py), with scope "profile"
(and "email"), as GビズID does."""

from oauth2_provider.oauth2_validators import OAuth2Validator

from tools.oidc_provider.accounts import demo_users


class GBizIDLikeValidator(OAuth2Validator):
    # Released with scope "profile" (and "email"), as GビズID does.
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "account_type": "profile",
        "corp_type": "profile",
        "corporate_number": "profile",
        "prefecture_name": "profile",
    }

    def get_additional_claims(self, request):
        return dict(demo_users().get(request.user.get_username(), {}))
