"""Refusals and errors as problem details (RFC 9457, `application/problem+json`).

The custom DRF exception handler: every error answer has `type`, `title`, `status` and
`detail` (Dutch, the same message a page shows), plus `errors` per field where a form or
serializer named them. Workflow refusals (TransitionRefused) answer 409.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from escalation.transitions import TransitionRefused

PROBLEM_TYPE = "about:blank"
CONTENT_TYPE = "application/problem+json"


def _titles() -> dict[int, str]:
    return {
        400: _("Ongeldige aanvraag"),
        401: _("Niet geauthenticeerd"),
        403: _("Geen toestemming"),
        404: _("Niet gevonden"),
        405: _("Methode niet toegestaan"),
        406: _("Niet aanvaardbaar"),
        409: _("Conflict"),
        413: _("Aanvraag te groot"),
        415: _("Niet-ondersteund mediatype"),
        429: _("Te veel aanvragen"),
    }


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "payload too large"


def problem(
    status_code: int, detail: str, *, errors: dict[str, list[str]] | None = None, headers=None
) -> Response:
    """A problem+json response."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE,
        "title": _titles().get(status_code, _("Fout")),
        "status": status_code,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, headers=headers, content_type=CONTENT_TYPE)


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as {"field.sub": [messages]}."""
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {prefix or "non_field_errors": [str(item) for item in detail]}
        out = {}
        for i, item in enumerate(detail):
            out.update(_flatten(item, f"{prefix}.{i}" if prefix else str(i)))
        return out
    return {prefix or "non_field_errors": [str(detail)]}


def _join(errors: dict[str, list[str]]) -> str:
    return " ".join(
        message if field == "non_field_errors" else f"{field}: {message}"
        for field, messages in errors.items()
        for message in messages
    )


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """The problem+json answer for `exc`; None lets a real bug through as a 500."""
    if isinstance(exc, TransitionRefused):
        return problem(409, str(exc))
    if isinstance(exc, DjangoValidationError):
        errors = (
            {
                name: [str(m) for m in DjangoValidationError(e).messages]
                for name, e in exc.error_dict.items()
            }
            if hasattr(exc, "error_dict")
            else None
        )
        return problem(400, _join(errors) if errors else " ".join(exc.messages), errors=errors)
    if isinstance(exc, DjangoPermissionDenied):
        return problem(403, str(exc) or _("U heeft hiervoor geen toestemming."))
    if isinstance(exc, Http404 | exceptions.NotFound):
        return problem(404, _("Niet gevonden, of u heeft er geen toegang toe."))
    if isinstance(exc, RequestDataTooBig | PayloadTooLarge):
        return problem(413, _("De aanvraag is te groot."))
    if isinstance(exc, exceptions.ParseError):
        return problem(400, _("De inhoud is geen geldige JSON."))
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        return problem(400, _join(errors), errors=errors)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        detail = (
            str(exc.detail)
            if isinstance(exc, exceptions.AuthenticationFailed)
            else _("Log in of stuur een API-token mee (Authorization: Bearer …).")
        )
        headers = {}
        view = context.get("view")
        request = context.get("request")
        if view is not None and request is not None:
            header = view.get_authenticate_header(request)
            if header:
                headers["WWW-Authenticate"] = header
        return problem(401, detail, headers=headers)
    if isinstance(exc, exceptions.Throttled):
        wait = exc.wait
        headers = {"Retry-After": str(int(wait))} if wait is not None else {}
        return problem(
            429, _("Te veel aanvragen met deze token; probeer het later."), headers=headers
        )
    if isinstance(exc, exceptions.PermissionDenied):
        return problem(403, _("U heeft hiervoor geen toestemming."))
    if isinstance(exc, exceptions.MethodNotAllowed):
        return problem(405, _("Deze methode is hier niet toegestaan."))
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return problem(415, _("Stuur de inhoud als application/json."))
    if isinstance(exc, exceptions.NotAcceptable):
        return problem(406, _("Deze API antwoordt alleen in JSON."))
    if isinstance(exc, exceptions.APIException):
        return problem(exc.status_code, str(exc.detail))
    return None
