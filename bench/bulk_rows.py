"""The row streams of bench/bulk_seed.py: one block of cases with everything that hangs
off them, written table by table with COPY."""

from __future__ import annotations

import random
from datetime import timedelta

from bulk_seed import DEMO_NOTIFICATIONS, DEMO_SHARE, PARTNERS, TEAMS, moment, postcode
from common import copy_rows

CASE_COLUMNS = (
    "id", "reference", "year", "number", "title", "phase", "registered_at", "last_activity_at",
    "phase_changed_at", "closed_at", "legal_basis", "client_informed", "client_informed_on",
    "client_not_informed_reason", "owning_team_id", "procesregisseur_id", "receiving_team_id",
    "regiehouder_id", "region_id",
)  # fmt: skip
PERSON_COLUMNS = (
    "case_id", "first_name", "last_name", "date_of_birth", "address", "postcode", "city",
    "relation", "bsn",
)  # fmt: skip
EVENT_COLUMNS = (
    "case_id", "kind", "category", "actor_id", "actor_organisation_id", "from_phase", "to_phase",
    "description", "data", "created_at",
)  # fmt: skip
NOTE_COLUMNS = ("case_id", "category", "text", "author_id", "author_organisation_id", "created_at")
PARTICIPATION_COLUMNS = ("case_id", "organisation_id", "reason", "added_by_id", "added_at")
REQUEST_COLUMNS = (
    "id", "case_id", "requested_at", "requested_by_id", "aanleiding", "doel", "client_informed",
    "reason_not_informed", "triage_level", "triage_score", "triage_reasons", "zvh_criteria",
    "override_motivation", "override_flagged", "acute", "fast_lane", "screening_deadline",
    "outcome", "outcome_text", "screened_at", "screened_by_id", "acute_declared", "acute_reason",
)  # fmt: skip
TRACK_COLUMNS = ("case_id", "request_id", "accepted_by_id", "accepted_at", "review_date")
PLAN_COLUMNS = ("id", "case_id", "goals", "created_at", "updated_at", "created_by_id")
ACTION_COLUMNS = (
    "plan_id", "case_id", "description", "owner_organisation_id", "deadline", "status",
    "created_at", "updated_at", "created_by_id",
)  # fmt: skip
HANDOVER_COLUMNS = (
    "case_id", "status", "proposed_at", "proposed_by_id", "receiving_team_id",
    "safety_risk_reduced", "safety_risk_reduced_note", "goals_met_or_transferred",
    "goals_met_or_transferred_note", "regiehouder_named", "regiehouder_named_note",
    "client_informed", "client_informed_note", "aftercare_agreed", "aftercare_agreed_note",
    "aftercare_agreements", "meeting_attendees", "rejected_reason",
)  # fmt: skip
CHECK_COLUMNS = ("case_id", "due_date", "outcome", "notes", "created_at")
ASSESSMENT_COLUMNS = (
    "case_id", "answers", "score", "level", "level_name", "reasons", "knock_outs", "zvh_criteria",
    "complete", "ruleset_id", "ruleset_name", "assessed_at", "created_at", "source", "judgement",
    "judgement_motivation", "assessed_by_id",
)  # fmt: skip
NOTIFICATION_COLUMNS = (
    "kind", "object_type", "object_id", "event_key", "created_at", "delivery", "emailed_at",
    "read_at", "case_id", "recipient_id",
)  # fmt: skip
PATH = ["wijkteam", "aangemeld", "zvh", "afschaling", "nazorg"]
ZVH_LIKE = ("zvh", "afschaling", "nazorg")
GEN = "Gegenereerd voor de benchmark"


def _owner(gen, counters: dict, key, staff: list[int]) -> int:
    """The demo user for the first DEMO_SHARE cases of `key`, then generated staff."""
    counters[key] = counters.get(key, 0) + 1
    if counters[key] <= DEMO_SHARE or len(staff) == 1:
        return staff[0]
    return gen.rng.choice(staff[1:])


def write_block(gen, size: int, ids: dict[str, int], workers, regisseurs):
    """Write `size` cases and their rows; yields (table, rows written)."""
    rng: random.Random = gen.rng
    now, today = gen.now, gen.today
    counters = gen.__dict__.setdefault("counters", {})
    if not hasattr(gen, "number"):
        from django.db.models import Max

        from cases.models import Case

        gen.number = (Case.objects.filter(year=gen.year).aggregate(m=Max("number"))["m"] or 0) + 1
    teams = [(gen.orgs[name], share) for name, share, _demo in TEAMS]
    team_weights = [share for _t, share in teams]
    partners = [gen.orgs[name] for name in PARTNERS]
    cases, persons, events, notes, parts = [], [], [], [], []
    requests, tracks, plans, actions, handovers, checks, assessments = [], [], [], [], [], [], []
    for _i in range(size):
        case_id = ids["cases_case"]
        ids["cases_case"] += 1
        team = rng.choices(teams, team_weights)[0][0]
        phase = rng.choices(gen.phases, gen.weights)[0]
        worker = _owner(gen, counters, team.pk, workers[team.name])
        regisseur = None
        if phase in ("zvh", "afschaling"):
            regisseur = _owner(gen, counters, ("r", team.region_id), regisseurs[team.region_id])
        registered = moment(rng, now, 900)
        activity = registered + (now - registered) * rng.random()
        cases.append(
            (case_id, f"{gen.year}-{gen.number:04d}", gen.year, gen.number, rng.choice(gen.titles),
             phase, registered, activity, activity, activity if phase == "gesloten" else None,
             "wmo", True, registered.date(), "", team.pk, regisseur,
             team.pk if phase == "afschaling" else None, worker, team.region_id)
        )  # fmt: skip
        gen.number += 1
        last_name = rng.choice(gen.last_names)
        address = f"{rng.choice(gen.streets)} {rng.randint(1, 250)}"
        code, city = postcode(rng), rng.choice(gen.cities)
        for j in range(rng.choice((1, 1, 2, 3, 4))):
            age = rng.randint(18, 85) if j == 0 else rng.randint(1, 85)
            born = today - timedelta(days=age * 365 + rng.randint(0, 364))
            relation = "client" if j == 0 else rng.choice(("partner", "kind", "huisgenoot"))
            persons.append(
                (case_id, rng.choice(gen.first_names), last_name, born, address, code, city,
                 relation, "")
            )  # fmt: skip
        steps = PATH[: PATH.index(phase) + 1] if phase in PATH else ["wijkteam", "gesloten"]
        span = activity - registered
        for k, step in enumerate(steps):
            at = registered + span * (k / max(len(steps) - 1, 1))
            events.append(
                (case_id, "registered" if k == 0 else "phase_changed", "basis", worker, team.pk,
                 steps[k - 1] if k else "", step, "", "{}", at)
            )  # fmt: skip
        for _n in range(rng.randint(1, 3)):
            category, text = rng.choice(gen.notes)
            notes.append((case_id, category, text, worker, team.pk, activity))
        # Who may own a plan action: the partners taking part (as in escalation.assignees),
        # else the owning team.
        owners = [team.pk]
        if phase in ZVH_LIKE and team.region_id == partners[0].region_id:
            owners = [p.pk for p in rng.sample(partners, rng.randint(1, 2))]
            for partner_id in owners:
                parts.append((case_id, partner_id, "Casusoverleg", regisseurs[1][0], activity))
        if phase in ("aangemeld", *ZVH_LIKE):
            request_id = ids["escalation_escalationrequest"]
            ids["escalation_escalationrequest"] += 1
            accepted = phase != "aangemeld"
            acute = not accepted and rng.random() < 0.1
            screener = regisseur or regisseurs[team.region_id][0]
            requests.append(
                (request_id, case_id, activity, worker, GEN, GEN, True, "", 3 if acute else 2,
                 20, "[]", "[]", "", False, acute, False,
                 today + timedelta(days=rng.randint(-4, 5)), "accepted" if accepted else "", "",
                 activity if accepted else None, screener if accepted else None, False, "")
            )  # fmt: skip
            if phase == "zvh":
                tracks.append(
                    (case_id, request_id, screener, activity,
                     today + timedelta(days=rng.randint(-5, 40)))
                )  # fmt: skip
                plan_id = ids["escalation_actionplan"]
                ids["escalation_actionplan"] += 1
                plans.append((plan_id, case_id, GEN, activity, activity, screener))
                for _a in range(2):
                    actions.append(
                        (plan_id, case_id, GEN, rng.choice(owners),
                         today + timedelta(days=rng.randint(-30, 40)),
                         rng.choice(("open", "in_progress", "done")), activity, activity, screener)
                    )  # fmt: skip
        if phase == "afschaling":
            handovers.append(
                (case_id, "proposed", now - timedelta(days=rng.randint(0, 25)), regisseur,
                 team.pk, True, "", True, "", True, "", True, "", True, "", "", "", "")
            )  # fmt: skip
        elif phase == "nazorg":
            checks.append((case_id, today + timedelta(days=rng.randint(-20, 30)), "", "", now))
        elif phase == "wijkteam" and rng.random() < 0.7:
            a = rng.choice(gen.assessments)
            at = activity + (now - activity) * rng.random()
            assessments.append(
                (case_id, *a, *gen.ruleset, at, at, "worker", "agree", "", worker)
            )  # fmt: skip
    yield "cases", copy_rows("cases_case", CASE_COLUMNS, cases)
    yield "persons", copy_rows("cases_person", PERSON_COLUMNS, persons)
    yield "events", copy_rows("cases_caseevent", EVENT_COLUMNS, events)
    yield "notes", copy_rows("cases_casenote", NOTE_COLUMNS, notes)
    yield "participations", copy_rows("privacy_caseparticipation", PARTICIPATION_COLUMNS, parts)
    yield "requests", copy_rows("escalation_escalationrequest", REQUEST_COLUMNS, requests)
    yield "tracks", copy_rows("escalation_zvhtrack", TRACK_COLUMNS, tracks)
    yield "plans", copy_rows("escalation_actionplan", PLAN_COLUMNS, plans)
    yield "actions", copy_rows("escalation_action", ACTION_COLUMNS, actions)
    yield "handovers", copy_rows("escalation_handover", HANDOVER_COLUMNS, handovers)
    yield "checks", copy_rows("escalation_aftercarecheck", CHECK_COLUMNS, checks)
    yield "assessments", copy_rows("triage_triageassessment", ASSESSMENT_COLUMNS, assessments)


def write_notifications(gen, count: int) -> int:
    """`count` notifications: DEMO_NOTIFICATIONS per demo user (a bounded inbox at every
    size, one in ten unread), the rest over the generated staff; mostly read, all mailed."""
    from notifications.models import NotificationKind

    rng, now = gen.rng, gen.now
    first_case = gen.first_case_id
    last_case = first_case + gen.count - 1
    kinds = list(NotificationKind.values)
    demo = sorted(set(gen.demo_users.values()))
    generated = [u for u in gen.user_ids if u not in set(demo)]

    def rows():
        for i in range(count):
            if i < len(demo) * DEMO_NOTIFICATIONS:
                recipient, unread = demo[i % len(demo)], i % 10 == 0
            elif generated:
                recipient, unread = rng.choice(generated), rng.random() < 0.1
            else:
                return
            at = moment(rng, now, 365)
            delivery = rng.choices(("none", "immediate", "digest"), (6, 3, 1))[0]
            yield (
                rng.choice(kinds), "case", rng.randint(first_case, last_case), f"bench-{i}", at,
                delivery, None if delivery == "none" else at, None if unread else at,
                rng.randint(first_case, last_case), recipient,
            )  # fmt: skip

    return copy_rows("notifications_notification", NOTIFICATION_COLUMNS, rows())
