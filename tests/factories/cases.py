"""Cases for tests: a person with a case, and pathways moved along by a case officer."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from factories.access import make_actor
from factories.registry import register
from sijill.access.actor import Actor, operator_actor
from sijill.access.permissions import Role
from sijill.cases import service as cases
from sijill.cases.schemas import PathwayOpenIn, PathwayOut, TransitionIn
from sijill.cases.workflow import PaperType, Pathway


@dataclass
class CaseWorld:
    office: str
    officer: Actor  # a supervisor: every casework permission
    regno: str
    person_id: object


def case_world(session: Session, office: str, name: str = "Karim Nasser") -> CaseWorld:
    registrar = make_actor(session, Role.REGISTRAR, office)
    person = register(session, registrar, name)
    officer = make_actor(session, Role.SUPERVISOR, office)
    cases.open_case(session, officer, person.regno)
    return CaseWorld(office, officer, person.regno, person.id)


def open_pathway(
    session: Session, world: CaseWorld, pathway: Pathway, document: PaperType | None = None
) -> PathwayOut:
    data = PathwayOpenIn(pathway=pathway, document_type=document, reason="referred by intake")
    return cases.open_pathway(session, world.officer, world.regno, data)


def move(session: Session, actor: Actor, pathway: PathwayOut, *targets: str) -> PathwayOut:
    for target in targets:
        data = TransitionIn(target=target, reason=f"to {target}", legal_basis="Decree 7/2025")
        pathway = cases.move(session, actor, pathway.id, data)
    return pathway


def approved_papers(
    session: Session, regno: str, document: PaperType = PaperType.IDENTITY_CARD
) -> PathwayOut:
    """The person's case with a papers pathway for ``document`` approved, so that the
    credentials package may issue it (``cases.service.papers_allowed``)."""
    operator = operator_actor()
    cases.open_case(session, operator, regno)
    data = PathwayOpenIn(pathway=Pathway.PAPERS, document_type=document, reason="enrolled")
    pathway = cases.open_pathway(session, operator, regno, data)
    return move(session, operator, pathway, "under_review", "approved")
