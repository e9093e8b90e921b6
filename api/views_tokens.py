"""Pages where a user creates and revokes their own API tokens (/api/tokens/)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import TokenForm
from .models import ApiToken
from .tokens import token_create, token_revoke, tokens_for


def _is_verified(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """GET: the user's tokens and a form; POST: create one and show its secret once."""
    form = TokenForm(request.POST or None)
    secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, secret = token_create(
                    user=request.user, verified=_is_verified(request), **form.cleaned_data
                )
            except PermissionDenied as exc:
                raise PermissionDenied(str(exc)) from exc
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                form = TokenForm()
        else:
            status = 400
    context = {
        "form": form,
        "forms_with_errors": [form] if form.is_bound and form.errors else [],
        "secret": secret,
        "tokens": tokens_for(request.user),
    }
    # The secret is rendered in this response only: never in the session or a message.
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        token_revoke(user=request.user, token_id=pk)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("De token is ingetrokken; hij werkt niet meer."))
    return redirect("api:tokens")
