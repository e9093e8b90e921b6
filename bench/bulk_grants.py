"""Case grants for bulk-seeded cases in one INSERT … SELECT, and a check on a sample
that they are exactly what `privacy.grants.sync_case_access` writes.

The SQL follows `desired_grants` branch by branch (owner, receiving team, the region's
ZVH in the ZVH phases, counted participations of partners) with each party's permissions
taken from the region's convenant matrix. The advice window is left out: generated cases
never have one (`advice_access_until` is NULL).
"""

from __future__ import annotations

import random

from common import figure

GRANTS_SQL = """
INSERT INTO privacy_casegroupobjectpermission (content_object_id, group_id, permission_id)
SELECT c.id, t.group_id, p.permission_id
  FROM cases_case c
  JOIN privacy_organisation t ON t.id = c.owning_team_id
  JOIN bench_party_perms p ON p.region_id = c.region_id AND p.party = 'owner'
 WHERE c.id >= %(first)s AND c.phase <> 'gesloten'
UNION ALL
SELECT c.id, t.group_id, p.permission_id
  FROM cases_case c
  JOIN privacy_organisation t ON t.id = c.receiving_team_id
  JOIN bench_party_perms p ON p.region_id = c.region_id AND p.party = 'owner'
 WHERE c.id >= %(first)s AND c.phase = 'afschaling' AND c.receiving_team_id <> c.owning_team_id
UNION ALL
SELECT c.id, z.group_id, p.permission_id
  FROM cases_case c
  JOIN privacy_organisation z ON z.kind = 'zvh' AND z.region_id = c.region_id
  JOIN bench_party_perms p ON p.region_id = c.region_id AND p.party = 'zvh'
 WHERE c.id >= %(first)s AND c.phase = ANY(%(zvh_phases)s)
UNION ALL
SELECT c.id, o.group_id, p.permission_id
  FROM privacy_caseparticipation cp
  JOIN cases_case c ON c.id = cp.case_id
  JOIN privacy_organisation o ON o.id = cp.organisation_id
  JOIN bench_party_perms p ON p.region_id = c.region_id AND p.party = o.kind
 WHERE c.id >= %(first)s AND cp.removed_at IS NULL AND c.phase = ANY(%(partner_phases)s)
   AND o.kind NOT IN ('wijkteam', 'zvh')
   AND (c.phase <> 'wijkteam' OR cp.added_at >= c.phase_changed_at)
"""


def insert_grants(first_case_id: int) -> int:
    """Grant rows for every case with id >= `first_case_id`; returns rows inserted."""
    from django.db import connection

    from cases.categories import view_codename
    from organisations.models import Region
    from privacy.grants import case_permission_ids, sharing_matrix
    from privacy.rules import CHANGE_CODENAME, PARTNER_PHASES, ZVH_PHASES

    perm_ids = case_permission_ids()
    rows = []
    for region_id in Region.objects.values_list("pk", flat=True):
        for party, categories in sharing_matrix(region_id).items():
            if categories:  # desired_grants adds the change permission only with a view
                codenames = {view_codename(c) for c in categories} | {CHANGE_CODENAME}
                rows += [(region_id, party, perm_ids[c]) for c in codenames]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_party_perms "
            "(region_id bigint, party text, permission_id int) ON COMMIT DROP"
        )
        cursor.executemany("INSERT INTO bench_party_perms VALUES (%s, %s, %s)", rows)
        cursor.execute(
            GRANTS_SQL,
            {
                "first": first_case_id,
                "zvh_phases": sorted(ZVH_PHASES),
                "partner_phases": sorted(PARTNER_PHASES),
            },
        )
        return cursor.rowcount


class _Rollback(Exception):
    pass


def verify_sample(size: int = 300, seed: int = 3) -> bool:
    """Re-sync a sample of cases (every phase) with `sync_case_access` inside a rolled
    back transaction; the grant rows, and what the access layer shows each demo user,
    must not change. Prints one figure; returns whether it held."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from cases.models import Case
    from privacy.access import visible_cases
    from privacy.grants import sync_case_access
    from privacy.models import CaseGroupObjectPermission

    rng = random.Random(seed)
    phases = Case.objects.order_by().values_list("phase", flat=True).distinct()
    sample = []
    for phase in phases:
        top = Case.objects.filter(phase=phase).order_by("-pk").values_list("pk", flat=True)
        ids = list(top[:5000])
        sample += rng.sample(ids, min(len(ids), size // max(len(phases), 1)))
    users = list(
        get_user_model().objects.filter(
            username__in=["wijkteam", "wijkteam2", "regisseur", "politie", "ggz", "wijkteam-oost"]
        )
    )

    def snapshot():
        grants = set(
            CaseGroupObjectPermission.objects.filter(content_object_id__in=sample).values_list(
                "content_object_id", "group_id", "permission_id"
            )
        )
        seen = {
            u.username: set(visible_cases(u).filter(pk__in=sample).values_list("pk", flat=True))
            for u in users
        }
        return grants, seen

    differ: set[int] = set()
    try:
        with transaction.atomic():
            before_grants, before_seen = snapshot()
            for case in Case.objects.filter(pk__in=sample).select_related(
                "owning_team", "receiving_team"
            ):
                sync_case_access(case)
            after_grants, after_seen = snapshot()
            differ = {row[0] for row in before_grants ^ after_grants}
            for username, seen in before_seen.items():
                differ |= seen ^ after_seen[username]
            raise _Rollback
    except _Rollback:
        pass
    return figure(
        "bulk grants = sync_case_access (sampled cases that differ)",
        f"{len(differ)} of {len(sample)}",
        "0",
        not differ,
    )
