"""The convenant matrix: the privacy officer's edits and re-applying them to open cases.

A change of one cell is logged as a `SharingRuleChange` (who, when, old → new) and then
applied to the grants of every open case by `resync_open_cases`, in batches that each
take a fixed number of queries, whatever the batch size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from cases.categories import Category, view_codename
from cases.models import Case
from organisations.models import Organisation, OrganisationKind
from organisations.roles import actor_of
from privacy.grants import counted_participations, desired_grants, sharing_matrix

from .grants import case_permission_ids
from .models import (
    CaseGroupObjectPermission,
    CaseParticipation,
    CaseUserObjectPermission,
    SharingParty,
    SharingRule,
    SharingRuleChange,
)

RESYNC_BATCH = 500


def matrix_rows(region_id: int | None = None) -> list[tuple[str, str, list[tuple[str, bool]]]]:
    """(party, label, [(category, allowed), …]) of the region's matrix, in the order of
    DESIGN.md's table."""
    allowed = sharing_matrix(region_id)
    return [
        (party, label, [(cat, cat in allowed.get(party, frozenset())) for cat in Category.values])
        for party, label in SharingParty.choices
    ]


class StaleMatrix(ValidationError):
    """The matrix changed between preparing a change and confirming it."""


def matrix_version(region_id: int | None) -> str:
    """A short fingerprint of the region's allowed cells: a confirmation carries the
    version it was prepared on, so a change made meanwhile is not silently overwritten."""
    allowed = sharing_matrix(region_id)
    cells = sorted(f"{party}:{cat}" for party, cats in allowed.items() for cat in cats)
    return hashlib.sha256(",".join(cells).encode()).hexdigest()[:16]


def validate_cells(cells: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The wanted cells as a set; ValidationError (Dutch) for an unknown cell or a
    matrix without the owner's basis cell."""
    wanted = set(cells)
    for party, category in wanted:
        if party not in SharingParty.values or category not in Category.values:
            raise ValidationError(_("Onbekende cel in de matrix."))
    if (SharingParty.OWNER, Category.BASIS) not in wanted:
        # Without basis the owning wijkteam would lose its own cases.
        raise ValidationError(_("Het eigen wijkteam moet de basisgegevens altijd kunnen zien."))
    return wanted


def officer_region_id(user) -> int:
    """The region whose convenant this user may change; PermissionDenied for anyone but
    a privacy officer with a region."""
    actor = actor_of(user)
    if not actor.is_privacy_officer or actor.region_id is None:
        raise PermissionDenied(_("Alleen de privacyfunctionaris kan het convenant wijzigen."))
    return actor.region_id


@transaction.atomic
def sharing_rules_set(
    *,
    user,
    cells: Iterable[tuple[str, str]],
    decision_reference: str,
    reason: str = "",
    expected_version: str | None = None,
) -> list[SharingRuleChange]:
    """Make exactly `cells` (party, category) allowed in the privacy officer's own
    region's matrix; every other cell of it not allowed.

    `decision_reference` names the decision the change rests on and is required.
    With `expected_version` (from `matrix_version` when the change was prepared) a matrix
    changed meanwhile raises `StaleMatrix` and nothing is saved.

    Returns the changes made (one `SharingRuleChange` per changed cell). A revoked cell
    takes effect in this transaction (`revoke_cell`): nobody keeps reading a category the
    convenant no longer allows because a worker is stopped or behind. New grants follow
    when the caller queues `privacy.tasks.resync_open_cases` (after commit).
    """
    region_id = officer_region_id(user)
    wanted = validate_cells(cells)
    decision_reference = " ".join(decision_reference.split())
    if len(decision_reference) < 3:
        raise ValidationError(
            _(
                "Vul het kenmerk van het besluit in waarop de wijziging berust, "
                "bijvoorbeeld “besluit stuurgroep 12-11-2026”."
            )
        )
    changes = []
    current = {
        (rule.party, rule.category): rule
        for rule in SharingRule.objects.select_for_update().filter(region_id=region_id)
    }
    # Compared after the rows are locked, so two officers cannot both pass the check.
    if expected_version is not None and expected_version != matrix_version(region_id):
        raise StaleMatrix(
            _(
                "De convenantmatrix is gewijzigd nadat u deze wijziging voorbereidde. "
                "Er is niets opgeslagen. Bekijk de huidige stand en breng uw wijziging "
                "opnieuw aan."
            )
        )
    for party in SharingParty.values:
        for category in Category.values:
            new = (party, category) in wanted
            rule = current.get((party, category))
            old = rule.allowed if rule else False
            if old == new:
                continue
            if rule is None:
                SharingRule.objects.create(
                    region_id=region_id, party=party, category=category, allowed=new
                )
            else:
                rule.allowed = new
                rule.save(update_fields=["allowed", "updated_at"])
            changes.append(
                SharingRuleChange(
                    region_id=region_id,
                    party=party,
                    category=category,
                    old_allowed=old,
                    new_allowed=new,
                    changed_by=user,
                    reason=reason.strip(),
                    decision_reference=decision_reference,
                )
            )
    SharingRuleChange.objects.bulk_create(changes)
    for change in changes:
        if not change.new_allowed:
            revoke_cell(party=change.party, category=change.category, region_id=region_id)
    return changes


def _groups_of_party(party: str):
    """Filter on `CaseGroupObjectPermission` rows whose group holds its grant as `party`."""
    if party == SharingParty.OWNER:
        # The owner row covers the owning team and, during afschaling, the receiving team.
        return Q(group_id=F("content_object__owning_team__group_id")) | Q(
            group_id=F("content_object__receiving_team__group_id")
        )
    # The ZVH row and each partner kind's row are the only source of their groups' grants.
    return Q(group__organisation__kind=party)


def revoke_cell(*, party: str, category: str, region_id: int | None) -> int:
    """Withdraw, at once, every grant of `category` on the region's cases that only
    `party`'s cell of the region's matrix gave.

    One DELETE on the group grants (and one on break-the-glass grants of that party's
    members); returns the number of group grants removed. The manager row is a cap applied
    at read time (`privacy.access.role_cap`), so it needs no revoking here. Other
    regions' cases follow their own matrix and keep their grants.
    """
    if party == SharingParty.MANAGER:
        return 0
    permission = Permission.objects.get(
        content_type__app_label="cases", codename=view_codename(category)
    )
    removed, _per_model = CaseGroupObjectPermission.objects.filter(
        _groups_of_party(party), permission=permission, content_object__region_id=region_id
    ).delete()
    if party != SharingParty.OWNER:
        CaseUserObjectPermission.objects.filter(
            permission=permission,
            content_object__region_id=region_id,
            user__membership__organisation__kind=party,
        ).delete()
    return removed


def resync_cases(
    case_ids: list[int], *, matrices: dict[int | None, dict[str, frozenset[str]]] | None = None
) -> int:
    """Recompute the group grants of these cases in a fixed number of queries.

    Same rules as `sync_case_access` (it calls the same `desired_grants`), but the
    participants and existing grants of the whole batch are read at once, and the matrix
    and ZVH groups once per region. `matrices` (region id → matrix) may be passed to
    share them between batches. Returns the number of grant rows added or removed.
    """
    if not case_ids:
        return 0
    matrices = matrices if matrices is not None else {}
    perm_ids = case_permission_ids()
    zvh_groups: dict[int | None, list[int]] = {}
    for group_id, region_id in Organisation.objects.filter(kind=OrganisationKind.ZVH).values_list(
        "group_id", "region_id"
    ):
        zvh_groups.setdefault(region_id, []).append(group_id)
    participants: dict[int, list[tuple[int, str]]] = {}
    for case_id, group_id, kind in counted_participations(
        CaseParticipation.objects.filter(case_id__in=case_ids)
    ).values_list("case_id", "organisation__group_id", "organisation__kind"):
        participants.setdefault(case_id, []).append((group_id, kind))
    wanted: set[tuple[int, int, int]] = set()
    for case in Case.objects.filter(pk__in=case_ids).select_related(
        "owning_team", "receiving_team"
    ):
        if case.region_id not in matrices:
            matrices[case.region_id] = sharing_matrix(case.region_id)
        grants = desired_grants(
            case,
            matrix=matrices[case.region_id],
            zvh_group_ids=zvh_groups.get(case.region_id, []),
            participants=participants.get(case.pk, []),
        )
        wanted.update(
            (case.pk, group_id, perm_ids[codename])
            for group_id, codenames in grants.items()
            for codename in codenames
        )
    existing = {
        (case_id, group_id, perm_id): row_id
        for row_id, case_id, group_id, perm_id in CaseGroupObjectPermission.objects.filter(
            content_object_id__in=case_ids
        ).values_list("id", "content_object_id", "group_id", "permission_id")
    }
    stale = [row_id for key, row_id in existing.items() if key not in wanted]
    with transaction.atomic():
        if stale:
            CaseGroupObjectPermission.objects.filter(id__in=stale).delete()
        missing = wanted - existing.keys()
        CaseGroupObjectPermission.objects.bulk_create(
            [
                CaseGroupObjectPermission(content_object_id=c, group_id=g, permission_id=p)
                for c, g, p in missing
            ],
            batch_size=1000,
        )
    return len(stale) + len(missing)


def resync_all_open_cases(*, batch_size: int = RESYNC_BATCH) -> int:
    """Apply the current matrices to every open case, batch by batch (keyset on id)."""
    matrices: dict[int | None, dict[str, frozenset[str]]] = {}
    changed = 0
    last_id = 0
    open_cases = Case.objects.open().order_by("pk")
    while True:
        ids = list(open_cases.filter(pk__gt=last_id).values_list("pk", flat=True)[:batch_size])
        if not ids:
            return changed
        changed += resync_cases(ids, matrices=matrices)
        last_id = ids[-1]
