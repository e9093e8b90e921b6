"""The client's IP address, as seen behind zero or more trusted reverse proxies.

Behind a proxy REMOTE_ADDR is the proxy, so django-axes would see one address for
everyone. Set TRUSTED_PROXY_COUNT to the number of proxies in front of gunicorn
(e.g. 1 for one nginx/load balancer that appends to X-Forwarded-For); the client is
then the address that many hops from the right of X-Forwarded-For. With 0 (default,
no proxy) the header is ignored, since clients can forge it.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        forwarded = [p for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p]
        if len(forwarded) >= count:
            found = _valid(forwarded[-count])
            if found:
                return found
    return _valid(remote or "") or remote
