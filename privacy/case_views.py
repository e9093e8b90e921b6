"""`case_view`: the one way a page opens a case.

Every case-scoped view (case page, notes, workflow steps, triage, participants, PDFs)
is wrapped in it, so the rules of DESIGN.md's privacy section hold by construction:

* the case is read through `get_case_for_user`: unknown and hidden cases answer 404,
  to every method;
* methods other than the ones the view declares answer 405 (HEAD included: a HEAD
  request would otherwise write a view row without anything being shown);
* exactly one access-log row is written per request that reaches the view, after it
  returned: the view may say what the request turned out to be
  (`request.case_log.action = AccessAction.CHANGE`, `request.case_log.context = …`), or
  suppress the row when it showed no case data (a redirect after a refused step).

`Cache-Control: no-store` for every page with personal data is set by
`privacy.middleware.NoStoreMiddleware`, for case pages and all others alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

from cases.models import Case

from .access import CaseAccess, get_case_for_user
from .audit import log_case_access
from .models import AccessAction


@dataclass
class CaseLog:
    """What the access-log row of this request will say; the view may adjust it."""

    action: str
    context: str
    write: bool = True
    on_behalf_of: str = ""


CaseView = Callable[..., HttpResponse]


def case_view(
    *,
    context: str,
    action: str = AccessAction.VIEW,
    methods: Iterable[str] = ("GET", "POST"),
    case_pk: Callable[..., int] | None = None,
) -> Callable[[CaseView], CaseView]:
    """Wrap `view(request, case, access, **kwargs)` as a URL view taking `pk`.

    `case_pk(**kwargs)` finds the case id when the URL names another object (an action,
    a document); it must return the owning case's id without reading anything the user
    may not see. `context` is the access-log context ("casuspagina", …).
    """
    allowed = tuple(m.upper() for m in methods)

    def decorator(view: CaseView) -> CaseView:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            pk = case_pk(**kwargs) if case_pk else kwargs.pop("pk")
            # Access first, method second: a hidden case answers 404 to every method.
            case, access = get_case_for_user(request.user, pk)
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            request.case_log = CaseLog(action=action, context=context)
            response = view(request, case, access, *args, **kwargs)
            _write_log(request, case, access)
            return response

        return wrapper

    return decorator


def _write_log(request: HttpRequest, case: Case, access: CaseAccess) -> None:
    log: CaseLog = request.case_log
    if log.write:
        log_case_access(
            request,
            case=case,
            access=access,
            action=log.action,
            context=log.context,
            on_behalf_of=log.on_behalf_of,
        )
