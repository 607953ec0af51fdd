import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portal import services
from portal.models import Invitation, Membership, Organisation, Role
from tests.factories import InvitationFactory, MembershipFactory, OrganisationFactory, UserFactory

VALID = {
    "name": "株式会社あおば製作所",
    "name_kana": "かぶしきがいしゃあおばせいさくしょ",
    "corporate_number": "１１８０-３０１０-１８７７-１",
    "prefecture": "23",
    "address": "名古屋市中区1-2-3",
    "industry": "E",
    "size_band": "21-50",
    "website": "aoba.example.jp",
}


class TestCreate:
    def test_creator_becomes_admin_and_it_becomes_current(self, client, db):
        user = UserFactory()
        client.force_login(user)
        response = client.post(reverse("organisations:new"), VALID, follow=True)
        organisation = Organisation.objects.get()
        assert organisation.corporate_number == "1180301018771"
        assert organisation.website == "https://aoba.example.jp"
        assert Membership.objects.get(user=user).role == Role.ADMIN
        user.refresh_from_db()
        assert user.current_organisation == organisation
        assert "株式会社あおば製作所" in response.content.decode()
        assert 'class="current-organisation">株式会社あおば製作所<' in response.content.decode()

    def test_wrong_corporate_number_is_explained_and_everything_else_kept(self, client, db):
        client.force_login(UserFactory())
        response = client.post(reverse("organisations:new"), {**VALID, "corporate_number": "1180301018772"})
        assert response.status_code == 200
        assert "法人番号が正しくありません" in response.context["form"].errors["corporate_number"][0]
        body = response.content.decode()
        assert "株式会社あおば製作所" in body and "名古屋市中区1-2-3" in body
        assert not Organisation.objects.exists()

    def test_a_corporate_number_someone_else_gave_is_accepted(self, client, db):
        # A number is no lock (tests/security/test_corporate_number_claims.py).
        OrganisationFactory(corporate_number="1180301018771")
        client.force_login(UserFactory())
        assert client.post(reverse("organisations:new"), VALID).status_code == 302
        assert Organisation.objects.filter(corporate_number="1180301018771").count() == 2

    def test_sole_proprietors_have_no_corporate_number(self, client, db):
        client.force_login(UserFactory())
        response = client.post(reverse("organisations:new"), {**VALID, "is_sole_proprietor": "on"})
        assert "個人事業主には法人番号がありません" in response.context["form"].errors["corporate_number"][0]
        response = client.post(
            reverse("organisations:new"), {**VALID, "is_sole_proprietor": "on", "corporate_number": ""}
        )
        assert response.status_code == 302
        assert Organisation.objects.get().corporate_number is None

    def test_several_organisations_without_corporate_number_may_exist(self, client, db):
        client.force_login(UserFactory())
        for name in ["一", "二"]:
            client.post(reverse("organisations:new"), {**VALID, "name": name, "corporate_number": ""})
        assert Organisation.objects.filter(corporate_number__isnull=True).count() == 2

    @pytest.mark.parametrize(
        "field,value",
        [("prefecture", "48"), ("industry", "Z"), ("size_band", "1000+"), ("name", "長" * 201), ("name", "")],
    )
    def test_tampered_or_invalid_values_are_refused_beside_the_field(self, client, db, field, value):
        client.force_login(UserFactory())
        response = client.post(reverse("organisations:new"), {**VALID, field: value})
        assert response.status_code == 200
        assert field in response.context["form"].errors
        assert not Organisation.objects.exists()


class TestMembers:
    def test_invitation_email_links_to_the_invitation(
        self, client_for, organisation, admin, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            client_for(admin).post(
                reverse("organisations:invite", args=[organisation.pk]),
                {"email": "New@Example.jp", "role": "admin"},
            )
        invitation = Invitation.objects.get()
        assert invitation.email == "new@example.jp"
        assert mail.outbox[0].to == ["new@example.jp"]
        assert invitation.get_absolute_url() in mail.outbox[0].body
        assert "株式会社さくら精機" in mail.outbox[0].subject

    def test_inviting_an_existing_member_is_refused_and_the_address_kept(
        self, client_for, organisation, admin, member
    ):
        response = client_for(admin).post(
            reverse("organisations:invite", args=[organisation.pk]), {"email": member.email, "role": "member"}
        )
        assert response.status_code == 400
        assert "既にこの組織のメンバーです" in response.content.decode()
        assert member.email in response.content.decode()
        assert not Invitation.objects.exists()

    def test_a_new_invitation_replaces_the_open_one(self, organisation, admin):
        for _ in range(2):
            services.invitation_create(
                organisation=organisation, email="x@example.jp", role=Role.MEMBER, invited_by=admin
            )
        assert Invitation.objects.count() == 1

    def test_the_invited_person_joins_with_the_invited_role(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation, email="new@example.jp", role=Role.ADMIN)
        newcomer = UserFactory(email="new@example.jp")
        client.force_login(newcomer)
        assert "招待を受けて参加する" in client.get(invitation.get_absolute_url()).content.decode()
        response = client.post(invitation.get_absolute_url())
        assert response.status_code == 302
        assert Membership.objects.get(user=newcomer).role == Role.ADMIN
        newcomer.refresh_from_db()
        assert newcomer.current_organisation == organisation

    def test_someone_else_cannot_use_the_invitation(self, client, organisation, outsider):
        invitation = InvitationFactory(organisation=organisation, email="new@example.jp")
        client.force_login(outsider)
        client.post(invitation.get_absolute_url())
        assert not Membership.objects.filter(user=outsider, organisation=organisation).exists()

    def test_expired_and_used_invitations_are_refused(self, organisation):
        user = UserFactory(email="late@example.jp")
        expired = InvitationFactory(organisation=organisation, email=user.email, expires_at=timezone.now())
        with pytest.raises(ValidationError, match="有効期限"):
            services.invitation_accept(invitation=expired, user=user)
        used = InvitationFactory(
            organisation=OrganisationFactory(), email=user.email, accepted_at=timezone.now()
        )
        with pytest.raises(ValidationError, match="既に使われています"):
            services.invitation_accept(invitation=used, user=user)
        assert not Membership.objects.filter(user=user).exists()

    def test_anonymous_visitor_is_asked_to_log_in(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation)
        body = client.get(invitation.get_absolute_url()).content.decode()
        assert "ログインして参加" in body
        assert client.post(invitation.get_absolute_url())["Location"].startswith(reverse("account_login"))

    def test_the_last_admin_cannot_leave_or_step_down(self, client_for, organisation, admin, member):
        client = client_for(admin)
        own = Membership.objects.get(user=admin)
        response = client.post(
            reverse("organisations:remove_member", args=[organisation.pk, own.pk]), follow=True
        )
        assert "最後の管理者は組織を離れられません" in response.content.decode()
        response = client.post(
            reverse("organisations:change_role", args=[organisation.pk, own.pk]),
            {"role": "member"},
            follow=True,
        )
        assert "最後の管理者は役割を変更できません" in response.content.decode()
        own.refresh_from_db()
        assert own.role == Role.ADMIN

    def test_an_admin_may_leave_once_another_admin_exists(self, client_for, organisation, admin, member):
        client = client_for(admin)
        membership = Membership.objects.get(user=member)
        client.post(
            reverse("organisations:change_role", args=[organisation.pk, membership.pk]), {"role": "admin"}
        )
        own = Membership.objects.get(user=admin)
        response = client.post(reverse("organisations:remove_member", args=[organisation.pk, own.pk]))
        assert response["Location"] == reverse("organisations:list")
        assert not Membership.objects.filter(pk=own.pk).exists()

    def test_a_member_can_leave(self, client_for, organisation, admin, member):
        own = Membership.objects.get(user=member)
        client_for(member).post(reverse("organisations:remove_member", args=[organisation.pk, own.pk]))
        assert not Membership.objects.filter(pk=own.pk).exists()

    def test_a_tampered_role_value_changes_nothing(self, client_for, organisation, admin, member):
        membership = Membership.objects.get(user=member)
        response = client_for(admin).post(
            reverse("organisations:change_role", args=[organisation.pk, membership.pk]),
            {"role": "owner"},
            follow=True,
        )
        assert "役割の指定が正しくありません" in response.content.decode()
        membership.refresh_from_db()
        assert membership.role == Role.MEMBER

    def test_members_see_the_list_but_no_admin_controls(self, client_for, organisation, admin, member):
        body = (
            client_for(member).get(reverse("organisations:members", args=[organisation.pk])).content.decode()
        )
        assert admin.email in body
        assert "招待メールを送る" not in body
        assert "退出する" in body


class TestSwitching:
    def test_switch_to_one_of_my_organisations_is_remembered(self, client, organisation, admin):
        second = MembershipFactory(
            user=admin, organisation=OrganisationFactory(name="第二商事"), role=Role.MEMBER
        )
        client.force_login(admin)
        client.post(reverse("organisations:switch"), {"organisation": second.organisation.pk, "next": "/"})
        client.post(reverse("account_logout"))
        client.force_login(admin)
        body = client.get(reverse("home")).content.decode()
        assert 'class="current-organisation">第二商事<' in body

    def test_switching_to_a_foreign_organisation_is_404(self, client_for, admin, other_organisation):
        response = client_for(admin).post(
            reverse("organisations:switch"), {"organisation": other_organisation.pk}
        )
        assert response.status_code == 404
        admin.refresh_from_db()
        assert admin.current_organisation != other_organisation

    def test_a_tampered_switch_value_is_ignored(self, client_for, admin):
        response = client_for(admin).post(
            reverse("organisations:switch"), {"organisation": "'; DROP TABLE", "next": "//evil.example.com"}
        )
        assert response["Location"] == reverse("home")

    def test_falls_back_to_an_organisation_after_leaving_the_current_one(self, client, organisation, admin):
        other = MembershipFactory(
            user=admin, organisation=OrganisationFactory(name="あとの会社"), role=Role.MEMBER
        )
        services.organisation_switch(user=admin, organisation=other.organisation)
        services.membership_remove(membership=other)
        client.force_login(admin)
        assert 'class="current-organisation">株式会社さくら精機<' in client.get("/").content.decode()
