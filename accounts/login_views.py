"""The login page: local password login (unless switched off) and the SSO button."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from .forms import LoginForm
from .oidc import sso_enabled

logger = logging.getLogger("schakel.sso")


class LoginView(auth_views.LoginView):
    """Django's LoginView; with LOCAL_LOGIN_ENABLED=false only the SSO button remains."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            local_login_enabled=settings.LOCAL_LOGIN_ENABLED,
            sso_enabled=sso_enabled(),
            sso_provider_name=settings.OIDC_PROVIDER_NAME,
        )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.LOCAL_LOGIN_ENABLED:
            logger.warning("Local password login refused: LOCAL_LOGIN_ENABLED is false")
            context = self.get_context_data(form=self.get_form_class()(request), refused=True)
            return self.render_to_response(context, status=403)
        return super().post(request, *args, **kwargs)
