"""Every point where transfers asks another module, one small function each.

Each takes many people at once (a batch holds up to thousands) and answers with a few
grouped queries, never one per person: the registry (identity documents, nationalities,
armed groups), screening (the last completed screening run), holds (what stops a transfer)
and cases (an open transfer pathway).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import QueryableAttribute, Session

from sijill.cases.models import CasePathway
from sijill.cases.workflow import Pathway, machine
from sijill.holds import service as holds_service
from sijill.holds.rules import Action, blocks
from sijill.registry.models import Affiliation, ArmedGroup, Document, Person
from sijill.registry.vocab import DocumentStatus, DocumentType
from sijill.screening.models import ScreeningRun
from sijill.transfers.readiness import Hold
from sijill.transfers.risk import PersonTraits

_CHUNK = 500
# Documents that establish who someone is (a military ID or a driving licence do not).
IDENTITY_DOCUMENTS = frozenset(
    {DocumentType.PASSPORT, DocumentType.NATIONAL_ID, DocumentType.FAMILY_BOOK}
)


@dataclass(frozen=True)
class People:
    """The people asked about: their ids and, for the members of a batch, the same set as a
    SELECT of ids, which a database reads faster than long IN lists."""

    ids: list[uuid.UUID]
    query: Select[Any] | None = None

    def where(self, column: QueryableAttribute[Any]) -> Iterator[ColumnElement[bool]]:
        """One condition on ``column`` per query to run."""
        if self.query is not None:
            yield column.in_(self.query)
            return
        for start in range(0, len(self.ids), _CHUNK):
            yield column.in_(self.ids[start : start + _CHUNK])


def identity_confirmed(session: Session, people: People) -> set[uuid.UUID]:
    """The people whose identity is confirmed.

    Today: the person holds a current passport, national identity card or family book (status
    "held", so not lost, confiscated or suspected forged). When screening records identity
    decisions, ask them here instead."""
    confirmed: set[uuid.UUID] = set()
    for condition in people.where(Document.person_id):
        stmt = select(Document.person_id).where(
            condition,
            Document.retired_at.is_(None),
            Document.status == DocumentStatus.HELD.value,
            Document.doc_type.in_([d.value for d in IDENTITY_DOCUMENTS]),
        )
        confirmed.update(session.scalars(stmt))
    return confirmed


def screening_dates(session: Session, people: People) -> dict[uuid.UUID, dt.date | None]:
    """The date of each person's last completed screening against the watch lists (at
    registration, at a correction, on arrival or in a re-screen run: every one records a
    ``ScreeningRun``); None for someone never screened. Readiness blocks both the never
    screened and anyone screened longer ago than ``transfer_screening_max_age_days``.
    Undecided and confirmed hits block through holds (:func:`transfer_holds`)."""
    found: dict[uuid.UUID, dt.date | None] = dict.fromkeys(people.ids)
    for condition in people.where(ScreeningRun.person_id):
        stmt = (
            select(ScreeningRun.person_id, func.max(ScreeningRun.at))
            .where(condition)
            .group_by(ScreeningRun.person_id)
        )
        for pid, at in session.execute(stmt):
            found[pid] = at.date()
    return found


def transfer_holds(session: Session, people: People) -> dict[uuid.UUID, list[Hold]]:
    """The active holds that stop a transfer (screening hits undecided or confirmed, manual
    holds), from ``sijill.holds``."""
    found = holds_service.active(session, people.ids)
    return {
        pid: [Hold(h.kind, h.description) for h in holds if blocks(h.kind, Action.TRANSFER)]
        for pid, holds in found.items()
    }


def transfer_case_open(session: Session, people: People) -> dict[uuid.UUID, bool]:
    """Whether each person's case has a transfer pathway in an active state (proposed, in
    legal review or approved: not yet transferred, refused or cancelled). False blocks."""
    active = machine(Pathway.TRANSFER).open_states()
    found: dict[uuid.UUID, bool] = dict.fromkeys(people.ids, False)
    for condition in people.where(CasePathway.person_id):
        stmt = select(CasePathway.person_id).where(
            condition,
            CasePathway.pathway == Pathway.TRANSFER.value,
            CasePathway.is_open.is_(True),
            CasePathway.status.in_(active),
        )
        found.update(dict.fromkeys(session.scalars(stmt), True))
    return found


def traits(session: Session, people: People) -> dict[uuid.UUID, PersonTraits]:
    """Nationalities, languages and armed groups of each person, which the country-risk
    register's groups are matched against."""
    groups: dict[uuid.UUID, list[str]] = {}
    rows: dict[uuid.UUID, tuple[list[str], list[str]]] = {}
    for condition in people.where(Person.id):
        stmt = select(Person.id, Person.nationalities, Person.languages).where(condition)
        for pid, nationalities, languages in session.execute(stmt):
            rows[pid] = (list(nationalities or []), list(languages or []))
    affiliations = (
        select(Affiliation.person_id, ArmedGroup.name)
        .join(ArmedGroup, ArmedGroup.id == Affiliation.group_id)
        .where(Affiliation.retired_at.is_(None))
    )
    for condition in people.where(Affiliation.person_id):
        for pid, name in session.execute(affiliations.where(condition)):
            groups.setdefault(pid, []).append(name)
    return {
        pid: PersonTraits(tuple(nat), tuple(lang), tuple(groups.get(pid, [])))
        for pid, (nat, lang) in rows.items()
    }
