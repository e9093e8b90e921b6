"""The base of every API view: body size, and opening a case the way the pages do.

A case is opened only through `privacy.access.get_case_for_user` (404 for unknown and
hidden alike), and a request that opened a case writes exactly one access-log row
(`privacy.audit.log_case_access`) when it answers with success, as `case_view` does for
the pages. A refused or failed call showed no case data and writes none.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from rest_framework.generics import GenericAPIView

from cases.models import Case
from privacy.access import CaseAccess, get_case_for_user
from privacy.audit import log_case_access
from privacy.models import AccessAction

from .problems import PayloadTooLarge
from .schema import MAX_ID

# Notes and step texts are at most 5 000 characters; nothing the API accepts comes near.
MAX_BODY_BYTES = 64 * 1024


@dataclass
class OpenedCase:
    case: Case
    access: CaseAccess
    action: str
    context: str


class ApiView(GenericAPIView):
    opened: OpenedCase | None = None

    def initial(self, request, *args, **kwargs) -> None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY_BYTES:
            raise PayloadTooLarge
        # An id beyond any integer column is simply not there (SQLite would overflow).
        if int(kwargs.get("pk", 0)) > MAX_ID:
            raise Http404
        super().initial(request, *args, **kwargs)

    def open_case(
        self, pk, *, context: str, action: str = AccessAction.VIEW
    ) -> tuple[Case, CaseAccess]:
        """The case and the caller's access (Http404 when hidden); logged on success."""
        case, access = get_case_for_user(self.request.user, pk)
        self.opened = OpenedCase(case=case, access=access, action=action, context=context)
        return case, access

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.opened is not None and 200 <= response.status_code < 300:
            log_case_access(
                request,
                case=self.opened.case,
                access=self.opened.access,
                action=self.opened.action,
                context=f"api: {self.opened.context}",
            )
        return response
