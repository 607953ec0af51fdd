"""The people every test is about, built one way (STYLE.md §11): an organisation's admin, a
member of the same organisation, an outsider (admin of another organisation), portal staff,
and staff in the groups of `portal.roles` (reviewers, content editors). Anonymous is None.

tests/conftest.py turns these into fixtures; a test that needs a second person of a kind
calls the builder with another e-mail. Staff groups always come from `portal.roles`, the one
definition the migrations and `load_content` apply, so tests grant exactly what production
grants, and rebuild the groups if a transactional test flushed them.
"""

from django.contrib.auth.models import Group

from portal.models import Organisation, Role, User
from portal.roles import apply_group_permissions
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def organisation_admin(organisation: Organisation, email: str = "admin@sakura.example.jp", **fields) -> User:
    return MembershipFactory(
        organisation=organisation, role=Role.ADMIN, user__email=email, **_user(fields)
    ).user


def organisation_member(
    organisation: Organisation, email: str = "member@sakura.example.jp", **fields
) -> User:
    return MembershipFactory(
        organisation=organisation, role=Role.MEMBER, user__email=email, **_user(fields)
    ).user


def outsider(email: str = "owner@midori.example.jp", organisation: Organisation | None = None) -> User:
    """The admin of another organisation."""
    return organisation_admin(organisation or OrganisationFactory(name="有限会社みどり商店"), email)


def portal_staff(email: str = "staff@portal.example.jp", **fields) -> User:
    """Portal staff with every permission (a superuser)."""
    return UserFactory(email=email, is_staff=True, is_superuser=True, **fields)


def staff_group(name: str) -> Group:
    """A staff group with exactly its permissions in `portal.roles`."""
    apply_group_permissions()
    return Group.objects.get(name=name)


def staff_in(group: str, email: str, **fields) -> User:
    user = UserFactory(email=email, is_staff=True, **fields)
    user.groups.add(staff_group(group))
    return user


def reviewer(email: str = "reviewer@portal.example.jp", **fields) -> User:
    """Portal staff in the reviewers group."""
    return staff_in("reviewers", email, **fields)


def content_editor(email: str = "editor@portal.example.jp", **fields) -> User:
    """Portal staff in the content editors group."""
    return staff_in("content editors", email, **fields)


def _user(fields: dict) -> dict:
    return {f"user__{name}": value for name, value in fields.items()}
