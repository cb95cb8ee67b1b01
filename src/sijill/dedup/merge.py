"""What a merge does to the rows, and how an undo puts them back (service helpers).

The survivor absorbs the merged record's current names as aliases (new rows, with their
search keys), and its documents, family links and affiliations (re-pointed to the survivor).
The merged record itself is not changed: it is marked merged by the approved ``PersonMerge``.
``moved`` lists every row touched, so that ``undo`` restores both records exactly: the alias
rows are retired, their search keys removed, the re-pointed rows pointed back.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from sijill.registry import regno as regnos
from sijill.registry.models import (
    Affiliation,
    Document,
    FamilyLink,
    NameToken,
    Person,
    PersonName,
)
from sijill.registry.vocab import NameType
from sijill.timeutil import utcnow


def _ids(session: Session, stmt: Any) -> list[str]:
    return [str(i) for i in session.scalars(stmt)]


def _alias_names(session: Session, survivor: Person, merged: Person) -> tuple[list[str], list[int]]:
    names = session.scalars(
        select(PersonName).where(PersonName.person_id == merged.id, PersonName.retired_at.is_(None))
    ).all()
    position = 1 + max((n.position for n in survivor.names), default=0)
    new_names, tokens = [], []
    for offset, name in enumerate(names):
        alias = PersonName(
            id=uuid.uuid4(), person_id=survivor.id, position=position + offset, full=name.full,
            name_type=NameType.ALIAS.value, script=name.script, given=name.given,
            father=name.father, grandfather=name.grandfather, family=name.family,
            source=f"merged from {regnos.display(merged.regno)}", normalised=name.normalised,
        )  # fmt: skip
        session.add(alias)
        session.flush()  # the alias row must exist before its search keys point at it
        new_names.append(str(alias.id))
        for token in session.scalars(select(NameToken.token).where(NameToken.name_id == name.id)):
            row = NameToken(person_id=survivor.id, name_id=alias.id, token=token)
            session.add(row)
            session.flush()  # the token id is recorded for the undo
            tokens.append(row.id)
    return new_names, tokens


def apply(session: Session, survivor: Person, merged: Person) -> dict[str, Any]:
    """Move the merged record's details to the survivor; returns what moved."""
    names, tokens = _alias_names(session, survivor, merged)
    moved: dict[str, Any] = {
        "names": names,
        "tokens": tokens,
        "documents": _ids(session, select(Document.id).where(
            Document.person_id == merged.id, Document.retired_at.is_(None))),
        "links_from": _ids(session, select(FamilyLink.id).where(
            FamilyLink.person_id == merged.id, FamilyLink.retired_at.is_(None))),
        "links_to": _ids(session, select(FamilyLink.id).where(
            FamilyLink.relative_id == merged.id, FamilyLink.retired_at.is_(None))),
        "affiliations": _ids(session, select(Affiliation.id).where(
            Affiliation.person_id == merged.id, Affiliation.retired_at.is_(None))),
    }  # fmt: skip
    _repoint(session, moved, survivor.id)
    return moved


def _uuids(values: list[str]) -> list[uuid.UUID]:
    return [uuid.UUID(v) for v in values]


def _repoint(session: Session, moved: dict[str, Any], to: uuid.UUID) -> None:
    for model, key in ((Document, "documents"), (Affiliation, "affiliations")):
        if moved[key]:
            session.execute(
                update(model).where(model.id.in_(_uuids(moved[key]))).values(person_id=to)
            )
    if moved["links_from"]:
        stmt = update(FamilyLink).where(FamilyLink.id.in_(_uuids(moved["links_from"])))
        session.execute(stmt.values(person_id=to))
    if moved["links_to"]:
        stmt = update(FamilyLink).where(FamilyLink.id.in_(_uuids(moved["links_to"])))
        session.execute(stmt.values(relative_id=to))


def undo(session: Session, moved: dict[str, Any], merged_id: uuid.UUID) -> None:
    """Put back what ``apply`` moved."""
    if moved["tokens"]:
        session.execute(delete(NameToken).where(NameToken.id.in_(moved["tokens"])))
    if moved["names"]:
        session.execute(
            update(PersonName)
            .where(PersonName.id.in_(_uuids(moved["names"])))
            .values(retired_at=utcnow())
        )
    _repoint(session, moved, merged_id)
    session.expire_all()
