"""What every page's header needs: the current organisation, the others, display preferences."""

from functools import partial

from portal.access import can_register_organisation, can_use_console, current_organisation, my_organisations
from portal.home import NAVIGATION
from portal.preferences import TextSize, text_size


def _person_key(request, organisations, current) -> str:
    """Everything the header's utility bar shows of the person (its kept copy varies on this)."""
    user = request.user
    if not user.is_authenticated:
        return "anonymous"
    parts = [
        user.pk,
        user.display_name,
        user.is_staff,
        can_use_console(user),
        can_register_organisation(user),
        current and (current.pk, current.name, current.member_role),
        len(organisations),
        *((o.pk, o.name) for o in organisations[:8]),
    ]
    return repr(parts)


def site_shell(request):
    # Error pages raised before AuthenticationMiddleware ran (a 400 for an unknown Host) have
    # no request.user: they show the shell without organisations.
    signed_in = hasattr(request, "user")
    navigation = [
        {"label": item.label, "url": item.url, "active": bool(item.url) and request.path.startswith(item.url)}
        for item in NAVIGATION
    ]
    organisations = my_organisations(request) if signed_in else []
    current = current_organisation(request) if signed_in else None
    return {
        "current_organisation": current,
        "my_organisations": organisations,
        # Called only where the header asks (the template calls them): a permission check costs
        # staff a query or two, and nothing for anyone else.
        "can_use_console": partial(can_use_console, request.user) if signed_in else False,
        "can_register_organisation": partial(can_register_organisation, request.user) if signed_in else False,
        "text_size": text_size(request),
        "text_sizes": TextSize,
        "navigation": navigation,
        # What the main menu's kept copy varies on (templates/includes/header.html).
        "navigation_key": "".join("1" if item["active"] else "0" for item in navigation),
        # …and the utility bar on this, worked out only when the header renders.
        "person_key": partial(_person_key, request, organisations, current) if signed_in else "anonymous",
    }
