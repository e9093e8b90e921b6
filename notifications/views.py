"""Meldingen: the user's own reminders (list, mark read, mark all read)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .models import Reminder
from .selectors import reminders_for
from .services import reminder_mark_read, reminders_mark_all_read

PAGE_SIZE = 50


@login_required
def reminder_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(reminders_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


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
