"""The one way every view reaches an organisation's objects.

Another organisation's object is a 404, never a 403, so that ids reveal nothing; a
member who tries an admin-only change gets a 403.
"""

from functools import wraps
from typing import TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import F, Model, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from portal.lib import accounts
from portal.models import Organisation, Role

M = TypeVar("M", bound=Model)


def get_for_organisation_or_404(
    user, model_or_queryset: type[M] | QuerySet[M], /, *, role: Role = Role.MEMBER, **lookup
) -> M:
    """Fetch one object that belongs to an organisation `user` is a member of.

    Models say how they reach their organisation with `organisation_path` (default
    "organisation"; "" for Organisation itself). With `role=Role.ADMIN` a plain member
    gets PermissionDenied. The fetched object carries the user's role as `member_role`.
    """
    if isinstance(model_or_queryset, QuerySet):
        queryset = model_or_queryset
    else:
        queryset = model_or_queryset._default_manager.all()
    if not user.is_authenticated:
        raise Http404
    path = getattr(queryset.model, "organisation_path", "organisation")
    memberships = f"{path}__memberships" if path else "memberships"
    obj = get_object_or_404(
        queryset.filter(**{f"{memberships}__user": user}).annotate(member_role=F(f"{memberships}__role")),
        **lookup,
    )
    if role == Role.ADMIN and obj.member_role != Role.ADMIN:
        raise PermissionDenied
    return obj


def my_organisations(request: HttpRequest) -> list[Organisation]:
    """The organisations the signed-in user belongs to, each with `member_role`: read with the
    user from their kept account (portal.lib.accounts), once per request."""
    if not request.user.is_authenticated:
        return []
    if not hasattr(request, "_my_organisations"):
        request._my_organisations = accounts.organisations(request.user)
    return request._my_organisations


def check_organisation_access(
    request: HttpRequest, organisation_id: int | None, *, role: Role = Role.MEMBER
) -> Role:
    """The user's role in an organisation already fetched with its object, from the memberships
    the page loads anyway; 404 for a non-member, 403 for a member where an admin is needed."""
    organisation = next((o for o in my_organisations(request) if o.pk == organisation_id), None)
    if organisation is None:
        raise Http404
    if role == Role.ADMIN and organisation.member_role != Role.ADMIN:
        raise PermissionDenied
    return Role(organisation.member_role)


def current_organisation(request: HttpRequest) -> Organisation | None:
    """The organisation the user works for right now (chosen in the header), or None.

    Remembered on the user, so it survives logging out and in; falls back to the first
    organisation when the remembered one is gone.
    """
    organisations = my_organisations(request)
    chosen = request.user.current_organisation_id if organisations else None
    return next((o for o in organisations if o.pk == chosen), organisations[0] if organisations else None)


def current_organisation_or_404(request: HttpRequest, *, role: Role = Role.MEMBER) -> Organisation:
    """Like current_organisation, for views that cannot work without one."""
    organisation = current_organisation(request)
    if organisation is None:
        raise Http404
    if role == Role.ADMIN and organisation.member_role != Role.ADMIN:
        raise PermissionDenied
    return organisation


def staff_permission_required(permission: str):
    """For the staff console: staff with `permission` (e.g. via the reviewers group) only.

    Anonymous visitors are sent to log in; everyone else without it gets a 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (request.user.is_staff and request.user.has_perm(permission)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# --- What the header offers (portal.context_processors) --------------------------------

# The permissions that open a page of the staff console at /review/ (each console view
# checks its own with `staff_permission_required`).
CONSOLE_PERMISSIONS = (
    "declaration.review_declaration",
    "presenters.review_presenter",
    "learning.revoke_certificate",
    "portal.view_auditentry",
    "portal.verify_organisation",
)


def can_use_console(user) -> bool:
    """Staff with at least one console permission (portal.roles: the reviewers)."""
    return bool(
        user.is_authenticated
        and user.is_staff
        and any(user.has_perm(permission) for permission in CONSOLE_PERMISSIONS)
    )


def can_register_organisation(user) -> bool:
    """Anyone signed in may register an organisation (and becomes its admin), except portal
    staff. Staff accounts exist to review and to edit content (portal.roles); an organisation
    of a staff account would put its own declaration in front of its own reviewers. Staff who
    also run a business use an ordinary account for it. Anonymous visitors sign up first."""
    return bool(user.is_authenticated and not user.is_staff)
