"""What every page's header needs: the current organisation, the others, display preferences."""

from functools import partial

from portal.access import can_register_organisation, can_use_console, current_organisation, my_organisations
from portal.home import NAVIGATION
from portal.preferences import TextSize, text_size


def site_shell(request):
    # Error pages raised before AuthenticationMiddleware ran (a 400 for an unknown Host) have
    # no request.user: they show the shell without organisations.
    signed_in = hasattr(request, "user")
    navigation = [
        {"label": item.label, "url": item.url, "active": bool(item.url) and request.path.startswith(item.url)}
        for item in NAVIGATION
    ]
    return {
        "current_organisation": current_organisation(request) if signed_in else None,
        "my_organisations": my_organisations(request) if signed_in else [],
        # Called only where the header asks (the template calls them): a permission check costs
        # staff a query or two, and nothing for anyone else.
        "can_use_console": partial(can_use_console, request.user) if signed_in else False,
        "can_register_organisation": partial(can_register_organisation, request.user) if signed_in else False,
        "text_size": text_size(request),
        "text_sizes": TextSize,
        "navigation": navigation,
        # What the main menu's kept copy varies on (templates/includes/header.html).
        "navigation_key": "".join("1" if item["active"] else "0" for item in navigation),
    }
