"""Eligibility: the facts of each person, the active rule file, uploads and activation."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, String, func, select, type_coerce, update
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
# People who share every fact share every answer, so the registry is counted as groups of
# identical facts and each group is evaluated once. Each kind of fact is one plain query (a
# sequential read: no join, no sort) into a dict keyed by person id; the people are then read
# in large batches and counted by their tuple of facts with zip/map/Counter, so no Python
# object is built per person. Ids stay as the driver returns them (no UUID per row).

BATCH = 50_000
NO_FLAGS = (False, False, False)  # open judicial matter, army integrated, reintegration done


def _day(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "postgresql":  # the day in UTC, whatever the server's
        return func.date(func.timezone("UTC", column))
    return func.date(column)


def _raw(column: Any) -> Any:
    return type_coerce(column, String)


def _batches(
    session: Session, stmt: Select[Any], person_id: uuid.UUID | None, column: Any
) -> Iterator[Sequence[Any]]:
    if person_id is not None:
        stmt = stmt.where(column == person_id)
    if session.get_bind().dialect.name == "postgresql":  # a server-side cursor, buffered
        options = {"stream_results": True, "max_row_buffer": BATCH}
        yield from session.connection().execute(stmt, execution_options=options).partitions(BATCH)
        return
    result = session.connection().execute(stmt)
    try:  # the SQLite driver fetches as it goes: plain tuples (these columns need no conversion)
        while rows := result.cursor.fetchmany(BATCH):
            yield rows
    finally:
        result.close()


@dataclass(frozen=True)
class _Known:
    """The facts that only some people have, by person id."""

    first: dict[object, str]  # the earliest start of an affiliation
    ties: Counter[object]  # spouses and children (read with .get: None for none)
    held: set[object]  # an active hold that blocks papers
    flags: dict[object, tuple[bool, bool, bool]]  # see NO_FLAGS


def _first_affiliation(session: Session, person_id: uuid.UUID | None) -> dict[object, str]:
    stmt = select(_raw(Affiliation.person_id), Affiliation.date_from).where(
        Affiliation.retired_at.is_(None), Affiliation.date_from.is_not(None)
    )
    first: dict[object, str] = {}
    for batch in _batches(session, stmt, person_id, Affiliation.person_id):
        for pid, start in batch:
            if pid not in first or start < first[pid]:
                first[pid] = start
    return first


def _known(session: Session, person_id: uuid.UUID | None) -> _Known:
    ties: Counter[object] = Counter()
    links = select(_raw(FamilyLink.person_id)).where(
        FamilyLink.retired_at.is_(None),
        FamilyLink.relation.in_([Relation.SPOUSE.value, Relation.CHILD.value]),
    )
    for batch in _batches(session, links, person_id, FamilyLink.person_id):
        ties.update(map(itemgetter(0), batch))
    paper_kinds = [k.value for k in HoldKind if blocks(k, Action.PAPERS)]
    holds = select(_raw(PersonHold.person_id)).where(
        PersonHold.released_at.is_(None), PersonHold.kind.in_(paper_kinds)
    )
    held = {pid for b in _batches(session, holds, person_id, PersonHold.person_id) for (pid,) in b}
    cp = CasePathway
    pathways = select(_raw(cp.person_id), cp.pathway, cp.status, cp.is_open).where(
        cp.pathway.in_([Pathway.JUDICIAL.value, Pathway.ARMY.value, Pathway.CIVILIAN.value])
    )
    flags: dict[object, tuple[bool, bool, bool]] = {}
    court, integrated = Pathway.JUDICIAL.value, ArmyStatus.INTEGRATED.value
    completed = CivilianStatus.COMPLETED.value
    for batch in _batches(session, pathways, person_id, cp.person_id):
        for pid, path, status, is_open in batch:
            judicial, army, civilian = flags.get(pid, NO_FLAGS)
            flags[pid] = (
                judicial or (path == court and bool(is_open)),
                army or status == integrated,
                civilian or status == completed,
            )
    return _Known(_first_affiliation(session, person_id), ties, held, flags)


def _count_people(session: Session, person_id: uuid.UUID | None) -> Counter[tuple[Any, ...]]:
    """(registered on, year of birth, first affiliation, ties, held, flags): how many people."""
    known = _known(session, person_id)
    people = select(_raw(Person.id), _day(session, Person.created_at), Person.dob_year)
    groups: Counter[tuple[Any, ...]] = Counter()
    for batch in _batches(session, people, person_id, Person.id):
        ids, days, years = zip(*batch, strict=True)
        groups.update(
            zip(
                days,
                years,
                map(known.first.get, ids),
                map(known.ties.get, ids),
                map(known.held.__contains__, ids),
                map(known.flags.get, ids),
                strict=True,
            )
        )
    return groups


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
    session.flush()  # the plain reads below bypass autoflush
    today = utcnow().date()
    for (reg, dob_year, first, ties, held, flags), n in _count_people(session, person_id).items():
        since = min(d for d in (_first_year(first), _date(reg)) if d is not None)
        judicial, army, civilian = flags or NO_FLAGS
        facts: Facts = {
            "years_present": round((today - since).days / 365.25, 2),
            "age": today.year - dob_year if dob_year is not None else None,
            "screening_cleared": not held,
            "open_judicial_matter": judicial,
            "family_ties": ties or 0,
            "army_integrated": army,
            "reintegration_completed": civilian,
        }
        yield facts, n


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
