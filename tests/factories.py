"""Factories for every model the tests need, in one place."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from portal.lib.industries import Industry
from portal.lib.prefectures import Prefecture
from portal.lib.size_bands import SizeBand
from portal.models import Invitation, Membership, Organisation, Role, User

PASSWORD = "kaizen-Hoshi-2026"
TOTP_TEST_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.jp")
    full_name = factory.Sequence(lambda n: f"山田 太郎{n}")
    is_active = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    @factory.post_generation
    def email_verified(obj, create, extracted, **kwargs):
        """Personas have a verified address, as after sign-up (email_verified=False: not yet)."""
        if create:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=True if extracted is None else extracted
            )

    @factory.post_generation
    def totp_secret(obj, create, extracted, **kwargs):
        """Staff have a second factor, as the console demands; `totp_secret=""` leaves it out.

        The secret is TOTP_TEST_SECRET unless another one is given."""
        if create and obj.is_staff and extracted != "":
            TOTP.activate(obj, extracted or TOTP_TEST_SECRET)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"株式会社テスト{n}")
    prefecture = Prefecture.TOKYO
    industry = Industry.MANUFACTURING
    size_band = SizeBand.UP_TO_20


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.jp")
    role = Role.MEMBER
    expires_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=14))
