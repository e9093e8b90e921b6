"""Single sign-on URLs, under /oidc/. The names are mozilla-django-oidc's own."""

from django.urls import path

from . import sso_views

urlpatterns = [
    path("authenticate/", sso_views.AuthenticateView.as_view(), name="oidc_authentication_init"),
    path("callback/", sso_views.CallbackView.as_view(), name="oidc_authentication_callback"),
]
