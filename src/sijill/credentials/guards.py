"""Does the person's case allow this document now? One function, asked before a request,
an approval and an issue.

Today it asks: is the person visible to the actor, does a hold stop papers (or a weapon
permit), and, when the caller needs it, has a supervisor approved. The cases package will
add its pathway's decision here when it lands.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.credentials.payload import DocType
from sijill.errors import Msg
from sijill.holds import service as holds
from sijill.holds.rules import Action
from sijill.registry import service as registry_service

ACTION: dict[DocType, Action] = {
    DocType.IDENTITY_CARD: Action.PAPERS,
    DocType.RESIDENCE_PERMIT: Action.PAPERS,
    DocType.WEAPON_PERMIT: Action.WEAPON_PERMIT,
}


def case_refusals(
    session: Session,
    actor: Actor,
    person_id: uuid.UUID,
    doc_type: DocType,
    approved_by: str | None,
    need_approval: bool,
) -> list[Msg]:
    """Why this document may not be issued now (empty: it may). Raises NotFound when the
    person is not visible to the actor."""
    registry_service.get_person_by_id(session, actor, person_id)
    reasons = [
        Msg("On hold: {description}.", description=hold.description)
        for hold in holds.blocking(session, person_id, ACTION[doc_type])
    ]
    if need_approval and not approved_by:
        reasons.append(Msg("The request awaits a supervisor's approval."))
    return reasons
