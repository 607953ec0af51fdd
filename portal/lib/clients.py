"""Who is asking: the client's address, also behind reverse proxies.

Behind nginx or a load balancer every request comes from the proxy's address, so rate
limits, lockouts and the audit log would lump everyone together. With
TRUSTED_PROXY_COUNT=N (the number of proxies in front of the app, each appending to
X-Forwarded-For), the address is the one the outermost trusted proxy saw. Addresses
further left in the header were written by the client and are ignored: they can be forged.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
