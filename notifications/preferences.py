"""Per-user e-mail preferences: per kind at once, in the daily overview, or not at all;
and the hour of the daily overview."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import (
    DEFAULT_DIGEST_HOUR,
    Delivery,
    DigestSchedule,
    NotificationKind,
    NotificationPreference,
)


def preferences_of(user) -> tuple[dict[str, str], int]:
    """(delivery per kind, digest hour) for the user, defaults filled in: two queries."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    deliveries = {
        kind.value: chosen.get(kind.value, Delivery.IMMEDIATE) for kind in NotificationKind
    }
    hour = DigestSchedule.objects.filter(user=user).values_list("hour", flat=True).first()
    return deliveries, DEFAULT_DIGEST_HOUR if hour is None else hour


@transaction.atomic
def preferences_save(*, user, deliveries: dict[str, str], digest_hour: int) -> None:
    """Store the user's choice per kind and their digest hour (applies to notifications
    from now on)."""
    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(user=user, kind=kind, delivery=delivery)
            for kind, delivery in deliveries.items()
            if kind in NotificationKind.values and delivery in Delivery.values
        ],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["delivery"],
    )
    DigestSchedule.objects.update_or_create(user=user, defaults={"hour": digest_hour})


class PreferencesForm(forms.Form):
    digest_hour = forms.TypedChoiceField(
        label=_("Tijdstip van het dagelijkse overzicht"),
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        coerce=int,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.ChoiceField(label=kind.label, choices=Delivery.choices)

    def kind_fields(self) -> list:
        return [self[kind.value] for kind in NotificationKind]

    def deliveries(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[kind.value] for kind in NotificationKind}
