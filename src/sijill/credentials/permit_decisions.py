"""Arms permit decisions with their effect on signed documents, in one transaction.

The arms package sits below credentials and may not import it, so the adapters (web, API)
take a permit decision through ``decide``: it calls ``sijill.arms.permits.decide`` and, when
the permit is suspended or revoked, revokes the weapon-permit documents signed for it with
the decision's reason. A reinstated permit needs a new document.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.arms import permits
from sijill.arms.schemas import PermitDecisionIn, PermitOut
from sijill.arms.vocab import PermitAction
from sijill.credentials import service

ENDS_DOCUMENTS = frozenset({PermitAction.SUSPEND, PermitAction.REVOKE})


def decide(
    session: Session,
    actor: Actor,
    ref: str,
    action: PermitAction,
    data: PermitDecisionIn,
    army_states: Collection[str],
) -> PermitOut:
    """Take the permit decision; a suspension or revocation revokes the permit's documents."""
    permit = permits.decide(session, actor, ref, action, data, army_states)
    if action in ENDS_DOCUMENTS:
        reason = f"permit {permit.ref} {permit.status.value}: {data.reason or ''}".strip()
        service.revoke_for_permit(session, actor, permit.ref, reason)
    return permit
