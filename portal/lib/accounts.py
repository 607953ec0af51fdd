"""A signed-in person's account as every request reads it, kept in the shared cache: their
user row, and the organisations they belong to with their role in each.

Every signed-in request read both from the database: the user row to check the session
(`AuthenticationBackend.get_user`), and the memberships for the header and the current
organisation (`portal.access.my_organisations`). That was two queries on every page and form,
three tenths of a form's time in the app server. Both are now read together, once, and kept
under the person's generation `account:<id>` (portal.lib.fragments) of the moment before they
were read; a save or deletion of their user row, of one of their memberships or of one of
their organisations' rows moves it (`follow(..., accounts=…)` in portal.receivers) when
the change commits. So a password change, a deactivation, a role change or a removal from
an organisation is seen by the very next request, on every app server.

A change made around the models' signals (a raw UPDATE, a queryset `update()` of users) is
not followed: it shows once the kept account expires, after ACCOUNT_SECONDS. The key names the
deployed code (kept_pages.release), so no process unpickles rows of another version's models.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import F

from portal.lib.fragments import account_generation_name, generation_key, generations, read

ACCOUNT_SECONDS = 5 * 60
# Where the backend leaves the organisations it read with the user, for my_organisations.
_ORGANISATIONS = "_kept_organisations"


def _entry_key(user_id: int) -> str:
    from portal.lib.kept_pages import release  # kept_pages reads portal.access, which reads this

    return f"account:{release()}:{user_id}"


def read_organisations(user) -> list:
    """The user's organisations from the database, each with `member_role`, by name."""
    from portal.models import Organisation

    return list(
        Organisation.objects.filter(memberships__user=user)
        .annotate(member_role=F("memberships__role"))
        .order_by("name", "pk")
    )


def kept_user(user_id):
    """The user with this id, carrying their organisations, from the shared cache when kept
    there under their current account generation; else read (two queries) and kept. None when
    there is no such user."""
    User = get_user_model()
    try:
        user_id = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    name = account_generation_name(user_id)
    found = read((name,), [_entry_key(user_id)])
    kept = found.get(_entry_key(user_id))
    if kept is not None and kept[0] == found.get(generation_key(name)):
        user, organisations = kept[1], kept[2]
    else:
        # The generation before the rows: a change committed after this read moves it again,
        # so what is read here is never taken for the changed account.
        current = found.get(generation_key(name)) or generations((name,))[0]
        user = User._default_manager.filter(pk=user_id).first()
        if user is None:
            return None
        organisations = read_organisations(user)
        cache.set(_entry_key(user_id), (current, user, organisations), ACCOUNT_SECONDS)
    setattr(user, _ORGANISATIONS, organisations)
    return user


def organisations(user) -> list:
    """The signed-in user's organisations with their role: those read with the user, else
    (a user the request did not get from KeptAccountBackend) from the database."""
    kept = getattr(user, _ORGANISATIONS, None)
    return list(kept) if kept is not None else read_organisations(user)


class KeptAccountBackend(AuthenticationBackend):
    """django-allauth's backend, whose user for a session comes from the kept account."""

    def get_user(self, user_id):
        user = kept_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
