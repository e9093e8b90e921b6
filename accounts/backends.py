from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class AxesLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come in over HTTP.

    Every web login passes the request, so the lockout applies there. `authenticate()`
    without a request only comes from trusted code (tests' `Client.login`, shell), which
    axes would otherwise refuse with an exception; those calls skip the lockout check.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
