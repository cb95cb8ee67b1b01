"""Cases and pathways: open them, move them, and answer whether papers may be issued.

Every change writes its audit entry in the caller's transaction. The pure state machines
are in :mod:`sijill.cases.workflow`; this module gathers the facts their guards need.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.cases import access, eligibility, summary
from sijill.cases import queries as case_queries
from sijill.cases.models import CaseFile, CasePathway, CaseTransition, PathwayItem
from sijill.cases.schemas import (
    ITEM_PATHWAY,
    DetailsIn,
    ItemIn,
    ItemUpdateIn,
    PathwayOpenIn,
    PathwayOut,
    TransitionIn,
)
from sijill.cases.workflow import (
    GuardFacts,
    PapersStatus,
    PaperType,
    Pathway,
    check_open,
    is_open_state,
    machine,
    transition,
)
from sijill.errors import Conflict, InvalidInput, Msg, NotFound, RuleViolation
from sijill.holds import service as holds
from sijill.holds.rules import Action
from sijill.registry.models import Person
from sijill.timeutil import utcnow

HOLD_ACTION = {
    Pathway.PAPERS: Action.PAPERS,
    Pathway.ARMY: Action.ARMY_INTEGRATION,
    Pathway.TRANSFER: Action.TRANSFER,
}
NEEDS_ELIGIBILITY = {PaperType.RESIDENCE_PERMIT, PaperType.CITIZENSHIP}
GRANTED = (PapersStatus.APPROVED.value, PapersStatus.ISSUED.value)


# ---- cases ----------------------------------------------------------------------------


def _new_case(session: Session, actor: Actor, person: Person, at: dt.datetime) -> CaseFile:
    case = CaseFile(
        id=uuid.uuid4(),
        person_id=person.id,
        office_id=person.office_id,
        opened_at=at,
        opened_by=actor.username,
    )
    session.add(case)
    audit.record(session, actor, "cases:case:opened", "person", person.id, {"case": str(case.id)})
    return case


def open_case(session: Session, actor: Actor, regno: str) -> uuid.UUID:
    """The person's case, opened now if they have none. Minors' papers follow a parent's."""
    actor.require(Permission.CASE_MANAGE)
    person = access.person_for_write(session, actor, regno)
    existing = session.scalar(select(CaseFile.id).where(CaseFile.person_id == person.id))
    if existing is not None:
        return existing
    if not case_queries.is_adult(person):
        raise RuleViolation(
            Msg("{regno} is a minor: a child's papers follow a parent's case.", regno=regno),
            rule="adults_only",
        )
    return _new_case(session, actor, person, utcnow()).id


def on_person_registered(session: Session, actor: Actor, person_id: uuid.UUID) -> uuid.UUID | None:
    """Open the case of a person just registered, if an adult (called by registration)."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(Msg("No such person."))
    if not case_queries.is_adult(person):
        return None
    existing = session.scalar(select(CaseFile.id).where(CaseFile.person_id == person_id))
    return existing or _new_case(session, actor, person, utcnow()).id


def open_missing_cases(session: Session, actor: Actor, batch: int = 1000) -> int:
    """Open a case for every adult without one (the operator's one-off after an upgrade)."""
    actor.require(Permission.CASE_MANAGE)
    opened = 0
    now = utcnow()
    born_by = now.year - case_queries.ADULT_AGE  # the same rule as is_adult, in SQL
    while True:
        stmt = (
            select(Person)
            .where(~select(CaseFile.id).where(CaseFile.person_id == Person.id).exists())
            .where(Person.dob_year.is_(None) | (Person.dob_year <= born_by))
            .where(access.visible_people(actor))
            .order_by(Person.id)
            .limit(batch)
        )
        people = list(session.scalars(stmt))
        if not people:
            return opened
        for person in people:
            _new_case(session, actor, person, now)
        session.flush()  # the next batch must not see these people again
        opened += len(people)


def _case_of(session: Session, actor: Actor, regno: str) -> tuple[Person, CaseFile]:
    person = access.person_for_write(session, actor, regno)
    case = session.scalar(select(CaseFile).where(CaseFile.person_id == person.id))
    if case is None:
        raise NotFound(Msg("{regno} has no case yet: open one first.", regno=regno))
    return person, case


# ---- pathways -------------------------------------------------------------------------


def _permission(pathway: Pathway) -> Permission:
    return Permission.CASE_JUDICIAL if pathway == Pathway.JUDICIAL else Permission.CASE_MANAGE


def _record(
    session: Session,
    actor: Actor,
    row: CasePathway,
    old: str | None,
    at: dt.datetime,
    data: TransitionIn,
    rule_version: int | None,
) -> None:
    session.add(
        CaseTransition(
            pathway_id=row.id,
            from_status=old,
            to_status=row.status,
            at=at,
            actor=actor.username,
            reason=data.reason,
            legal_basis=data.legal_basis,
            rule_version=rule_version,
        )
    )
    audit.record(
        session,
        actor,
        "cases:pathway:moved",
        "person",
        row.person_id,
        {
            "pathway": row.pathway,
            "document_type": row.document_type,
            "from": old,
            "to": row.status,
            "reason": data.reason,
            "legal_basis": data.legal_basis,
            "rule_version": rule_version,
        },
    )


def open_pathway(
    session: Session, actor: Actor, regno: str, data: PathwayOpenIn, at: dt.datetime | None = None
) -> PathwayOut:
    """Start a pathway in its first state. ``at`` backdates it: demo data only."""
    actor.require(_permission(data.pathway))
    if (data.pathway == Pathway.PAPERS) != (data.document_type is not None):
        raise InvalidInput({"document_type": Msg("Papers, and only papers, name a document.")})
    person, case = _case_of(session, actor, regno)
    doc = data.document_type.value if data.document_type else None
    duplicate = select(CasePathway.id).where(
        CasePathway.case_id == case.id,
        CasePathway.pathway == data.pathway.value,
        CasePathway.document_type.is_(None) if doc is None else CasePathway.document_type == doc,
        CasePathway.is_open.is_(True),
    )
    if session.scalar(duplicate) is not None:
        raise Conflict(Msg("This pathway is already open for {regno}.", regno=regno))
    check_open(data.pathway, _facts(session, person.id, data.pathway, None, ""))
    when = at or utcnow()
    row = CasePathway(
        id=uuid.uuid4(),
        case_id=case.id,
        person_id=person.id,
        office_id=case.office_id,
        pathway=data.pathway.value,
        document_type=doc,
        status=machine(data.pathway).initial,
        is_open=True,
        opened_at=when,
        entered_at=when,
        details={},
    )
    session.add(row)
    summary.add(session, row.office_id, row.pathway, row.status, when, +1)
    _record(
        session,
        actor,
        row,
        None,
        when,
        TransitionIn(target=row.status, reason=data.reason, legal_basis=data.legal_basis),
        None,
    )
    return case_queries.pathway_out(session, row)


def _pathway(session: Session, actor: Actor, pathway_id: uuid.UUID) -> CasePathway:
    if not (actor.can(Permission.CASE_MANAGE) or actor.can(Permission.CASE_JUDICIAL)):
        actor.require(Permission.CASE_MANAGE)
    row = session.get(CasePathway, pathway_id)
    if row is None or not access.may_write_person(session, actor, row.person_id):
        raise NotFound(Msg("No such pathway in your offices."))
    actor.require(_permission(Pathway(row.pathway)))
    return row


def _facts(
    session: Session,
    person_id: uuid.UUID,
    pathway: Pathway,
    row: CasePathway | None,
    legal_basis: str,
) -> GuardFacts:
    action = HOLD_ACTION.get(pathway)
    blocking = holds.blocking(session, person_id, action) if action else []
    counts: dict[tuple[str, bool], int] = {}
    if row is not None:
        stmt = (
            select(PathwayItem.kind, PathwayItem.completed_at.is_not(None), func.count())
            .where(PathwayItem.pathway_id == row.id)
            .group_by(PathwayItem.kind, PathwayItem.completed_at.is_not(None))
        )
        counts = {(k, bool(done)): n for k, done, n in session.execute(stmt)}

    def total(kind: str) -> int:
        return counts.get((kind, True), 0) + counts.get((kind, False), 0)

    return GuardFacts(
        blocking_holds=tuple(str(h.description) for h in blocking),
        open_judicial_matter=case_queries.has_open_judicial(session, person_id),
        courses=total("course"),
        courses_completed=counts.get(("course", True), 0),
        conduct_acknowledged=bool(row is not None and row.details.get("conduct_acknowledged_at")),
        programmes=total("programme"),
        programmes_completed=counts.get(("programme", True), 0),
        legal_basis=legal_basis,
    )


def move(
    session: Session,
    actor: Actor,
    pathway_id: uuid.UUID,
    data: TransitionIn,
    at: dt.datetime | None = None,
) -> PathwayOut:
    """Move a pathway to ``data.target`` or refuse naming the rule. ``at``: demo data only."""
    row = _pathway(session, actor, pathway_id)
    pathway = Pathway(row.pathway)
    facts = _facts(session, row.person_id, pathway, row, data.legal_basis or "")
    rule_version = None
    decision = data.target in (PapersStatus.APPROVED, PapersStatus.REFUSED)
    if pathway == Pathway.PAPERS and decision and row.document_type in NEEDS_ELIGIBILITY:
        # a decision on residence or citizenship is taken under the active rules' version
        outcome = eligibility.evaluate_person(session, row.person_id, str(row.document_type))
        rule_version = outcome.rule_version
        facts = GuardFacts(
            **{**vars(facts), "eligible": outcome.eligible, "needs_eligibility": True}
        )
    old = row.status
    when = at or utcnow()
    row.status = transition(pathway, old, data.target, facts)
    summary.add(session, row.office_id, row.pathway, old, row.entered_at, -1)
    row.entered_at = when
    row.is_open = is_open_state(pathway, row.status)
    if row.is_open:
        summary.add(session, row.office_id, row.pathway, row.status, when, +1)
    else:
        row.closed_at = when
    _record(session, actor, row, old, when, data, rule_version)
    return case_queries.pathway_out(session, row)


def update_details(
    session: Session, actor: Actor, pathway_id: uuid.UUID, data: DetailsIn
) -> PathwayOut:
    """Unit, rank and the conduct acknowledgement (army); court and matter (judicial)."""
    row = _pathway(session, actor, pathway_id)
    allowed = {
        Pathway.ARMY: ("unit", "rank", "conduct_acknowledged"),
        Pathway.JUDICIAL: ("court", "matter"),
    }.get(Pathway(row.pathway), ())
    given = data.model_dump(exclude_none=True)
    wrong = {k: Msg("Not a detail of this pathway.") for k in given if k not in allowed}
    if wrong or not given:
        raise InvalidInput(wrong or {"details": Msg("Nothing to change.")})
    details = dict(row.details)
    for key, value in given.items():
        if key == "conduct_acknowledged":
            details["conduct_acknowledged_at"] = utcnow().isoformat() if value else None
        else:
            details[key] = value
    row.details = details
    audit.record(
        session,
        actor,
        "cases:pathway:details",
        "person",
        row.person_id,
        {"pathway": str(row.id), **given},
    )
    return case_queries.pathway_out(session, row)


def add_item(session: Session, actor: Actor, pathway_id: uuid.UUID, data: ItemIn) -> PathwayOut:
    """A training course, a programme or a hearing, on the pathway it belongs to."""
    row = _pathway(session, actor, pathway_id)
    if ITEM_PATHWAY[data.kind] != Pathway(row.pathway):
        raise InvalidInput(
            {"kind": Msg("A {kind} does not belong to this pathway.", kind=data.kind.value)}
        )
    item = PathwayItem(
        id=uuid.uuid4(),
        pathway_id=row.id,
        kind=data.kind.value,
        name=data.name,
        on_date=data.on_date,
        sessions_attended=0,
        created_at=utcnow(),
        created_by=actor.username,
    )
    session.add(item)
    audit.record(
        session,
        actor,
        "cases:item:added",
        "person",
        row.person_id,
        {"pathway": str(row.id), "item": str(item.id), "kind": data.kind.value},
    )
    return case_queries.pathway_out(session, row)


def update_item(
    session: Session, actor: Actor, item_id: uuid.UUID, data: ItemUpdateIn
) -> PathwayOut:
    """Record attendance, or that the course or programme was completed."""
    if not actor.can(Permission.CASE_JUDICIAL):
        actor.require(Permission.CASE_MANAGE)
    item = session.get(PathwayItem, item_id)
    if item is None:
        raise NotFound(Msg("No such item."))
    row = _pathway(session, actor, item.pathway_id)
    if data.sessions_attended is not None:
        item.sessions_attended = data.sessions_attended
    if data.completed and item.completed_at is None:
        item.completed_at = utcnow()
    audit.record(
        session,
        actor,
        "cases:item:updated",
        "person",
        row.person_id,
        {"item": str(item.id), **data.model_dump(exclude_none=True)},
    )
    return case_queries.pathway_out(session, row)


# ---- for other packages ---------------------------------------------------------------


def papers_allowed(session: Session, person_id: uuid.UUID, document_type: str) -> list[Msg]:
    """Why papers of ``document_type`` may not be issued to the person; empty = allowed.

    Allowed when no hold stops papers and the papers pathway for that document is approved
    (or issued) on the person's own case, or, for a minor, on a parent's case."""
    reasons = [h.description for h in holds.blocking(session, person_id, Action.PAPERS)]
    holders = [person_id, *case_queries.parents_if_minor(session, person_id)]
    granted = select(CasePathway.id).where(
        CasePathway.person_id.in_(holders),
        CasePathway.pathway == Pathway.PAPERS.value,
        CasePathway.document_type == document_type,
        CasePathway.status.in_(GRANTED),
    )
    if session.scalar(granted.limit(1)) is None:
        reasons.append(Msg("No approved {document} in the papers pathway.", document=document_type))
    return reasons
