"""Registering and correcting a person, with what follows in the same transaction.

The registry records the person (after its duplicate check); an adult gets a case, and so does
an adult relative registered in the same flow; the person and any relative never screened
before are screened against the current watch lists, so a hit places its hold before anyone
can ask for papers. A correction is screened again, and relatives it adds are followed up
like those of a registration. The pages, the API and the CLI call these two functions, never
the three services one by one.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.cases import service as cases_service
from sijill.registry import service as registry_service
from sijill.registry.schemas import PersonIn, PersonOut, PersonUpdate
from sijill.registry.service import Limits
from sijill.screening import service as screening_service
from sijill.screening.workflow import RunReason


def register(
    session: Session,
    actor: Actor,
    data: PersonIn,
    limits: Limits | None = None,
    duplicate_reason: str | None = None,
) -> PersonOut:
    person = registry_service.register_person(session, actor, data, limits, duplicate_reason)
    cases_service.on_person_registered(session, actor, person.id)
    screening_service.screen_person(session, actor, person.id)
    _follow_family(session, actor, person)
    return person


def correct(
    session: Session,
    actor: Actor,
    regno: str,
    data: PersonUpdate,
    reason: str | None = None,
    limits: Limits | None = None,
) -> PersonOut:
    person = registry_service.update_person(session, actor, regno, data, reason, limits)
    screening_service.screen_person(session, actor, person.id, RunReason.CORRECTION)
    _follow_family(session, actor, person)
    return person


def _follow_family(session: Session, actor: Actor, person: PersonOut) -> None:
    """Open the case of each adult relative and screen the relatives never screened."""
    relatives = [relative.person_id for relative in person.family]
    for relative_id in relatives:
        cases_service.on_person_registered(session, actor, relative_id)
    screening_service.screen_unscreened(session, actor, relatives)
