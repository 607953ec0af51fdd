"""What every page's header needs: the current organisation, the others, display preferences."""

from portal.access import current_organisation, my_organisations
from portal.home import NAVIGATION
from portal.preferences import TextSize, text_size


def site_shell(request):
    return {
        "current_organisation": current_organisation(request),
        "my_organisations": my_organisations(request),
        "text_size": text_size(request),
        "text_sizes": TextSize,
        "navigation": [
            {
                "label": item.label,
                "url": item.url,
                "active": bool(item.url) and request.path.startswith(item.url),
            }
            for item in NAVIGATION
        ],
    }
