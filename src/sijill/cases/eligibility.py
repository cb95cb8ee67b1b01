"""Eligibility: the facts of each person, the active rule file, uploads and activation."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Select, case, func, select, update
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.cases import rules
from sijill.cases.access import person_for_read
from sijill.cases.models import CasePathway, EligibilityRules
from sijill.cases.schemas import EligibilityOut, ExplanationOut, RulesOut, RulesPreview
from sijill.cases.workflow import ArmyStatus, CivilianStatus, Pathway
from sijill.errors import Conflict, InvalidInput, Msg, NotFound
from sijill.holds.models import PersonHold
from sijill.holds.rules import Action, HoldKind, blocks
from sijill.registry.models import Affiliation, FamilyLink, Person
from sijill.registry.vocab import Relation
from sijill.timeutil import utcnow

Facts = dict[str, rules.FactValue]


# ---- facts ----------------------------------------------------------------------------
#
# People who share every fact share every answer, so the registry is read as groups of
# identical facts with a count (a GROUP BY in the database), and each group is evaluated once.


def _day(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "postgresql":  # the day in UTC, whatever the server's
        return func.date(func.timezone("UTC", column))
    return func.date(column)


def _flag(condition: Any) -> Any:
    return func.max(case((condition, 1), else_=0))


def _groups_stmt(session: Session, person_id: uuid.UUID | None) -> Select[Any]:
    def only(stmt: Any, column: Any) -> Any:
        return stmt if person_id is None else stmt.where(column == person_id)

    first = only(
        select(Affiliation.person_id, func.min(Affiliation.date_from).label("first"))
        .where(Affiliation.retired_at.is_(None), Affiliation.date_from.is_not(None))
        .group_by(Affiliation.person_id),
        Affiliation.person_id,
    ).subquery()
    ties = only(
        select(FamilyLink.person_id, func.count().label("n"))
        .where(FamilyLink.retired_at.is_(None))
        .where(FamilyLink.relation.in_([Relation.SPOUSE.value, Relation.CHILD.value]))
        .group_by(FamilyLink.person_id),
        FamilyLink.person_id,
    ).subquery()
    paper_kinds = [k.value for k in HoldKind if blocks(k, Action.PAPERS)]
    held = only(
        select(PersonHold.person_id, func.count().label("n"))
        .where(PersonHold.released_at.is_(None), PersonHold.kind.in_(paper_kinds))
        .group_by(PersonHold.person_id),
        PersonHold.person_id,
    ).subquery()
    cp = CasePathway
    flags = only(
        select(
            cp.person_id,
            _flag((cp.pathway == Pathway.JUDICIAL.value) & cp.is_open.is_(True)).label("judicial"),
            _flag(cp.status == ArmyStatus.INTEGRATED.value).label("army"),
            _flag(cp.status == CivilianStatus.COMPLETED.value).label("civilian"),
        )
        .where(cp.pathway.in_([Pathway.JUDICIAL.value, Pathway.ARMY.value, Pathway.CIVILIAN.value]))
        .group_by(cp.person_id),
        cp.person_id,
    ).subquery()
    columns = (
        _day(session, Person.created_at),
        Person.dob_year,
        first.c.first,
        func.coalesce(ties.c.n, 0),
        held.c.n.is_not(None),
        func.coalesce(flags.c.judicial, 0),
        func.coalesce(flags.c.army, 0),
        func.coalesce(flags.c.civilian, 0),
    )
    stmt = (
        select(*columns, func.count())
        .outerjoin(first, first.c.person_id == Person.id)
        .outerjoin(ties, ties.c.person_id == Person.id)
        .outerjoin(held, held.c.person_id == Person.id)
        .outerjoin(flags, flags.c.person_id == Person.id)
        .group_by(*columns)
    )
    result: Select[Any] = only(stmt, Person.id)
    return result


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _first_year(text: str | None) -> dt.date | None:
    if text and text[:4].isdigit():
        return dt.date(int(text[:4]), 1, 1)
    return None


def fact_groups(
    session: Session, person_id: uuid.UUID | None = None
) -> Iterator[tuple[Facts, int]]:
    """The facts of every person (or one), as (facts, how many people have exactly these).

    See :data:`sijill.cases.rules.FACTS`. ``years_present`` counts from the earliest of the
    start of an affiliation and the registration."""
    today = utcnow().date()
    for reg, dob_year, first, ties, held, judicial, army, civilian, n in session.execute(
        _groups_stmt(session, person_id)
    ):
        since = min(d for d in (_first_year(first), _date(reg)) if d is not None)
        facts: Facts = {
            "years_present": round((today - since).days / 365.25, 2),
            "age": today.year - dob_year if dob_year is not None else None,
            "screening_cleared": not held,
            "open_judicial_matter": bool(judicial),
            "family_ties": int(ties),
            "army_integrated": bool(army),
            "reintegration_completed": bool(civilian),
        }
        yield facts, int(n)


# ---- rule files -----------------------------------------------------------------------


def _active_row(session: Session) -> EligibilityRules | None:
    return session.scalar(select(EligibilityRules).where(EligibilityRules.active.is_(True)))


def active_rules(session: Session) -> rules.RuleSet:
    """The active rule set: the last activated upload, else the shipped default."""
    row = _active_row(session)
    return rules.parse(row.source) if row is not None else rules.default_rules()


def _outcome(outcome: rules.Outcome) -> EligibilityOut:
    return EligibilityOut(
        document=outcome.document,
        eligible=outcome.eligible,
        rule_version=outcome.version,
        explanations=[ExplanationOut(**vars(e)) for e in outcome.explanations],
    )


def evaluate_person(session: Session, person_id: uuid.UUID, document: str) -> EligibilityOut:
    """One person under the active rules, every condition explained (no actor: a guard)."""
    found = next(fact_groups(session, person_id), None)
    if found is None:
        raise NotFound(Msg("No such person."))
    return _outcome(rules.evaluate(active_rules(session), document, found[0]))


def eligibility_for(session: Session, actor: Actor, regno: str) -> list[EligibilityOut]:
    person = person_for_read(session, actor, regno)
    return [evaluate_person(session, person.id, doc) for doc in rules.DOCUMENTS]


def count_eligible(session: Session, actor: Actor) -> dict[str, int]:
    """How many people of the whole registry are eligible for each document."""
    actor.require(Permission.ELIGIBILITY_MANAGE)
    active = active_rules(session)
    counts: Counter[str] = Counter({doc: 0 for doc in rules.DOCUMENTS})
    for facts, n in fact_groups(session):
        counts["people"] += n
        for doc in rules.DOCUMENTS:
            counts[doc] += n * rules.decide(active, doc, facts)
    return dict(counts)


def _rules_out(row: EligibilityRules) -> RulesOut:
    return RulesOut(
        id=row.id,
        version=row.version,
        name=row.name,
        uploaded_at=row.uploaded_at,
        uploaded_by=row.uploaded_by,
        active=row.active,
    )


def list_rules(session: Session, actor: Actor) -> tuple[RulesOut, list[RulesOut]]:
    """The active rules, and every uploaded file (newest first)."""
    actor.require(Permission.ELIGIBILITY_MANAGE)
    active = active_rules(session)
    current = RulesOut(
        id=None,
        version=active.version,
        name=active.name,
        uploaded_at=None,
        uploaded_by=None,
        active=True,
    )
    row = _active_row(session)
    uploads = session.scalars(select(EligibilityRules).order_by(EligibilityRules.version.desc()))
    return (_rules_out(row) if row else current), [_rules_out(r) for r in uploads]


def upload(session: Session, actor: Actor, text: str) -> RulesOut:
    """Store a new rule file, not yet active. A file that does not parse is refused whole."""
    actor.require(Permission.ELIGIBILITY_MANAGE)
    try:
        parsed = rules.parse(text)
    except rules.RuleFileError as exc:
        raise InvalidInput(
            {"file": Msg("Line {line}: {reason}", line=exc.line, reason=exc.reason)}
        ) from None
    highest = max(
        [
            active_rules(session).version,
            rules.default_rules().version,
            session.scalar(select(func.max(EligibilityRules.version))) or 0,
        ]
    )
    if parsed.version <= highest:
        raise Conflict(Msg("The file's version must be higher than {v}.", v=highest), field="file")
    row = EligibilityRules(
        id=uuid.uuid4(),
        version=parsed.version,
        name=parsed.name,
        source=text,
        uploaded_at=utcnow(),
        uploaded_by=actor.username,
        active=False,
    )
    session.add(row)
    audit.record(
        session,
        actor,
        "cases:rules:uploaded",
        "eligibility_rules",
        row.id,
        {"version": parsed.version, "name": parsed.name},
    )
    return _rules_out(row)


def _row(session: Session, rules_id: uuid.UUID) -> EligibilityRules:
    row = session.get(EligibilityRules, rules_id)
    if row is None:
        raise NotFound(Msg("No such rule file."))
    return row


def preview(session: Session, actor: Actor, rules_id: uuid.UUID) -> RulesPreview:
    """How many people's eligibility would change if this file became the active rules."""
    actor.require(Permission.ELIGIBILITY_MANAGE)
    row = _row(session, rules_id)
    old, new = active_rules(session), rules.parse(row.source)
    gained: Counter[str] = Counter({doc: 0 for doc in rules.DOCUMENTS})
    lost: Counter[str] = Counter({doc: 0 for doc in rules.DOCUMENTS})
    people = 0
    for facts, n in fact_groups(session):
        people += n
        for doc in rules.DOCUMENTS:
            before, after = rules.decide(old, doc, facts), rules.decide(new, doc, facts)
            gained[doc] += n * (after and not before)
            lost[doc] += n * (before and not after)
    return RulesPreview(
        rules=_rules_out(row),
        active_version=old.version,
        people=people,
        would_change={d: gained[d] + lost[d] for d in rules.DOCUMENTS},
        newly_eligible=dict(gained),
        no_longer_eligible=dict(lost),
    )


def activate(session: Session, actor: Actor, rules_id: uuid.UUID) -> RulesOut:
    actor.require(Permission.ELIGIBILITY_MANAGE)
    row = _row(session, rules_id)
    if row.active:
        raise Conflict(Msg("These rules are already active."))
    session.execute(update(EligibilityRules).values(active=False))
    row.active = True
    row.activated_at = utcnow()
    audit.record(
        session,
        actor,
        "cases:rules:activated",
        "eligibility_rules",
        row.id,
        {"version": row.version},
    )
    return _rules_out(row)
