"""The country-risk register (administrators) and individual protection factors
(protection officers). Ratings are versioned, factors retired, never overwritten."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sijill.access.actor import Actor
from sijill.access.permissions import Permission
from sijill.audit import service as audit
from sijill.errors import InvalidInput, Msg, NotFound
from sijill.registry import queries as registry_queries
from sijill.timeutil import utcnow
from sijill.transfers import guards
from sijill.transfers.models import CountryRisk, ProtectionFactor
from sijill.transfers.risk import FactorKind, GroupKind, Rating, RiskLevel
from sijill.transfers.schemas import FactorIn, FactorOut, RatingIn, RatingOut


def _rating_out(row: CountryRisk) -> RatingOut:
    return RatingOut(
        id=row.id,
        state=row.state,
        group_kind=GroupKind(row.group_kind) if row.group_kind else None,
        group_value=row.group_value,
        version=row.version,
        level=RiskLevel(row.level),
        source=row.source,
        note=row.note,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
    )


def _group(data: RatingIn) -> tuple[str | None, str | None]:
    value = (data.group_value or "").strip() or None
    if (data.group_kind is None) != (value is None):
        raise InvalidInput({"group_value": Msg("A group needs both its kind and its value.")})
    if data.group_kind in (GroupKind.NATIONALITY, GroupKind.LANGUAGE) and value:
        value = value.upper() if data.group_kind == GroupKind.NATIONALITY else value.lower()
    return (data.group_kind.value if data.group_kind else None), value


def record_rating(session: Session, actor: Actor, data: RatingIn) -> RatingOut:
    """A new version of the rating of a state (or of a group sent there)."""
    actor.require(Permission.COUNTRY_RISK_MANAGE)
    kind, value = _group(data)
    state = data.state.upper()
    latest = session.scalar(
        select(func.max(CountryRisk.version)).where(
            CountryRisk.state == state,
            CountryRisk.group_kind.is_(None) if kind is None else CountryRisk.group_kind == kind,
            CountryRisk.group_value.is_(None)
            if value is None
            else CountryRisk.group_value == value,
        )
    )
    row = CountryRisk(
        state=state,
        group_kind=kind,
        group_value=value,
        version=(latest or 0) + 1,
        level=data.level.value,
        source=data.source,
        note=data.note or None,
        recorded_by=actor.username,
    )
    session.add(row)
    session.flush()  # the id goes into the audit entry
    audit.record(
        session, actor, "transfers:rating:recorded", "country_risk", row.id,
        {"state": state, "group": f"{kind}:{value}" if kind else None,
         "version": row.version, "level": row.level, "source": row.source},
    )  # fmt: skip
    return _rating_out(row)


def _current_rows(session: Session) -> list[CountryRisk]:
    latest: dict[tuple[str, str | None, str | None], CountryRisk] = {}
    for row in session.scalars(select(CountryRisk).order_by(CountryRisk.version)):
        latest[(row.state, row.group_kind, row.group_value)] = row
    return sorted(latest.values(), key=lambda r: (r.state, r.group_kind or "", r.group_value or ""))


def current_ratings(session: Session) -> list[Rating]:
    """The register as the assessment reads it (no permission: used inside other checks)."""
    return [
        Rating(
            state=r.state,
            level=RiskLevel(r.level),
            source=r.source,
            group_kind=GroupKind(r.group_kind) if r.group_kind else None,
            group_value=r.group_value,
        )
        for r in _current_rows(session)
    ]


def list_ratings(session: Session, actor: Actor) -> list[RatingOut]:
    actor.require(Permission.COUNTRY_RISK_READ)
    return [_rating_out(r) for r in _current_rows(session)]


def rating_history(session: Session, actor: Actor, state: str) -> list[RatingOut]:
    """Every version ever recorded for a state, newest first."""
    actor.require(Permission.COUNTRY_RISK_READ)
    stmt = (
        select(CountryRisk)
        .where(CountryRisk.state == state.upper())
        .order_by(CountryRisk.recorded_at.desc(), CountryRisk.version.desc())
    )
    return [_rating_out(r) for r in session.scalars(stmt)]


def _factor_out(row: ProtectionFactor) -> FactorOut:
    return FactorOut(
        id=row.id,
        kind=FactorKind(row.kind),
        note=row.note,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
    )


def add_factor(session: Session, actor: Actor, regno: str, data: FactorIn) -> FactorOut:
    actor.require(Permission.PROTECTION_FACTORS)
    person = registry_queries.load_person(session, actor, regno)
    row = ProtectionFactor(
        person_id=person.id, kind=data.kind.value, note=data.note, recorded_by=actor.username
    )
    session.add(row)
    session.flush()  # the id goes into the audit entry
    audit.record(
        session, actor, "transfers:factor:recorded", "person", person.id,
        {"factor": str(row.id), "kind": row.kind},
    )  # fmt: skip
    return _factor_out(row)


def withdraw_factor(
    session: Session, actor: Actor, regno: str, factor_id: uuid.UUID, reason: str
) -> None:
    """Withdraw a factor recorded in error or no longer true; it stays on record."""
    actor.require(Permission.PROTECTION_FACTORS)
    if not reason.strip():
        raise InvalidInput({"reason": Msg("Withdrawing a factor needs a reason.")})
    person = registry_queries.load_person(session, actor, regno)
    row = session.get(ProtectionFactor, factor_id)
    if row is None or row.person_id != person.id or row.retired_at is not None:
        raise NotFound(Msg("No such current factor for this person."))
    row.retired_at = utcnow()
    row.retired_by = actor.username
    audit.record(
        session, actor, "transfers:factor:withdrawn", "person", person.id,
        {"factor": str(row.id), "kind": row.kind, "reason": reason.strip()},
    )  # fmt: skip


def list_factors(session: Session, actor: Actor, regno: str) -> list[FactorOut]:
    """A person's current factors; the read itself is audited (sensitive)."""
    actor.require(Permission.PROTECTION_FACTORS)
    person = registry_queries.load_person(session, actor, regno)
    stmt = (
        select(ProtectionFactor)
        .where(ProtectionFactor.person_id == person.id, ProtectionFactor.retired_at.is_(None))
        .order_by(ProtectionFactor.recorded_at)
    )
    factors = [_factor_out(r) for r in session.scalars(stmt)]
    audit.record(
        session, actor, "transfers:factor:read", "person", person.id, {"count": len(factors)}
    )
    return factors


def factor_kinds(session: Session, people: guards.People) -> dict[uuid.UUID, set[FactorKind]]:
    """The kinds of current factors per person, for the assessment (notes are not read)."""
    found: dict[uuid.UUID, set[FactorKind]] = {}
    for condition in people.where(ProtectionFactor.person_id):
        stmt = select(ProtectionFactor.person_id, ProtectionFactor.kind).where(
            condition, ProtectionFactor.retired_at.is_(None)
        )
        for pid, kind in session.execute(stmt):
            found.setdefault(pid, set()).add(FactorKind(kind))
    return found
