"""The duplicate check before a registration: people already registered whom the matching
engine finds like the new record. A registrar either opens one of them or registers a new
person with a reason, which the registration's audit entry keeps with the candidates."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.errors import Msg, NeedsConfirmation
from sijill.matching import PersonMatcher
from sijill.registry import candidates
from sijill.registry import regno as regnos
from sijill.registry.candidates import Scored
from sijill.registry.schemas import DuplicateCandidate, PersonIn

SHOWN = 10  # candidates shown to the registrar, the best first
FIELD = "duplicate_reason"


def likely(
    session: Session, data: PersonIn, matcher: PersonMatcher, limit: int = SHOWN
) -> list[Scored]:
    """People of the whole registry scoring ``possible`` or ``match`` against ``data``."""
    record = candidates.record_of_input(data)
    found = candidates.candidates(session, record, matcher)
    return [s for s in found if s.result.decision != "no_match"][:limit]


def describe(actor: Actor, found: Scored) -> DuplicateCandidate:
    """A candidate as the actor may see it: in full in their offices, else office and score."""
    person, result = found.person, found.result
    seen = actor.sees_office(person.office_id) or (
        person.holding_office_id is not None and actor.sees_office(person.holding_office_id)
    )
    dob = candidates.dob_of(person)
    return DuplicateCandidate(
        regno=regnos.display(person.regno) if seen else None,
        name=person.primary_name if seen else None,
        date_of_birth=dob if seen else None,
        office=person.office.code,
        score=result.score,
        decision=result.decision,
        explanation=result.explanation if seen else [],
        algorithm=f"{result.algorithm} {result.version}",
    )


def confirm(
    session: Session, actor: Actor, data: PersonIn, matcher: PersonMatcher, reason: str | None
) -> dict[str, Any]:
    """Refuse a registration that looks like people already registered unless a reason is
    given; returns what the audit entry records (nothing when there was no candidate)."""
    found = likely(session, data, matcher)
    if not found:
        return {}
    shown = [describe(actor, s) for s in found]
    if not (reason and reason.strip()):
        raise NeedsConfirmation(
            Msg(
                "{count} people already registered look like this person. Open the record "
                "if it is one of them, or give a reason to register a new person.",
                count=len(found),
            ),
            field=FIELD,
            warnings=["possible_duplicate"],
            candidates=[c.model_dump(mode="json") for c in shown],
        )
    return {
        FIELD: reason.strip(),
        "duplicates": [
            {"person_id": str(s.person.id), "score": s.result.score, "decision": s.result.decision}
            for s in found
        ],
        "algorithm": shown[0].algorithm,
    }
