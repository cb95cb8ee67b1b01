"""Whether a person may hold a weapon permit now: the person exists and the actor may see
them, no hold stops a weapon permit (screening cleared), and their own case is suitable: no
open judicial pathway, and an army integration pathway in one of the accepted states (the
setting ``permit_army_states``, by default ``integrated``)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.cases import queries as case_queries
from sijill.cases.workflow import ArmyStatus, Pathway
from sijill.errors import InvalidInput, Msg, NotFound, RuleViolation
from sijill.holds import service as holds_service
from sijill.holds.rules import Action
from sijill.registry import queries as registry_queries
from sijill.registry.models import Person

DEFAULT_ARMY_STATES: tuple[str, ...] = (ArmyStatus.INTEGRATED.value,)


def _suitable_case(
    session: Session, holder: Person, army_states: Collection[str], path: str
) -> None:
    """Refuse unless the person's own case (never a parent's) has no open judicial pathway
    and an army integration pathway in one of ``army_states``."""
    state = case_queries.case_state(session, holder.id)
    own = state.pathways if state.via_parent is None else []
    if any(p.pathway is Pathway.JUDICIAL and p.is_open for p in own):
        raise RuleViolation(
            Msg("This person may not hold a weapon permit: their case has an open judicial"
                " pathway."),
            field=path, rule="permit.holder_judicial",
        )  # fmt: skip
    if not any(p.pathway is Pathway.ARMY and p.status in army_states for p in own):
        raise RuleViolation(
            Msg("This person may not hold a weapon permit: their case has no army integration"
                " pathway in an accepted state ({states}).", states=", ".join(army_states)),
            field=path, rule="permit.holder_case",
        )  # fmt: skip


def permit_holder(
    session: Session,
    actor: Actor,
    regno: str,
    army_states: Collection[str],
    path: str = "holder",
) -> Person:
    """The person of ``regno`` if they may hold a weapon permit; refuses with the reasons."""
    try:
        holder = registry_queries.load_person(session, actor, regno)
    except NotFound as exc:
        raise InvalidInput({path: Msg("No person with this number in your offices.")}) from exc
    blocking = holds_service.blocking(session, holder.id, Action.WEAPON_PERMIT)
    if blocking:
        reasons = "; ".join(hold.description for hold in blocking)
        raise RuleViolation(
            Msg("This person may not hold a weapon permit: {reasons}.", reasons=reasons),
            field=path,
            rule="permit.holder_hold",
        )
    _suitable_case(session, holder, army_states, path)
    return holder
