"""Reads of a flagged person's family, audited: the family members of someone with a
watch-list hit (undecided, or a confirmed match) or with a sealed record are sensitive, so
showing them (the person page, the API) writes an audit entry naming who was shown."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.audit import service as audit
from sijill.holds.rules import HoldKind
from sijill.holds.service import active
from sijill.registry import queries
from sijill.registry.schemas import PersonOut

FLAGGING = (HoldKind.SCREENING_UNDECIDED, HoldKind.SCREENING_CONFIRMED)
FAMILY_READ = "holds:family:read"
SEALED = "sealed"


def flags(session: Session, person: PersonOut) -> list[str]:
    """Why a person's family is sensitive: their screening holds' kinds, and a seal."""
    holds = active(session, [person.id]).get(person.id, [])
    found = sorted({h.kind.value for h in holds if h.kind in FLAGGING})
    return [*found, SEALED] if person.sealed else found


def get_person(session: Session, actor: Actor, regno: str) -> PersonOut:
    """A person's record (:func:`sijill.registry.queries.get_person`); when the person is
    flagged and the record lists family members, the read is audited with their ids."""
    person = queries.get_person(session, actor, regno)
    why = flags(session, person) if person.family else []
    if why:
        relatives = [str(r.person_id) for r in person.family]
        data = {"flags": why, "relatives": relatives}
        audit.record(session, actor, FAMILY_READ, "person", person.id, data)
    return person
