"""Place, release and ask about holds. Each change is audited in the caller's transaction."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.audit import service as audit
from sijill.errors import InvalidInput, Msg
from sijill.holds.models import PersonHold
from sijill.holds.rules import DESCRIPTIONS, Action, HoldKind, blocks
from sijill.timeutil import utcnow


@dataclass(frozen=True)
class HoldOut:
    id: uuid.UUID
    kind: HoldKind
    source: str
    reason: str
    placed_by: str
    description: Msg


def _out(hold: PersonHold) -> HoldOut:
    kind = HoldKind(hold.kind)
    return HoldOut(
        id=hold.id,
        kind=kind,
        source=hold.source,
        reason=hold.reason,
        placed_by=hold.placed_by,
        description=DESCRIPTIONS[kind],
    )


def _active(
    session: Session, person_id: uuid.UUID, kind: HoldKind, source: str
) -> PersonHold | None:
    stmt = select(PersonHold).where(
        PersonHold.person_id == person_id,
        PersonHold.kind == kind.value,
        PersonHold.source == source,
        PersonHold.released_at.is_(None),
    )
    return session.scalars(stmt).first()


def place(
    session: Session,
    actor: Actor,
    person_id: uuid.UUID,
    kind: HoldKind,
    source: str,
    reason: str,
) -> HoldOut:
    """Place a hold; placing the same (kind, source) again returns the active one."""
    if not reason.strip():
        raise InvalidInput({"reason": Msg("A hold needs a reason.")})
    existing = _active(session, person_id, kind, source)
    if existing is not None:
        return _out(existing)
    hold = PersonHold(
        person_id=person_id,
        kind=kind.value,
        source=source,
        reason=reason.strip(),
        placed_at=utcnow(),
        placed_by=actor.username,
    )
    session.add(hold)
    session.flush()
    audit.record(
        session, actor, "holds:hold:placed", "person", person_id,
        {"hold": str(hold.id), "kind": kind.value, "source": source},
    )  # fmt: skip
    return _out(hold)


def release(
    session: Session,
    actor: Actor,
    person_id: uuid.UUID,
    kind: HoldKind,
    source: str,
    reason: str,
) -> bool:
    """Release the active hold of (kind, source); False when there was none."""
    if not reason.strip():
        raise InvalidInput({"reason": Msg("Releasing a hold needs a reason.")})
    hold = _active(session, person_id, kind, source)
    if hold is None:
        return False
    hold.released_at = utcnow()
    hold.released_by = actor.username
    hold.release_reason = reason.strip()
    audit.record(
        session, actor, "holds:hold:released", "person", person_id,
        {"hold": str(hold.id), "kind": kind.value, "source": source},
    )  # fmt: skip
    return True


def active(session: Session, person_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, list[HoldOut]]:
    """The active holds of each person (people without one are absent)."""
    found: dict[uuid.UUID, list[HoldOut]] = {}
    ids = list(person_ids)
    for start in range(0, len(ids), 500):
        stmt = (
            select(PersonHold)
            .where(PersonHold.person_id.in_(ids[start : start + 500]))
            .where(PersonHold.released_at.is_(None))
            .order_by(PersonHold.placed_at)
        )
        for hold in session.scalars(stmt):
            found.setdefault(hold.person_id, []).append(_out(hold))
    return found


def blocking(session: Session, person_id: uuid.UUID, action: Action) -> list[HoldOut]:
    """The active holds that stop ``action`` for this person; empty when it may go ahead."""
    return [h for h in active(session, [person_id]).get(person_id, []) if blocks(h.kind, action)]
