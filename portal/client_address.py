"""The client's address, the same for the login throttle and the contact rate limit.

Behind the production TLS proxy every request comes from the proxy's address, so all
schools would share one tally. ``PORTAL_TRUSTED_PROXY_HEADER`` names the header the
proxy writes the client's address into (``X-Forwarded-For``) and
``PORTAL_TRUSTED_PROXY_COUNT`` how many proxies append to it: the address that many
places from the right was written by our own outermost proxy. Anything left of it came
from the client and could be forged, so it is never used.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.PORTAL_TRUSTED_PROXY_HEADER
    if not header:
        return remote
    value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
    addresses = [part.strip() for part in value.split(",") if part.strip()]
    count = settings.PORTAL_TRUSTED_PROXY_COUNT
    if len(addresses) < count:
        # Not written by the proxy (a request to the app server directly).
        return remote
    return _valid(addresses[-count]) or remote
