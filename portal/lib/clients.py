"""Who is asking: the client's address, also behind reverse proxies.

Behind nginx or a load balancer every request comes from the proxy's address, so rate
limits, lockouts and the audit log would lump everyone together. X-Forwarded-For is
believed only when the request comes from a proxy listed in TRUSTED_PROXIES (addresses or
networks): the header is then walked from the right, skipping our own proxies, and the
first address that is not one of them is the client. Whatever a client writes further
left is never reached; a client talking to the app port directly is judged by its own
address, whatever header it sends.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(_address(remote or ""), networks):
        return remote
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:  # garbage where an address should be: keep the last hop we trust
            break
        client = str(address)
        if not _trusted(address, networks):
            break
    return client
