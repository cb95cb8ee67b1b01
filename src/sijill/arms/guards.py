"""Whether a person may hold a weapon permit now. One function, extended as the areas that
decide it (screening, cases) arrive: today it checks that the person exists, that the actor
may see them, and that no hold stops a weapon permit."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.errors import InvalidInput, Msg, NotFound, RuleViolation
from sijill.holds import service as holds_service
from sijill.holds.rules import Action
from sijill.registry import queries as registry_queries
from sijill.registry.models import Person


def permit_holder(session: Session, actor: Actor, regno: str, path: str = "holder") -> Person:
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
    return holder
