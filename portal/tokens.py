"""Signed, expiring, single-use tokens for e-mail verification links."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """Valid for PASSWORD_RESET_TIMEOUT; spent once the account is active (so a replayed link fails)."""

    key_salt = "portal.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.is_active}{user.email}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()
