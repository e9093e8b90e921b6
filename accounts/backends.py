from __future__ import annotations

import logging

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.exceptions import PermissionDenied

logger = logging.getLogger("schakel.sso")


class AxesLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come in over HTTP.

    Every web login passes the request, so the lockout applies there. `authenticate()`
    without a request only comes from trusted code (tests' `Client.login`, shell), which
    axes would otherwise refuse with an exception; those calls skip the lockout check.
    With LOCAL_LOGIN_ENABLED=false every password login over HTTP stops here, the
    admin's login form included, not only the login page.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        if password is not None and not settings.LOCAL_LOGIN_ENABLED:
            logger.warning("Password login over HTTP refused: LOCAL_LOGIN_ENABLED is false")
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)
