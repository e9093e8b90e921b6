"""Meldingen: the user's own notifications and reminders (list, open, mark read), and
their e-mail preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .models import Notification, Reminder
from .preferences import PreferencesForm, preferences_of, preferences_save
from .selectors import notifications_for, reminders_for
from .services import notification_mark_read, reminder_mark_read, reminders_mark_all_read

PAGE_SIZE = 50
NOTIFICATIONS_SHOWN = 20


@login_required
def reminder_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(reminders_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    notifications = notifications_for(request.user)[:NOTIFICATIONS_SHOWN]
    return render(
        request, "notifications/list.html", {"page": page, "notifications": notifications}
    )


def _back(request: HttpRequest) -> HttpResponse:
    page = request.POST.get("page", "")
    url = redirect("notifications:list").url
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


@login_required
@require_POST
def reminder_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        reminder_mark_read(user=request.user, reminder_id=pk)
    except Reminder.DoesNotExist:
        # Someone else's reminder looks exactly like a missing one.
        raise Http404 from None
    messages.success(request, _("De melding is als gelezen gemarkeerd."))
    return _back(request)


@login_required
@require_POST
def reminder_read_all(request: HttpRequest) -> HttpResponse:
    changed = reminders_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(n)d melding als gelezen gemarkeerd.",
            "%(n)d meldingen als gelezen gemarkeerd.",
            changed,
        )
        % {"n": changed},
    )
    return _back(request)


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go to its case page, which checks access itself."""
    try:
        notification = notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    return redirect("cases:detail", notification.case_id)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        notification_mark_read(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("De melding is als gelezen gemarkeerd."))
    return _back(request)


@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    deliveries, hour = preferences_of(request.user)
    form = PreferencesForm(request.POST or None, initial={**deliveries, "digest_hour": hour})
    if request.method == "POST" and form.is_valid():
        preferences_save(
            user=request.user,
            deliveries=form.deliveries(),
            digest_hour=form.cleaned_data["digest_hour"],
        )
        messages.success(request, _("Uw voorkeuren voor meldingen zijn opgeslagen."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "forms_with_errors": [form] if form.errors else []},
    )
