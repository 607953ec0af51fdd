from django.urls import path

from portal.views import corporate_lookup, organisations

app_name = "organisations"

urlpatterns = [
    path("organisations/", organisations.organisation_list, name="list"),
    path("organisations/new/", organisations.organisation_new, name="new"),
    path("organisations/switch/", organisations.switch, name="switch"),
    path("organisations/lookup/", corporate_lookup.corporate_lookup, name="lookup"),
    path("organisations/<int:pk>/", organisations.organisation_edit, name="edit"),
    path("organisations/<int:pk>/members/", organisations.members, name="members"),
    path("organisations/<int:pk>/members/invite/", organisations.invite, name="invite"),
    path(
        "organisations/<int:pk>/members/<int:membership_pk>/role/",
        organisations.change_role,
        name="change_role",
    ),
    path(
        "organisations/<int:pk>/members/<int:membership_pk>/remove/",
        organisations.remove_member,
        name="remove_member",
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        organisations.revoke_invitation,
        name="revoke_invitation",
    ),
    path("invitations/<str:token>/", organisations.invitation, name="invitation"),
]
