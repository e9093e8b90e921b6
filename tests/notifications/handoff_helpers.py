"""Helpers for hand-off notification tests: who got what, and the case walked through
every hand-off with texts that must never leave the case."""

from __future__ import annotations

from datetime import timedelta

from escalation.models import ActionStatus
from escalation.services import handover, zvh
from escalation.services.consultation import consultation_answer, consultation_ask
from notifications.models import Notification
from privacy.breakglass import break_glass_open
from privacy.services import participation_remove
from tests.escalation.conftest import fresh

# Free text typed at each step: none of it may appear in a notification or its e-mail.
SECRETS = {
    "question": "Vraag over de verslaving van moeder Jansen",
    "answer": "Advies: schakel de huisarts in vanwege psychose",
    "aanleiding": "Aanleiding: huiselijk geweld door vader na ontslag",
    "doel": "Doel: veiligheid van de kinderen Jansen",
    "decisions": "Besluit: GGZ start behandeling depressie",
    "action": "Actie: opname in kliniek regelen",
    "reject": "Terugwijzen: wij hebben geen capaciteit voor Jansen",
    "break_glass": "Acuut gevaar in de woning van Jansen, wijkagent ter plaatse",
    "removed": "Politie is niet langer betrokken bij Jansen",
}


def received(case, kind: str) -> set[str]:
    """The usernames that got a notification of `kind` about `case`."""
    return set(
        Notification.objects.filter(case=case, kind=kind).values_list(
            "recipient__username", flat=True
        )
    )


def walk_every_hand_off(flow):
    """DEMO-ZUID-1 through advice, aanmelding, overleg, plan, break-the-glass, a
    rejected and an accepted handover; returns the case."""
    u, orgs = flow.u, flow.demo.orgs
    case = fresh(flow.demo.cases["DEMO-ZUID-1"])  # Wijkteam Zuid, regiehouder wijkteam2
    consultation_ask(user=u["wijkteam2"], case=case, question=SECRETS["question"])
    consultation_answer(user=u["regisseur"], case=fresh(case), answer=SECRETS["answer"])
    flow.escalate(
        fresh(case),
        user=u["wijkteam2"],
        partners=[orgs["Politie"]],
        aanleiding=SECRETS["aanleiding"],
        doel=SECRETS["doel"],
    )
    break_glass_open(user=u["ggz"], reference=case.reference, reason=SECRETS["break_glass"])
    flow.accept(fresh(case))
    zvh.conference_record(
        user=u["regisseur"],
        case=fresh(case),
        held_on=flow.today,
        invited=[orgs["GGZ"]],
        attendees="Regisseur, wijkteam, GGZ",
        decisions=SECRETS["decisions"],
    )
    zvh.plan_save(user=u["regisseur"], case=fresh(case), goals="Huisvesting behouden.")
    action = zvh.action_add(
        user=u["regisseur"],
        case=fresh(case),
        description=SECRETS["action"],
        owner_organisation=orgs["GGZ"],
        owner_person=u["ggz"],
        deadline=flow.today + timedelta(days=7),
    )
    zvh.action_status_update(user=u["ggz"], action=action, status=ActionStatus.IN_PROGRESS)
    participation_remove(
        case=fresh(case),
        organisation=orgs["Politie"],
        user=u["regisseur"],
        reason=SECRETS["removed"],
    )
    flow.propose(fresh(case), team=orgs["Wijkteam Zuid"])
    handover.handover_reject(user=u["wijkteam2"], case=fresh(case), reason=SECRETS["reject"])
    flow.propose(fresh(case), team=orgs["Wijkteam Zuid"])
    flow.accept_handover(fresh(case), user=u["wijkteam2"])
    return fresh(case)
