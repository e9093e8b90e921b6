"""The user pages of functioneel beheer: list, detail, invite, edit, new invitation.

Forms that change something go through check-your-answers: the form posts
`stap=controleren`, the summary page posts the same values back hidden with
`stap=opslaan` (or `stap=wijzigen` to return to the form), and only then is it saved,
after validating again.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import users as service
from .permissions import require_beheer
from .user_forms import InviteForm, NameEmailForm, UserFilterForm
from .user_selectors import user_detail_queryset, user_list, user_trail

PAGE_SIZE = 25


def step(request: HttpRequest) -> str:
    """ "controleren", "wijzigen" or "opslaan" (the check-your-answers step posted)."""
    return request.POST.get("stap", "controleren") if request.method == "POST" else ""


def get_user(pk: int):
    return get_object_or_404(user_detail_queryset(), pk=pk)


@login_required
def users(request: HttpRequest) -> HttpResponse:
    require_beheer(request)
    form = UserFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = user_list(
        query=filters.get("q", ""),
        organisation=filters.get("organisatie"),
        status=filters.get("status", ""),
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "beheer/users/list.html", {"form": form, "page": page})


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_beheer(request)
    user = get_user(pk)
    return render(
        request,
        "beheer/users/detail.html",
        {
            "account": user,
            "trail": user_trail(user),
            "invitation_pending": service.invitation_pending(user),
            "is_self": user.pk == request.user.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_invite(request: HttpRequest) -> HttpResponse:
    require_beheer(request)
    form = InviteForm(request.POST or None)
    if step(request) and form.is_valid() and step(request) != "wijzigen":
        if step(request) == "controleren":
            return render(request, "beheer/users/invite_check.html", {"form": form})
        try:
            user = service.user_invite(
                by=request.user, invitation=service.Invitation(**form.cleaned_data)
            )
        except service.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s is uitgenodigd. De uitnodiging is gemaild naar %(email)s.")
                % {"name": service.user_label(user), "email": user.email},
            )
            return redirect("beheer:user_detail", pk=user.pk)
    if step(request) == "wijzigen":
        form = InviteForm(initial=form.data.dict())
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "beheer/users/invite.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_beheer(request)
    user = get_user(pk)
    current = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
    form = NameEmailForm(request.POST or None, initial=current)
    if step(request) and form.is_valid() and step(request) != "wijzigen":
        if not form.has_changed():
            messages.info(request, _("Er is niets gewijzigd."))
            return redirect("beheer:user_detail", pk=user.pk)
        if step(request) == "controleren":
            rows = [
                (form[name].label, current[name], form.cleaned_data[name])
                for name in form.changed_data
            ]
            context = {"form": form, "account": user, "rows": rows}
            return render(request, "beheer/users/edit_check.html", context)
        try:
            service.user_change(by=request.user, user=user, **form.cleaned_data)
        except service.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De gegevens zijn gewijzigd."))
            return redirect("beheer:user_detail", pk=user.pk)
    if step(request) == "wijzigen":
        form = NameEmailForm(initial=form.data.dict())
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "account": user}
    return render(request, "beheer/users/edit.html", context, status=status)


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    require_beheer(request)
    user = get_user(pk)
    try:
        service.invitation_resend(by=request.user, user=user)
    except service.Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Er is een nieuwe uitnodiging gemaild naar %(email)s; "
                "de vorige link werkt niet meer."
            )
            % {"email": user.email},
        )
    return redirect("beheer:user_detail", pk=user.pk)
