"""Questions with a follow-up under the chosen answer (GOV.UK "conditional reveal").

"Is de cliënt geïnformeerd?" Ja/Nee, and under "Nee" the reason, marked as required
because it is required when it applies. With script (static/js/conditional-reveal.js)
only the follow-up of the chosen answer shows; without script every follow-up shows
under its answer. The server decides either way: `ConditionalFormMixin.clean` asks for
a required follow-up of the chosen answer (a Dutch error on that field, so the error
summary links to it) and empties the follow-ups of the answers not chosen, so text
typed under an answer the user then left is never saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.forms import BoundField
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

YES, NO = "ja", "nee"
YES_LABEL, NO_LABEL = _("Ja"), _("Nee")


def _is_yes(value) -> bool:
    return value == YES


class YesNoField(forms.TypedChoiceField):
    """A required Ja/Nee question as two radios (Ja first); cleans to True or False."""

    def __init__(
        self,
        *,
        label: str | Promise,
        required_message: str | Promise,
        yes_label: str | Promise = YES_LABEL,
        no_label: str | Promise = NO_LABEL,
        **kwargs,
    ) -> None:
        super().__init__(
            label=label,
            choices=[(YES, yes_label), (NO, no_label)],
            coerce=_is_yes,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={"required": required_message, "invalid_choice": required_message},
            **kwargs,
        )

    def prepare_value(self, value):
        """A boolean initial (True from a model) shows as the matching radio."""
        if value is True:
            return YES
        if value is False:
            return NO
        return value


@dataclass(frozen=True)
class Reveal:
    """`field` is asked under answer `answer` of `question`; `message` (the error when it
    is left empty) makes it required when that answer is chosen."""

    question: str
    answer: str
    field: str
    message: str | Promise = ""


@dataclass(frozen=True)
class RevealOption:
    """One answer of a question as the template draws it: the radio (or checkbox) and the
    follow-up fields under it, in a block with id `reveal_id`."""

    choice: object  # a BoundWidget, or the BoundField of a single checkbox
    fields: list[BoundField]
    reveal_id: str


@dataclass(frozen=True)
class Question:
    """A question with its answers; `is_question` tells it from a field in `layout`."""

    is_question = True
    field: BoundField
    options: list[RevealOption]
    checkbox: bool


def _answer_of(value) -> str:
    """The cleaned value of a question as the `answer` a Reveal names."""
    if value is True:
        return YES
    if value is False:
        return NO
    return "" if value is None else str(value)


def _empty(value) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value in (None, [], ()) or (hasattr(value, "exists") and not value.exists())


def _cleared(field: forms.Field):
    """The value of `field` when nothing was entered."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return field.queryset.none()
    if isinstance(field, forms.MultipleChoiceField):
        return []
    if isinstance(field, forms.BooleanField):
        return False
    if isinstance(field, forms.CharField):
        return ""
    return None


class ConditionalFormMixin(forms.Form):
    """A form with `reveals`: the follow-up fields of some answers (see `Reveal`).

    The template draws a question with `{% include "_conditional_question.html" with
    question=form.questions.<name> %}`, or walks `form.layout` (the visible fields with
    each question in place of its field and its follow-ups left out).
    """

    reveals: tuple[Reveal, ...] = ()
    # False while the questions are not yet asked (the triage's answers step): then a
    # missing follow-up is no error yet.
    require_followups = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for reveal in self.active_reveals:
            # Read by _field.html: required when shown, so no "(niet verplicht)".
            self.fields[reveal.field].required_when_revealed = bool(reveal.message)

    @property
    def active_reveals(self) -> list[Reveal]:
        """The reveals whose fields this form still has (a form may drop a question)."""
        return [r for r in self.reveals if r.question in self.fields and r.field in self.fields]

    @property
    def questions(self) -> dict[str, Question]:
        by_question: dict[str, list[Reveal]] = {}
        for reveal in self.active_reveals:
            by_question.setdefault(reveal.question, []).append(reveal)
        questions = {}
        for name, reveals in by_question.items():
            bound = self[name]
            checkbox = isinstance(bound.field, forms.BooleanField)
            choices = [(YES, bound)] if checkbox else [(w.data["value"], w) for w in bound]
            options = [
                RevealOption(
                    choice=choice,
                    fields=[self[r.field] for r in reveals if r.answer == str(value)],
                    reveal_id=f"{bound.auto_id}-{value}-reveal",
                )
                for value, choice in choices
            ]
            questions[name] = Question(field=bound, options=options, checkbox=checkbox)
        return questions

    @property
    def layout(self) -> list[BoundField | Question]:
        questions = self.questions
        followups = {r.field for r in self.active_reveals}
        return [
            questions.get(field.name, field)
            for field in self.visible_fields()
            if field.name not in followups
        ]

    def clean(self):
        data = super().clean()
        for reveal in self.active_reveals:
            if reveal.question not in data:
                continue  # the question itself is in error: its error says enough
            chosen = _answer_of(data.get(reveal.question)) == reveal.answer
            if not chosen:
                # Hidden under an answer not chosen: never saved, and no error about it
                # (the summary would link to a field the user cannot see).
                self._errors.pop(reveal.field, None)
                data[reveal.field] = _cleared(self.fields[reveal.field])
            elif (
                self.require_followups
                and reveal.message
                and reveal.field not in self.errors
                and _empty(data.get(reveal.field))
            ):
                self.add_error(reveal.field, reveal.message)
        return data
