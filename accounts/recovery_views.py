"""Pages a user reaches without (full) login: the one-time link and "wachtwoord vergeten"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import ForgotPasswordForm
from .links import link_lookup, link_use
from .recovery import password_forgotten


@require_http_methods(["GET", "POST"])
def link(request: HttpRequest, token: str) -> HttpResponse:
    """Use a one-time link: set a new password and/or go on to enrol 2FA.

    GET only shows the form (mail scanners open links); POST uses the link up.
    """
    account_link = link_lookup(token)
    if account_link is None:
        return render(request, "accounts/link_invalid.html", status=410)
    if request.user.is_authenticated and request.user.pk != account_link.user_id:
        return render(request, "accounts/link_other_account.html", status=403)
    form = SetPasswordForm(account_link.user, request.POST or None)
    if request.method == "POST":
        if account_link.sets_password and not form.is_valid():
            return render(
                request, "accounts/link.html", {"link": account_link, "form": form}, status=400
            )
        if request.user.is_authenticated:
            # A fresh session: the grant below must not ride on a session that setting
            # the password is about to end everywhere.
            logout(request)
        password = form.cleaned_data["new_password1"] if account_link.sets_password else None
        if not link_use(link=account_link, session=request.session, new_password=password):
            return render(request, "accounts/link_invalid.html", status=410)
        if account_link.enrols_two_factor:
            messages.success(
                request,
                _("Log in om nu uw authenticator-app te koppelen."),
            )
        else:
            messages.success(request, _("Uw nieuwe wachtwoord is ingesteld. U kunt nu inloggen."))
        return redirect("login")
    return render(request, "accounts/link.html", {"link": account_link, "form": form})


@require_http_methods(["GET", "POST"])
def forgot_password(request: HttpRequest) -> HttpResponse:
    """Ask for a password link; the answer is the same whether the account exists or not."""
    form = ForgotPasswordForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "accounts/forgot_password.html", {"form": form}, status=400)
        password_forgotten(username=form.cleaned_data["username"])
        return render(request, "accounts/forgot_password_sent.html")
    return render(request, "accounts/forgot_password.html", {"form": form})
