"""Who is asking: the one place that says what a user is in the chain.

DESIGN.md names six roles (wijkteam worker, procesregisseur, partner professional,
manager, privacy officer, functioneel beheer) and the gemeente. A role is always a
membership role *in an organisation of a kind*: a `procesregisseur` outside the ZVH is
not a regisseur, a `medewerker` of politie is a partner professional, not a wijkteam
worker. Code, templates (through the `actor` context variable) and the access layer all
ask `actor_of(user)`; nobody compares role or kind strings elsewhere.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.db.models import Prefetch

from .models import Membership, Organisation, OrganisationKind, Role

# Kinds whose medewerkers are partner professionals: the chain partners that take part
# in a case by invitation or by owning an action (DESIGN.md, "Who uses it").
NOT_PARTNER_KINDS = frozenset(
    {OrganisationKind.WIJKTEAM, OrganisationKind.ZVH, OrganisationKind.GEMEENTE}
)


@dataclass(frozen=True)
class Actor:
    """A user with their membership, resolved once per request (see `actor_of`)."""

    user: object
    membership: Membership | None

    @property
    def organisation(self) -> Organisation | None:
        return self.membership.organisation if self.membership else None

    @property
    def organisation_id(self) -> int | None:
        return self.membership.organisation_id if self.membership else None

    @property
    def region_id(self) -> int | None:
        """The region the actor works in (their organisation's), or None."""
        return self.membership.organisation.region_id if self.membership else None

    @property
    def kind(self) -> str:
        return self.membership.organisation.kind if self.membership else ""

    @property
    def role(self) -> str:
        return self.membership.role if self.membership else ""

    def _is(self, role: str, kind: str | None = None) -> bool:
        return self.role == role and (kind is None or self.kind == kind)

    @property
    def is_worker(self) -> bool:
        """A medewerker of a wijkteam (registers cases, holds the regie)."""
        return self._is(Role.MEDEWERKER, OrganisationKind.WIJKTEAM)

    @property
    def is_regisseur(self) -> bool:
        """A procesregisseur of a Zorg- en Veiligheidshuis."""
        return self._is(Role.PROCESREGISSEUR, OrganisationKind.ZVH)

    @property
    def is_partner(self) -> bool:
        """A professional of a chain partner (politie, GGZ, Veilig Thuis, …)."""
        return (
            self.role == Role.MEDEWERKER and bool(self.kind) and self.kind not in NOT_PARTNER_KINDS
        )

    @property
    def works_on_cases(self) -> bool:
        """A professional who carries out work on cases (medewerker or procesregisseur).

        Managers, privacy officers and functioneel beheer read or administer; they never
        take a workflow step, not even for an action their own organisation owns.
        """
        return self.role in (Role.MEDEWERKER, Role.PROCESREGISSEUR)

    @property
    def is_manager(self) -> bool:
        return self._is(Role.MANAGER)

    @property
    def is_privacy_officer(self) -> bool:
        return self._is(Role.PRIVACY_OFFICER)

    @property
    def is_beheer(self) -> bool:
        """Functioneel beheer: organisations, users and rulesets; never case content."""
        return self._is(Role.FUNCTIONEEL_BEHEER)

    @property
    def is_gemeente(self) -> bool:
        """Someone of the gemeente: sees administrative notices only, never a case."""
        return self.kind == OrganisationKind.GEMEENTE

    def is_worker_of(self, organisation_id: int | None) -> bool:
        """A wijkteam worker of this particular team."""
        return bool(organisation_id) and self.is_worker and self.organisation_id == organisation_id

    def belongs_to(self, organisation_id: int | None) -> bool:
        return bool(organisation_id) and self.organisation_id == organisation_id


_CACHE_ATTR = "_schakel_actor"
# Set by MembershipBackend: the user's active memberships, loaded with the user.
MEMBERSHIPS_ATTR = "_schakel_memberships"
# Set by ActiveMembershipMiddleware from the session: the membership chosen to act in.
CHOSEN_ATTR = "_schakel_chosen_membership"
# The session key holding the chosen membership's id.
SESSION_KEY = "organisations.active_membership"


def active_memberships(user) -> list[Membership]:
    """The user's active memberships, oldest first (empty for anonymous users).

    Loaded with the user by `MembershipBackend` on a request (no query here); for a user
    loaded any other way (tasks, tests, the API's token user), one query, kept.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    memberships = getattr(user, MEMBERSHIPS_ATTR, None)
    if memberships is None:
        memberships = list(
            Membership.objects.active()
            .filter(user_id=user.pk)
            .select_related("organisation")
            .order_by("pk")
        )
        with contextlib.suppress(AttributeError):
            setattr(user, MEMBERSHIPS_ATTR, memberships)
    return memberships


def prefetch_memberships(lookup: str = "") -> Prefetch:
    """Prefetch for users reached through `lookup` (e.g. "requested_by__"): their active
    memberships, where `actor_of` finds them, so a list of users costs one more query
    instead of one per user."""
    return Prefetch(
        f"{lookup}memberships",
        queryset=Membership.objects.active().select_related("organisation").order_by("pk"),
        to_attr=MEMBERSHIPS_ATTR,
    )


def actor_of(user) -> Actor:
    """The actor for `user` in their active membership, built once and kept on the user.

    The active membership is the one chosen in this session (at login or in the header
    switcher), else the oldest active one. A chosen membership that has since ended is
    passed over, so ending a membership takes effect on the next request. Costs no query
    for a logged-in request user; anonymous users get an actor without a membership.
    """
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    memberships = active_memberships(user)
    chosen = getattr(user, CHOSEN_ATTR, None)
    membership = next(
        (m for m in memberships if m.pk == chosen), memberships[0] if memberships else None
    )
    actor = Actor(user=user, membership=membership)
    if user is not None:
        with contextlib.suppress(AttributeError):
            setattr(user, _CACHE_ATTR, actor)
    return actor


def forget_actor(user) -> None:
    """Drop the cached actor and memberships, after they changed in this request."""
    for attr in (_CACHE_ATTR, MEMBERSHIPS_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


def membership_of(user) -> Membership | None:
    """The user's active membership, or None (anonymous, or no organisation)."""
    return actor_of(user).membership
