"""Does the person's case allow this document now? One function, asked before a request,
an approval and an issue.

It asks: is the person visible to the actor, does a hold stop papers (or a weapon
permit), for papers (identity card, residence permit) has the cases package approved that
document in the person's papers pathway (`sijill.cases.service.papers_allowed`), and, when
the caller needs it, has a supervisor approved.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.cases import service as cases_service
from sijill.cases.workflow import PaperType
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

# The cases package's paper type for each document that is papers (a weapon permit is not).
PAPER_TYPE: dict[DocType, PaperType] = {
    DocType.IDENTITY_CARD: PaperType.IDENTITY_CARD,
    DocType.RESIDENCE_PERMIT: PaperType.RESIDENCE_PERMIT,
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
    paper = PAPER_TYPE.get(doc_type)
    if paper is not None:
        reasons.extend(_pathway_refusals(session, person_id, paper))
    if need_approval and not approved_by:
        reasons.append(Msg("The request awaits a supervisor's approval."))
    return reasons


def _pathway_refusals(session: Session, person_id: uuid.UUID, paper: PaperType) -> list[Msg]:
    """The cases package's reasons, less the holds (already given above, as "On hold")."""
    held = {hold.description for hold in holds.blocking(session, person_id, Action.PAPERS)}
    return [
        reason
        for reason in cases_service.papers_allowed(session, person_id, paper.value)
        if reason not in held
    ]
