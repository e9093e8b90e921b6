"""Workflow steps as API actions: `POST /api/v1/cases/{id}/{step}/` for every step of
`escalation.steps` with a page, through the same form, guard and service as that page.

The JSON body holds the form's fields plus `expected_phase` (the phase the caller last
saw; a case that moved on refuses the step). JSON values are turned into the form's
data, so the form's own validation and Dutch messages apply unchanged.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from cases.models import Case
from cases.phases import Phase
from escalation.steps import STEPS, Step
from escalation.transitions import guard
from escalation.views import service_of
from privacy.models import AccessAction

from . import serializers as s
from .base import ApiView

# The hidden field of every workflow form; the API calls it by its meaning.
PHASE_FIELD = "phase"
EXPECTED_PHASE = "expected_phase"


def _field_schema(field: forms.Field) -> dict[str, Any]:
    if isinstance(field, forms.BooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {"type": "array", "items": {"type": "integer"}}
    if isinstance(field, forms.ModelChoiceField):
        return {"type": "integer"}
    if isinstance(field, forms.MultipleChoiceField):
        return {"type": "array", "items": {"type": "string"}}
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, forms.ChoiceField):
        values = [str(value) for value, _label in field.choices if value != ""]
        return {"type": "string", "enum": values} if values else {"type": "string"}
    schema: dict[str, Any] = {"type": "string"}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema


def body_schema(step: Step) -> dict[str, Any]:
    """The JSON schema of a step's body, from its form."""
    fields = {n: f for n, f in step.form.base_fields.items() if n != PHASE_FIELD}
    properties = {EXPECTED_PHASE: {"type": "string", "enum": list(Phase.values)}}
    properties.update({name: _field_schema(field) for name, field in fields.items()})
    required = [EXPECTED_PHASE, *(n for n, f in fields.items() if f.required)]
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _wrong_type(name: str) -> ValidationError:
    return ValidationError({name: _("Verkeerd type voor dit veld.")})


def form_data(step: Step, body: Any) -> QueryDict:
    """The JSON body as the form's POST data; ValidationError (with the field) for an
    unknown field or a value of the wrong type."""
    if not isinstance(body, dict):
        raise ValidationError(_("Stuur een JSON-object."))
    fields = step.form.base_fields
    unknown = sorted(
        k for k in body if k == PHASE_FIELD or (k not in fields and k != EXPECTED_PHASE)
    )
    if unknown:
        raise ValidationError({name: _("Onbekend veld.") for name in unknown})
    data = QueryDict(mutable=True)
    for name, value in body.items():
        if name == EXPECTED_PHASE:
            if not isinstance(value, str):
                raise _wrong_type(name)
            data[PHASE_FIELD] = value
            continue
        field = fields[name]
        if value is None:
            continue
        if isinstance(field, forms.BooleanField):
            if not isinstance(value, bool):
                raise _wrong_type(name)
            data[name] = "true" if value else "false"
        elif isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            if not isinstance(value, list) or not all(
                isinstance(v, str | int) and not isinstance(v, bool) for v in value
            ):
                raise _wrong_type(name)
            data.setlist(name, [str(v) for v in value])
        elif isinstance(field, forms.ModelChoiceField):
            if type(value) is not int:
                raise _wrong_type(name)
            data[name] = str(value)
        else:
            if not isinstance(value, str):
                raise _wrong_type(name)
            data[name] = value
    return data


class StepView(ApiView):
    step: Step

    def post(self, request, pk: int):
        case, access = self.open_case(pk, context=f"workflow:{self.step.name}")
        data = form_data(self.step, request.data)
        if PHASE_FIELD not in data:
            raise ValidationError({EXPECTED_PHASE: _("Dit veld is verplicht.")})
        if data[PHASE_FIELD] not in Phase.values:
            raise ValidationError({EXPECTED_PHASE: _("Onbekende fase.")})
        guard(request.user, case, self.step.name, expected_phase=data[PHASE_FIELD])
        form = self.step.form(data, case=case, user=request.user, initial=self.step.initial(case))
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        service_of(self.step)(user=request.user, case=case, **form.service_kwargs())
        self.opened.action = AccessAction.CHANGE
        phase = Case.objects.filter(pk=case.pk).values_list("phase", flat=True).get()
        return Response({"id": case.pk, "phase": phase, "step": self.step.name})


def step_view(step: Step) -> type[StepView]:
    """A view class for one step, with its own operation in the schema."""

    def post(self, request, pk: int):
        return StepView.post(self, request, pk)

    post = extend_schema(
        operation_id=f"cases_step_{step.name}",
        summary=str(step.title),
        description=_("Neem de stap ‘%(step)s’ (alleen in de fasen waarin dat kan).")
        % {"step": step.label},
        request={"application/json": body_schema(step)},
        responses={200: s.StepResultSerializer},
        tags=["workflow"],
    )(post)
    return type(f"Step_{step.name}", (StepView,), {"step": step, "post": post})


STEP_VIEWS: dict[str, type[StepView]] = {
    step.name: step_view(step) for step in STEPS if step.url_name and step.form is not None
}
