"""What a user may do: memberships added and ended, the account (de)activated.

Each change shows a confirmation (check-your-answers) page before it is saved; see
beheer/views_users.py for the `stap` convention.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.models import Membership, Role

from . import users as service
from .permissions import require_beheer
from .user_forms import MembershipForm, ReactivateForm
from .views_users import get_user, step


def _refused(request: HttpRequest, user, exc: service.Refused) -> HttpResponse:
    messages.error(request, str(exc))
    return redirect("beheer:user_detail", pk=user.pk)


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    require_beheer(request)
    user = get_user(pk)
    form = MembershipForm(request.POST or None)
    if step(request) and form.is_valid() and step(request) != "wijzigen":
        data = form.cleaned_data
        if step(request) == "controleren":
            role = Role(data["role"]).label
            context = {"form": form, "account": user, "role_label": role}
            return render(request, "beheer/users/membership_check.html", context)
        try:
            service.user_membership_add(by=request.user, user=user, **data)
        except service.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het lidmaatschap is toegevoegd."))
            return redirect("beheer:user_detail", pk=user.pk)
    if step(request) == "wijzigen":
        form = MembershipForm(initial=form.data.dict())
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "account": user}
    return render(request, "beheer/users/membership_add.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    require_beheer(request)
    user = get_user(pk)
    membership = get_object_or_404(
        Membership.objects.select_related("organisation", "user"), pk=membership_pk, user=user
    )
    if request.method == "POST":
        try:
            service.user_membership_end(by=request.user, membership=membership)
        except service.Refused as exc:
            return _refused(request, user, exc)
        messages.success(request, _("Het lidmaatschap is beëindigd."))
        return redirect("beheer:user_detail", pk=user.pk)
    context = {"account": user, "membership": membership}
    return render(request, "beheer/users/membership_end.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    require_beheer(request)
    user = get_user(pk)
    if request.method == "POST":
        try:
            service.user_deactivate(by=request.user, user=user)
        except service.Refused as exc:
            return _refused(request, user, exc)
        messages.success(
            request,
            _("%(name)s is gedeactiveerd en overal uitgelogd.")
            % {"name": service.user_label(user)},
        )
        return redirect("beheer:user_detail", pk=user.pk)
    context = {"account": user, "is_self": user.pk == request.user.pk}
    return render(request, "beheer/users/deactivate.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    require_beheer(request)
    user = get_user(pk)
    ended, ticked = service.restorable_memberships(user)
    queryset = Membership.objects.filter(pk__in=[m.pk for m in ended]).select_related(
        "organisation"
    )
    form = ReactivateForm(request.POST or None, ended=queryset, initial={"memberships": ticked})
    if step(request) and form.is_valid() and step(request) != "wijzigen":
        chosen = list(form.cleaned_data["memberships"])
        if step(request) == "controleren":
            context = {"form": form, "account": user, "chosen": chosen}
            return render(request, "beheer/users/reactivate_check.html", context)
        try:
            service.user_reactivate(by=request.user, user=user, memberships=chosen)
        except service.Refused as exc:
            return _refused(request, user, exc)
        messages.success(
            request,
            _("%(name)s is weer actief en krijgt een link om een wachtwoord in te stellen.")
            % {"name": service.user_label(user)},
        )
        return redirect("beheer:user_detail", pk=user.pk)
    if step(request) == "wijzigen":
        form = ReactivateForm(
            ended=queryset, initial={"memberships": form.data.getlist("memberships")}
        )
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "account": user}
    return render(request, "beheer/users/reactivate.html", context, status=status)
